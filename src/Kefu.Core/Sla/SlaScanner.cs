using System.Globalization;
using Kefu.Core.Audit;
using Kefu.Core.Data;
using Kefu.Core.Notifications;
using Kefu.Core.Scheduling;
using Kefu.Core.Security;
using Kefu.Core.ServiceRequests;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Sla;

public sealed record SlaScanResult(int Warned, int Breached);

/// <summary>
/// The warning and breach scan (SLA-3). Each step claims its clocks with one set-based UPDATE whose WHERE only matches
/// clocks not yet warned (or still running), so a clock is warned and breached once even when two nodes scan at the same
/// time; the notifications for the claimed clocks commit in the same transaction. The claims are audited per clock and request
/// (<see cref="SetAudit"/>, as <c>system:sla-scan</c> when run as the job); the breach's tracked changes by the interceptor.
/// Warning: the request's responsible person, else the responsibility centre's assistants, in the app and by mail.
/// Breach: the centre's supervisors are notified, the request's urgency rises one step and a <see cref="SlaBreach"/> is kept.
/// </summary>
public sealed class SlaScanner(KefuDb db, NotificationService notifications, MailOptions mail, TimeProvider time)
{
    public async Task<SlaScanResult> ScanAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var breached = await BreachAsync(now, ct);
        var warned = await WarnAsync(now, ct);
        return new SlaScanResult(warned, breached);
    }

    private async Task<int> WarnAsync(DateTime now, CancellationToken ct)
    {
        var claim = Guid.CreateVersion7();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var audit = SetAudit.For(db);
        var claimed = await audit.UpdateAsync<SlaClock>(
            "t.\"State\" = @running AND t.\"WarnAt\" <= @now AND t.\"WarnedAt\" IS NULL",
            [(nameof(SlaClock.WarnedAt), "@now"), (nameof(SlaClock.ClaimId), "@claim")],
            [new("running", SlaClockState.Running), new("now", now), new("claim", claim)], ct: ct);
        if (claimed == 0)
        {
            return 0;
        }

        var rows = await Claimed(claim).ToListAsync(ct);
        await audit.UpdateAsync<ServiceRequest>(
            "t.\"SlaState\" = @onTrack AND t.\"Id\" IN (SELECT c.\"RequestId\" FROM sla_clocks c WHERE c.\"ClaimId\" = @claim)",
            [(nameof(ServiceRequest.SlaState), "@warning")],
            [new("onTrack", SlaState.OnTrack), new("warning", SlaState.Warning), new("claim", claim)], ct: ct);
        var centres = rows.Where(r => r.ResponsiblePersonId is null).Select(r => r.ResponsibilityCentreId).Distinct().ToList();
        var assistants = await db.UsersInRole(Roles.Assistant).Where(u => u.IsActive && u.OrgUnitId != null && centres.Contains(u.OrgUnitId.Value))
            .Select(u => new Person(u.Id, u.Email, u.OrgUnitId)).ToListAsync(ct);
        var persons = rows.Where(r => r.ResponsiblePersonId is not null).Select(r => r.ResponsiblePersonId!.Value).Distinct().ToList();
        var responsible = await db.Users.Where(u => persons.Contains(u.Id)).Select(u => new Person(u.Id, u.Email, u.OrgUnitId)).ToListAsync(ct);
        foreach (var row in rows)
        {
            var people = row.ResponsiblePersonId is Guid p
                ? responsible.Where(u => u.Id == p).ToList()
                : assistants.Where(a => a.OrgUnitId == row.ResponsibilityCentreId).ToList();
            var title = $"SLA 预警 {row.Number} {KindZh(row.Kind)} / SLA warning {row.Number} {KindEn(row.Kind)}";
            var body = $"{row.CustomerName}: {row.ShortText}\n到期 / Due: {row.DueAt:yyyy-MM-dd HH:mm} UTC";
            Send(people, NotificationKinds.SlaWarning, title, body, row, urgent: false);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return claimed;
    }

    private async Task<int> BreachAsync(DateTime now, CancellationToken ct)
    {
        var claim = Guid.CreateVersion7();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await SetAudit.For(db).UpdateAsync<SlaClock>(
            "t.\"State\" = @running AND t.\"DueAt\" <= @now",
            [(nameof(SlaClock.State), "@breached"), (nameof(SlaClock.BreachedAt), "@now"), (nameof(SlaClock.ClaimId), "@claim")],
            [new("running", SlaClockState.Running), new("breached", SlaClockState.Breached), new("now", now), new("claim", claim)], ct: ct);
        if (claimed == 0)
        {
            return 0;
        }

        var rows = await Claimed(claim).ToListAsync(ct);
        var ids = rows.Select(r => r.RequestId).Distinct().ToList();
        // Tracked: the urgency change and the breach record reach the audit trail; breaches per minute are few.
        var requests = await db.ServiceRequests.Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        var clocks = await db.Set<SlaClock>().Where(c => ids.Contains(c.RequestId)).ToListAsync(ct);
        var centres = requests.Select(r => r.ResponsibilityCentreId).Distinct().ToList();
        var supervisors = await db.UsersInRole(Roles.Supervisor).Where(u => u.IsActive && u.OrgUnitId != null && centres.Contains(u.OrgUnitId.Value))
            .Select(u => new Person(u.Id, u.Email, u.OrgUnitId)).ToListAsync(ct);
        foreach (var request in requests)
        {
            var before = request.Urgency;
            foreach (var row in rows.Where(r => r.RequestId == request.Id))
            {
                db.Set<SlaBreach>().Add(SlaBreach.Record(clocks.First(c => c.Id == row.Id), request.ResponsibilityCentreId, before, now));
            }

            request.RaiseUrgency(now);
            var own = clocks.Where(c => c.RequestId == request.Id).ToList();
            request.SetSla(SlaClock.Summarise(own), SlaClock.NextDue(own), request.GreenChannel, request.SlaLevelCode);
            foreach (var row in rows.Where(r => r.RequestId == request.Id))
            {
                var title = $"SLA 超时 {row.Number} {KindZh(row.Kind)} / SLA breached {row.Number} {KindEn(row.Kind)}";
                var body = $"{row.CustomerName}: {row.ShortText}\n到期 / Due: {row.DueAt:yyyy-MM-dd HH:mm} UTC\n" +
                    $"紧急程度 / Urgency: {before} → {request.Urgency}";
                Send(supervisors.Where(s => s.OrgUnitId == request.ResponsibilityCentreId).ToList(), NotificationKinds.SlaBreach, title, body, row, urgent: true);
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return claimed;
    }

    private IQueryable<ClaimedClock> Claimed(Guid claim) =>
        from c in db.Set<SlaClock>()
        where c.ClaimId == claim
        join r in db.ServiceRequests on c.RequestId equals r.Id
        select new ClaimedClock(
            c.Id, c.RequestId, c.Kind, c.DueAt, r.Number, r.ShortText, r.ResponsibilityCentreId, r.ResponsiblePersonId,
            db.Customers.Where(x => x.Id == r.CustomerId).Select(x => x.Name).FirstOrDefault());

    private void Send(List<Person> people, string kind, string title, string body, ClaimedClock row, bool urgent)
    {
        var link = $"{mail.PublicUrl.TrimEnd('/')}/ServiceRequests/Details?number={Uri.EscapeDataString(row.Number)}";
        notifications.Notify(people.Select(p => p.Id), kind, title, body, row.Number);
        notifications.Enqueue(
            people.Select(p => p.Email).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            (urgent ? "[紧急 URGENT] " : "") + title,
            string.Create(CultureInfo.InvariantCulture, $"{body}\n\n打开 / Open: {link}\n"),
            urgent,
            row.Number);
    }

    private static string KindZh(SlaKind kind) => kind switch
    {
        SlaKind.FirstResponse => "首次响应",
        SlaKind.Arrival => "到达现场",
        _ => "解决",
    };

    private static string KindEn(SlaKind kind) => kind switch
    {
        SlaKind.FirstResponse => "first response",
        SlaKind.Arrival => "on-site arrival",
        _ => "resolution",
    };

    private sealed record ClaimedClock(
        Guid Id, Guid RequestId, SlaKind Kind, DateTime DueAt, string Number, string ShortText, Guid ResponsibilityCentreId,
        Guid? ResponsiblePersonId, string? CustomerName);

    private sealed record Person(Guid Id, string? Email, Guid? OrgUnitId);
}

/// <summary>The scan as a scheduled job: every minute, once across the cluster.</summary>
public sealed class SlaScanJob(SlaScanner scanner) : IScheduledJob
{
    public string Name => "sla-scan";

    public string DefaultCron => "0 * * * * ?";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var result = await scanner.ScanAsync(cancellationToken);
        return $"sla-scan: {result.Warned} warned, {result.Breached} breached";
    }
}
