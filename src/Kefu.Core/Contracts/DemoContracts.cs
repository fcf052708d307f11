using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Security;

namespace Kefu.Core.Contracts;

/// <summary>
/// Demo maintenance contracts of one centre, written through <see cref="ContractService"/> by the centre's supervisor: one in force
/// with two covered objects, an interval schedule due within its lead days (the preventive-maintenance job turns it into a request)
/// and a meter schedule predicted from readings; one in force ending within the reminder days; one draft starting next month.
/// </summary>
internal sealed class DemoContracts(ContractService contracts, DemoClock clock)
{
    private static readonly (string Description, string Model)[] Objects =
    [
        ("中央空调主机", "Daikin VRV-X 16HP"), ("新风系统", "Panasonic FY-500"), ("电动窗帘轨道", "Somfy Glydea 60"),
        ("全屋净水设备", "A.O.Smith C2"), ("智能门锁", "Aqara N200"), ("地暖锅炉", "Viessmann Vitodens 100"),
    ];

    public async Task<int> AddAsync(DemoTeam team, Random random, CancellationToken ct)
    {
        var pool = team.Organisations.Count >= 3 ? team.Organisations : team.Customers;
        if (pool.Count < 3)
        {
            return 0;
        }

        var picks = pool.OrderBy(_ => random.Next()).Take(3).ToList();
        var by = team.Supervisor;
        var today = clock.RealToday;
        clock.Set(clock.RealNow.AddDays(-45));

        // In force for ten months more than two months: objects, an interval schedule due in ten days, a meter schedule.
        var full = await CreateAsync(by, picks[0], "full", today.AddDays(-300), today.AddDays(65), 36000m, "yearly", "全屋设备年度全面维保", ct);
        var first = Ok(await contracts.AddObjectAsync(by, full.Number, Object(random, 0), ct));
        var second = Ok(await contracts.AddObjectAsync(by, full.Number, Object(random, 1), ct));
        Ok(await contracts.AddScheduleAsync(by, full.Number, new ScheduleInput(
            "interval", first.Id, 3, today.AddDays(10).AddMonths(-3), null, null, 14, "MNT", true, null), ct));
        clock.Set(clock.RealNow.AddDays(-90));
        Ok(await contracts.AddReadingAsync(by, full.Number, second.Id, new MeterReadingInput(today.AddDays(-90), 1000m), ct));
        clock.Set(clock.RealNow.AddDays(-10));
        Ok(await contracts.AddReadingAsync(by, full.Number, second.Id, new MeterReadingInput(today.AddDays(-10), 1800m), ct));
        Ok(await contracts.AddScheduleAsync(by, full.Number, new ScheduleInput(
            "meter", second.Id, null, null, 1000m, 1000m, 7, "MNT", true, null), ct));
        Ok(await contracts.ActivateAsync(by, full.Number, null, ct));

        // In force, ending in 20 days: the expiry job reminds its people; a half-yearly cleaning five days from now.
        clock.Set(clock.RealNow.AddDays(-200));
        var ending = await CreateAsync(by, picks[1], "contract", today.AddDays(-345), today.AddDays(20), 12800m, "half-yearly", "商用设备维保合同，即将到期，待续签", ct);
        var obj = Ok(await contracts.AddObjectAsync(by, ending.Number, Object(random, 2), ct));
        Ok(await contracts.AddScheduleAsync(by, ending.Number, new ScheduleInput(
            "interval", obj.Id, 6, today.AddDays(5).AddMonths(-6), null, null, 10, "CLN", true, null), ct));
        Ok(await contracts.ActivateAsync(by, ending.Number, null, ct));

        // A draft for next month's remote monitoring, not yet in force.
        clock.Set(clock.RealNow.AddDays(-2));
        var draft = await CreateAsync(by, picks[2], "remote", today.AddDays(25), today.AddDays(390), 6000m, "quarterly", "远程监控服务，待客户签字后生效", ct);
        Ok(await contracts.AddObjectAsync(by, draft.Number, Object(random, 3), ct));
        clock.Reset();
        return 3;
    }

    private async Task<ContractDetail> CreateAsync(
        Caller by, Guid customer, string level, DateOnly start, DateOnly end, decimal fee, string billing, string notes, CancellationToken ct) =>
        Ok(await contracts.CreateAsync(by, new ContractInput
        {
            CustomerId = customer,
            ServiceLevelCode = level,
            StartDate = start,
            EndDate = end,
            Fee = fee,
            BillingPeriod = billing,
            ResponsibleUserId = by.UserId,
            Notes = notes,
        }, ct));

    private static CoveredObjectInput Object(Random random, int index)
    {
        var (description, model) = Objects[(index + random.Next(Objects.Length)) % Objects.Length];
        return new CoveredObjectInput(
            description, model, $"SN{random.Next(100_000, 999_999)}", $"FA-{random.Next(1000, 9999)}", null, null, null, null,
            DateOnly.FromDateTime(DateTime.UnixEpoch).AddDays(19_000 + random.Next(600)), null);
    }

    private static T Ok<T>(Result<T> result) => result.IsSuccess
        ? result.Value
        : throw new InvalidOperationException($"Demo contracts: {result.Error!.Code} {result.Error.Message} "
            + string.Join("; ", (result.Error.Fields ?? new Dictionary<string, string[]>()).Select(f => f.Key + ": " + string.Join(" ", f.Value))));
}
