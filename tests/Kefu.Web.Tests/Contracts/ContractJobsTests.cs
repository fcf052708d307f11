using System.Net.Http.Json;
using Kefu.Core.Contracts;
using Kefu.Core.Notifications;
using Kefu.Core.ServiceRequests;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Kefu.Web.Tests.Contracts.ContractBodies;

namespace Kefu.Web.Tests.Contracts;

/// <summary>The preventive-maintenance and contract-expiry jobs on the controllable clock, with mail going to the SMTP sink.</summary>
public abstract class ContractJobsTests(MailApp app)
{
    private Task<List<ServiceRequest>> RequestsOfAsync(string contractNumber) =>
        app.WithDbAsync(db => db.ServiceRequests.AsNoTracking().Include(r => r.Log)
            .Where(r => r.ReferenceDocument == contractNumber).OrderBy(r => r.CreatedAt).ToListAsync());

    [Fact]
    public async Task PreventiveMaintenance_IntervalSchedule_CreatedLeadDaysAhead_OncePerOccurrence_ThenNextScheduled()
    {
        var today = Today(app);
        var c = await ContractAsync(app, today, today.AddYears(1));
        var number = c["number"]!.GetValue<string>();
        var o = await AddAsync(app, $"/api/v1/contracts/{number}/objects", new
        {
            description = "中央空调主机", productModel = "YK-300", serialNumber = "SN-4711", assetNumber = "FA-9", city = "上海市", street = "虹桥路100号",
        });
        var s = await AddAsync(app, $"/api/v1/contracts/{number}/schedules", new { kind = "interval", intervalMonths = 3, coveredObjectId = o["id"], leadDays = 10 });
        var due = today.AddMonths(3);
        Assert.Equal(Day(due), s["nextDue"]!.GetValue<string>());

        await RunJobOnAsync(app, "preventive-maintenance", due.AddDays(-11));
        Assert.Empty(await RequestsOfAsync(number));

        await RunJobOnAsync(app, "preventive-maintenance", due.AddDays(-10));
        await RunJobOnAsync(app, "preventive-maintenance", due.AddDays(-10));
        await RunJobOnAsync(app, "preventive-maintenance", due.AddDays(-9));
        var request = Assert.Single(await RequestsOfAsync(number));
        Assert.Equal("MNT", request.TypeCode);
        Assert.Equal(Guid.Parse(c["customerId"]!.GetValue<string>()), request.CustomerId);
        Assert.Equal(app.Org.RcA, request.ResponsibilityCentreId);
        Assert.Equal("虹桥路100号", request.ObjectStreet);
        Assert.Equal(Dates(app).ToUtc(due, new TimeOnly(9, 0)), request.RequiredStart);
        Assert.Contains("中央空调主机", request.ShortText, StringComparison.Ordinal);
        Assert.Contains("SN-4711", request.Log[0].Text, StringComparison.Ordinal);

        var detail = await GetAsync(app, number);
        var schedule = detail["schedules"]![0]!;
        Assert.Equal(Day(today.AddMonths(6)), schedule["nextDue"]!.GetValue<string>());
        Assert.Equal(1, schedule["generated"]!.GetValue<int>());
        var generated = Assert.Single(detail["requests"]!.AsArray())!;
        Assert.Equal(request.Number, generated["requestNumber"]!.GetValue<string>());
        Assert.Equal(Day(due), generated["dueDate"]!.GetValue<string>());

        await RunJobOnAsync(app, "preventive-maintenance", today.AddMonths(6).AddDays(-10));
        Assert.Equal(2, (await RequestsOfAsync(number)).Count);
    }

