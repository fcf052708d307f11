using Kefu.Core.Data;
using Kefu.Core.ServiceRequests;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Sla;

/// <summary>
/// The clocks of a request (SLA-3), driven by the request use cases inside their transaction: started when the request is
/// recorded, paused while it waits for the customer, met by the first response, the arrival on site and the resolution.
/// First response is met by the first staff action after intake: leaving the initial status, an assignment or a long-text
/// entry. Arrival is met on reaching a status flagged "on site"; types without such a status get no arrival clock.
/// Resolution is met on reaching a completed status, which also closes any clock still open.
/// </summary>
public sealed class SlaService(KefuDb db, ServiceLevelService levels, ISlaCalendars calendars, TimeProvider time)
{
    /// <summary>Starts the clocks of a new request (not yet saved) for the level that applies; a request without a level gets none.</summary>
    public async Task StartAsync(ServiceRequest request, StatusProfile profile, CancellationToken ct)
    {
        var applied = await levels.ResolveAsync(request.CustomerId, request.TypeCode, ct);
        if (applied is null)
        {
            return;
        }

        db.Set<SlaClock>().AddRange(Start(request, profile, applied, await calendars.ForUnitAsync(request.ResponsibilityCentreId, ct)));
    }

    /// <summary>The clocks of a new request for <paramref name="applied"/>, summarised on the request; also used by bulk demo data.</summary>
    internal static List<SlaClock> Start(ServiceRequest request, StatusProfile profile, AppliedLevel applied, ISlaCalendar calendar)
    {
        var clocks = new List<SlaClock>();
        foreach (var kind in Enum.GetValues<SlaKind>())
        {
            if (kind == SlaKind.Arrival && !profile.Statuses.Any(s => s.OnSite))
            {
                continue;
            }

            if (applied.Level.Target(request.Urgency, kind) is not int minutes)
            {
                continue;
            }

            var target = applied.GreenChannel ? Math.Max(1, minutes * applied.Level.GreenChannelPercent / 100) : minutes;
            var clock = SlaClock.Start(request.Id, request.CustomerId, kind, applied.Level.Code, target, applied.Level.WarningPercent, request.CreatedAt, calendar);
            if (profile.Initial.WaitsForCustomer)
            {
                clock.Pause(request.CreatedAt);
            }

            clocks.Add(clock);
        }

        request.SetSla(SlaClock.Summarise(clocks), SlaClock.NextDue(clocks), applied.GreenChannel, applied.Level.Code);
        return clocks;
    }

    /// <summary>A status change: meets targets, pauses on entering a status that waits for the customer, resumes on leaving it.</summary>
    public async Task StatusChangedAsync(ServiceRequest request, StatusDefinition from, StatusDefinition to, CancellationToken ct)
    {
        if (request.SlaLevelCode is null)
        {
            return;
        }

        var clocks = await db.Set<SlaClock>().Where(c => c.RequestId == request.Id).ToListAsync(ct);
        if (clocks.Count == 0)
        {
            return;
        }

        var calendar = from.WaitsForCustomer && !to.WaitsForCustomer ? await calendars.ForUnitAsync(request.ResponsibilityCentreId, ct) : null;
        StatusChanged(request, clocks, from, to, time.GetUtcNow().UtcDateTime, calendar);
    }

    /// <summary>
    /// The clocks after a status change at <paramref name="now"/>; <paramref name="calendar"/> (the centre's) is needed only when the
    /// request leaves a status that waits for the customer.
    /// </summary>
    internal static void StatusChanged(ServiceRequest request, List<SlaClock> clocks, StatusDefinition from, StatusDefinition to, DateTime now, ISlaCalendar? calendar)
    {
        if (from.WaitsForCustomer && !to.WaitsForCustomer)
        {
            ArgumentNullException.ThrowIfNull(calendar);
            clocks.ForEach(c => c.Resume(now, calendar));
        }

        if (from.IsInitial)
        {
            Meet(clocks, SlaKind.FirstResponse, now);
        }

        if (to.OnSite)
        {
            Meet(clocks, SlaKind.FirstResponse, now);
            Meet(clocks, SlaKind.Arrival, now);
        }

        if (to.SystemStatus == SystemStatus.Completed)
        {
            clocks.ForEach(c => c.Meet(now));
        }
        else if (to.WaitsForCustomer && !from.WaitsForCustomer)
        {
            clocks.ForEach(c => c.Pause(now));
        }

        request.SetSla(SlaClock.Summarise(clocks), SlaClock.NextDue(clocks), request.GreenChannel, request.SlaLevelCode);
    }

    /// <summary>
    /// The request's urgency or responsibility centre was edited: the open clocks take the level's target for the new urgency
    /// (shortened for the green channel) and the new centre's calendar, counted from their start, keeping the paused time.
    /// A target the level no longer has for the new urgency leaves that clock as it was.
    /// </summary>
    public async Task TargetsChangedAsync(ServiceRequest request, CancellationToken ct)
    {
        if (request.SlaLevelCode is null)
        {
            return;
        }

        var clocks = await db.Set<SlaClock>().Where(c => c.RequestId == request.Id).ToListAsync(ct);
        var level = await db.Set<ServiceLevel>().AsNoTracking().FirstOrDefaultAsync(l => l.Code == request.SlaLevelCode, ct);
        if (clocks.Count == 0 || level is null)
        {
            return;
        }

        var calendar = await calendars.ForUnitAsync(request.ResponsibilityCentreId, ct);
        foreach (var clock in clocks.Where(c => c.IsOpen))
        {
            if (level.Target(request.Urgency, clock.Kind) is int minutes)
            {
                clock.Retarget(request.GreenChannel ? Math.Max(1, minutes * level.GreenChannelPercent / 100) : minutes, level.WarningPercent, calendar);
            }
        }

        request.SetSla(SlaClock.Summarise(clocks), SlaClock.NextDue(clocks), request.GreenChannel, request.SlaLevelCode);
    }

    /// <summary>A staff action on the request (assignment, long-text entry) is its first response.</summary>
    public async Task StaffActedAsync(ServiceRequest request, CancellationToken ct)
    {
        if (request.SlaLevelCode is null)
        {
            return;
        }

        var clocks = await db.Set<SlaClock>().Where(c => c.RequestId == request.Id).ToListAsync(ct);
        if (clocks.Any(c => c.Kind == SlaKind.FirstResponse && c.MetAt is null))
        {
            Meet(clocks, SlaKind.FirstResponse, time.GetUtcNow().UtcDateTime);
            request.SetSla(SlaClock.Summarise(clocks), SlaClock.NextDue(clocks), request.GreenChannel, request.SlaLevelCode);
        }
    }

    private static void Meet(List<SlaClock> clocks, SlaKind kind, DateTime now)
    {
        foreach (var clock in clocks.Where(c => c.Kind == kind))
        {
            clock.Meet(now);
        }
    }
}
