using System.Globalization;
using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Scheduling;
using Kefu.Core.Security;
using Kefu.Core.ServiceRequests;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Contracts;

/// <summary>
/// Daily: for every active schedule of an active contract whose next due day minus the lead days has come (and whose due day
/// lies within the contract period), creates the service request and advances the schedule, in one transaction with an
/// occurrence row unique on (schedule, sequence) — so a second run, or a second node, creates nothing more. A schedule that
/// fell behind catches up one occurrence per run.
/// </summary>
public sealed class PreventiveMaintenanceJob(KefuDb db, ServiceRequestService requests, ContractService contracts, TimeProvider time, BusinessDate dates) : IScheduledJob
{
    public string Name => "preventive-maintenance";

    public string DefaultCron => "0 10 1 * * ?";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var today = dates.Today();
        var due = await db.Set<PreventiveSchedule>().AsNoTracking()
            .Where(s => s.IsActive && s.CreateOn != null && s.CreateOn <= today)
            .Join(db.Set<MaintenanceContract>().Where(c => c.State == ContractState.Active), s => s.ContractId, c => c.Id, (s, c) => new { s, c })
            .Where(x => x.s.NextDue >= x.c.StartDate && x.s.NextDue <= x.c.EndDate)
            .OrderBy(x => x.s.CreateOn).Select(x => x.s.Id).Take(5000).ToListAsync(ct);
        int made = 0, taken = 0, failed = 0;
        var problems = new List<string>();
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var outcome = await CreateOneAsync(id, today, ct);
                if (outcome is null)
                {
                    await tx.CommitAsync(ct);
                    made++;
                }
                else
                {
                    await tx.RollbackAsync(ct);
                    failed++;
                    problems.Add(outcome);
                }
            }
            catch (DbUpdateException)
            {
                // Another run created this occurrence first (unique (schedule, sequence) or the schedule's version moved).
                await tx.RollbackAsync(ct);
                taken++;
            }
        }

        db.ChangeTracker.Clear();
        var line = $"{Name}: {made} request(s) created, {taken} already created by another run, {failed} failed";
        return problems.Count == 0 ? line : line + " (" + string.Join("; ", problems.Take(5)) + ")";
    }

    /// <summary>Creates the request of the schedule's next occurrence; returns why not, or null when done.</summary>
    private async Task<string?> CreateOneAsync(Guid scheduleId, DateOnly today, CancellationToken ct)
    {
        var s = await db.Set<PreventiveSchedule>().FirstAsync(x => x.Id == scheduleId, ct);
        if (!s.IsActive || s.CreateOn is null || s.CreateOn > today || s.NextDue is not DateOnly dueDay)
        {
            return null;
        }

        var c = await db.Set<MaintenanceContract>().AsNoTracking().FirstAsync(x => x.Id == s.ContractId, ct);
        var o = s.CoveredObjectId is Guid objectId ? await db.Set<CoveredObject>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == objectId, ct) : null;
        var now = time.GetUtcNow().UtcDateTime;
        var occurrence = PreventiveOccurrence.Create(s, dueDay, now);
        db.Add(occurrence);
        s.Advance(await contracts.ReadingsOfAsync(s.CoveredObjectId, s.Kind, ct));
        await db.SaveChangesAsync(ct);

        var what = o is null ? "" : " " + o.Description;
        var shortText = $"预防性维护 Preventive maintenance {c.Number}{what}";
        var details = new List<string>
        {
            $"维保合同 Contract: {c.Number}, 等级 level: {c.ServiceLevelCode}",
            $"第 {occurrence.Sequence} 次 / occurrence {occurrence.Sequence}, 到期 due {dueDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        };
        if (o is not null)
        {
            details.Add($"对象 Object: {o.Description}; 型号 model: {o.ProductModel ?? "-"}; 序列号 serial: {o.SerialNumber ?? "-"}; 资产号 asset: {o.AssetNumber ?? "-"}");
        }

        if (s.Kind == ScheduleKind.Meter)
        {
            details.Add($"计数 Meter: {o?.LastMeterReading?.ToString(CultureInfo.InvariantCulture) ?? "-"} ({o?.LastMeterReadingOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}), 每 every {s.MeterInterval?.ToString(CultureInfo.InvariantCulture)}");
        }

        var input = new ServiceRequestInput
        {
            Type = s.RequestTypeCode,
            Channel = "technical-support",
            ChargeMode = "free",
            ShortText = shortText.Length > 200 ? shortText[..200] : shortText,
            LongText = string.Join("\n", details),
            CustomerId = c.CustomerId,
            ResponsibilityCentreId = c.ResponsibleUnitId,
            ReferenceDocument = c.Number,
            ReferenceDate = dueDay,
            RequiredStart = dates.ToUtc(dueDay, new TimeOnly(9, 0)),
            ObjectAddress = o?.Street is string street ? new ObjectAddressInput(o.Province, o.City, o.District, street) : null,
        };
        var created = await requests.CreateAsync(Caller.System, input, ct);
        if (!created.IsSuccess)
        {
            var fields = created.Error!.Fields is { } f ? " " + string.Join(", ", f.Select(x => x.Key + ": " + string.Join(" ", x.Value))) : "";
            return $"{c.Number}: {created.Error.Message}{fields}";
        }

        occurrence.Created(created.Value.Id);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