    [Fact]
    public async Task PreventiveMaintenance_TwoRunsAtOnce_CreateOneRequest()
    {
        var today = Today(app);
        var c = await ContractAsync(app, today, today.AddYears(1));
        var number = c["number"]!.GetValue<string>();
        await AddAsync(app, $"/api/v1/contracts/{number}/schedules", new { kind = "interval", intervalMonths = 1, leadDays = 3 });
        var day = today.AddMonths(1).AddDays(-3);
        app.Clock.SetUtcNow(new DateTimeOffset(Dates(app).ToUtc(day, new TimeOnly(12, 0))));
        try
        {
            var runs = Enumerable.Range(0, 2).Select(async _ =>
            {
                await using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateAsyncScope(app.Services);
                var job = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
                    .GetRequiredService<IEnumerable<Kefu.Core.Scheduling.IScheduledJob>>(scope.ServiceProvider).Single(j => j.Name == "preventive-maintenance");
                try
                {
                    return await job.RunAsync(CancellationToken.None);
                }
                catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
                {
                    // SQLite may refuse the second writer outright ("database is locked"); the point is what gets created.
                    return e.Message;
                }
            }).ToList();
            await Task.WhenAll(runs);
        }
        finally
        {
            app.Clock.Reset();
        }

        var request = Assert.Single(await RequestsOfAsync(number));
        Assert.Contains("Preventive maintenance", request.ShortText, StringComparison.Ordinal);
        Assert.Equal("漕溪北路1号", request.ObjectStreet);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<PreventiveOccurrence>().CountAsync(x => x.ContractId == Guid.Parse(c["id"]!.GetValue<string>()))));
    }

    [Fact]
    public async Task PreventiveMaintenance_OutsideThePeriodOrInactiveContract_CreatesNothing()
    {
        var today = Today(app);
        var ending = await ContractAsync(app, today, today.AddMonths(2));
        await AddAsync(app, $"/api/v1/contracts/{ending["number"]}/schedules", new { kind = "interval", intervalMonths = 3, leadDays = 40 });
        var draft = await ContractAsync(app, today, today.AddYears(1), activate: false);
        await AddAsync(app, $"/api/v1/contracts/{draft["number"]}/schedules", new { kind = "interval", intervalMonths = 1, leadDays = 0 });
        await RunJobOnAsync(app, "preventive-maintenance", today.AddMonths(3));
        Assert.Empty(await RequestsOfAsync(ending["number"]!.GetValue<string>()));
        Assert.Empty(await RequestsOfAsync(draft["number"]!.GetValue<string>()));
    }

    [Fact]
    public async Task PreventiveMaintenance_MeterSchedule_PredictedFromTheRate_ThenOnTheThreshold()
    {
        var today = Today(app);
        var c = await ContractAsync(app, today.AddMonths(-1), today.AddYears(1));
        var number = c["number"]!.GetValue<string>();
        var o = await AddAsync(app, $"/api/v1/contracts/{number}/objects", new { description = "复印机", serialNumber = "CP-9" });
        var readings = $"/api/v1/contracts/{number}/objects/{o["id"]}/readings";
        var s = await AddAsync(app, $"/api/v1/contracts/{number}/schedules", new { kind = "meter", coveredObjectId = o["id"], meterInterval = 1000, leadDays = 5 });
        Assert.Null(s["nextDue"]);
        await AddAsync(app, readings, new { readOn = Day(today.AddDays(-20)), value = 100 });
        await AddAsync(app, readings, new { readOn = Day(today.AddDays(-10)), value = 300 });

        // 20 units a day; 700 to go from 300 → 35 days after the last reading.
        var predicted = today.AddDays(25);
        Assert.Equal(Day(predicted), (await GetAsync(app, number))["schedules"]![0]!["nextDue"]!.GetValue<string>());
        await RunJobOnAsync(app, "preventive-maintenance", predicted.AddDays(-6));
        Assert.Empty(await RequestsOfAsync(number));
        await RunJobOnAsync(app, "preventive-maintenance", predicted.AddDays(-5));
        Assert.Single(await RequestsOfAsync(number));

        var after = (await GetAsync(app, number))["schedules"]![0]!;
        Assert.Equal(1000m, after["meterBaseline"]!.GetValue<decimal>());
        Assert.Equal(Day(today.AddDays(-10 + 85)), after["nextDue"]!.GetValue<string>());

        // A reading past the next threshold (2000) makes it due on the day of that reading.
        await AddAsync(app, readings, new { readOn = Day(today), value = 2100 });
        Assert.Equal(Day(today), (await GetAsync(app, number))["schedules"]![0]!["nextDue"]!.GetValue<string>());
        await RunJobOnAsync(app, "preventive-maintenance", today);
        await RunJobOnAsync(app, "preventive-maintenance", today);
        Assert.Equal(2, (await RequestsOfAsync(number)).Count);
        Assert.Equal(2100m, (await GetAsync(app, number))["schedules"]![0]!["meterBaseline"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task ContractExpiry_RemindsInAppAndByMailOncePerStep_ThenExpires()
    {
        var today = Today(app);
        using var admin = await app.AdminAsync();
        var users = await admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/api/v1/users");
        var supervisor = Guid.Parse(users!.Single(u => u!["userName"]!.GetValue<string>() == TestOrg.SupervisorA)!["id"]!.GetValue<string>());
        var end = today.AddDays(40);
        var c = await ContractAsync(app, today.AddYears(-1), end, change: b =>
        {
            b["responsibleUserId"] = supervisor.ToString();
            b["accountManagerId"] = app.Org.ManagerA.ToString();
        });
        var number = c["number"]!.GetValue<string>();
        var contractId = Guid.Parse(c["id"]!.GetValue<string>());
        Task<int> NoticesAsync(Guid user) => app.WithDbAsync(db => db.Set<Notification>().CountAsync(n => n.UserId == user && n.Link!.Contains(number)));
        int MailsAbout() => app.Smtp.ReceivedEmail.Count(m => m.Subject.Contains(number, StringComparison.Ordinal));

        await RunJobOnAsync(app, "contract-expiry", end.AddDays(-31));
        Assert.Equal(0, await NoticesAsync(supervisor));

        await RunJobOnAsync(app, "contract-expiry", end.AddDays(-30));
        await RunJobOnAsync(app, "contract-expiry", end.AddDays(-29));
        var mail = await app.MailAsync(number + " ends in 30 day");
        Assert.Equal(
            [TestOrg.ManagerAName + "@test.kefu.local", TestOrg.SupervisorA + "@test.kefu.local"],
            mail.ToAddresses.Select(a => a.Address).Order(StringComparer.Ordinal));
        Assert.Equal(1, await NoticesAsync(supervisor));
        Assert.Equal(1, await NoticesAsync(app.Org.ManagerA));

        await RunJobOnAsync(app, "contract-expiry", end.AddDays(-7));
        await app.MailAsync(number + " ends in 7 day");
        await RunJobOnAsync(app, "contract-expiry", end);
        Assert.Equal(2, await NoticesAsync(app.Org.ManagerA));
        await Task.Delay(600);
        Assert.Equal(2, MailsAbout());
        Assert.Equal("active", (await GetAsync(app, number))["state"]!.GetValue<string>());

        await RunJobOnAsync(app, "contract-expiry", end.AddDays(1));
        var expired = await GetAsync(app, number);
        Assert.Equal("expired", expired["state"]!.GetValue<string>());
        Assert.Equal([30, 7], expired["reminders"]!.AsArray().Select(r => r!["daysBefore"]!.GetValue<int>()));
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<ContractReminder>().CountAsync(r => r.ContractId == contractId)));
    }

    [Fact]
    public async Task ContractExpiry_FirstRunInsideBothSteps_SendsOneReminderForBoth()
    {
        var today = Today(app);
        var c = await ContractAsync(app, today.AddYears(-1), today.AddDays(5), change: b => b["accountManagerId"] = app.Org.ManagerA.ToString());
        var number = c["number"]!.GetValue<string>();
        await RunJobOnAsync(app, "contract-expiry", today);
        await app.MailAsync(number + " ends in 5 day");
        await RunJobOnAsync(app, "contract-expiry", today.AddDays(1));
        await Task.Delay(600);
        Assert.Equal(1, app.Smtp.ReceivedEmail.Count(m => m.Subject.Contains(number, StringComparison.Ordinal)));
        var id = Guid.Parse(c["id"]!.GetValue<string>());
        Assert.Equal([7, 30], (await app.WithDbAsync(db => db.Set<ContractReminder>().Where(r => r.ContractId == id).Select(r => r.DaysBefore).ToListAsync())).Order());
    }
}

public sealed class ContractJobsSqliteTests(SqliteMailApp app) : ContractJobsTests(app), IClassFixture<SqliteMailApp>;

public sealed class ContractJobsPostgresTests(PostgresMailApp app) : ContractJobsTests(app), IClassFixture<PostgresMailApp>;
