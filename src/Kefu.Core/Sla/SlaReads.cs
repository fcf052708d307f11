using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Kefu.Core.ServiceRequests;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Sla;

public sealed record SlaClockDto(
    SlaKind Kind,
    SlaClockState State,
    int TargetMinutes,
    DateTime StartedAt,
    DateTime DueAt,
    DateTime WarnAt,
    int RemainingMinutes,
    DateTime? PausedSince,
    int PausedMinutes,
    DateTime? MetAt,
    DateTime? WarnedAt,
    DateTime? BreachedAt);

/// <summary>The SLA panel of a request: level, green channel, overall state and one row per clock.</summary>
public sealed record RequestSlaDto(
    string Number, string? LevelCode, string? LevelNameZh, string? LevelNameEn, bool GreenChannel, SlaState? State, DateTime? NextDueAt,
    string CalendarCode, IReadOnlyList<SlaClockDto> Clocks);

public sealed record SlaBreachDto(
    string Number, SlaKind Kind, string LevelCode, DateTime DueAt, DateTime BreachedAt, Urgency UrgencyBefore, Guid ResponsibilityCentreId);

/// <summary>What the pages and the API read about SLAs, within the caller's unit scope.</summary>
public sealed class SlaReads(KefuDb db, ServiceRequestService requests, ISlaCalendars calendars, TimeProvider time)
{
    public async Task<Result<RequestSlaDto>> ForRequestAsync(Caller caller, string number, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return Error.Forbidden();
        }

        var request = await (await requests.ScopedAsync(caller, ct)).AsNoTracking().Where(r => r.Number == number)
            .Select(r => new { r.Id, r.SlaLevelCode, r.GreenChannel, r.SlaState, r.SlaDueAt, r.ResponsibilityCentreId }).FirstOrDefaultAsync(ct);
        if (request is null)
        {
            return Error.NotFound("Service request");
        }

        var level = await db.Set<ServiceLevel>().AsNoTracking().Where(l => l.Code == request.SlaLevelCode)
            .Select(l => new { l.NameZh, l.NameEn }).FirstOrDefaultAsync(ct);
        var clocks = (await db.Set<SlaClock>().AsNoTracking().Where(c => c.RequestId == request.Id).ToListAsync(ct)).OrderBy(c => c.Kind).ToList();
        var calendar = await calendars.ForUnitAsync(request.ResponsibilityCentreId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        return new RequestSlaDto(
            number, request.SlaLevelCode, level?.NameZh, level?.NameEn, request.GreenChannel, request.SlaState, request.SlaDueAt, calendar.Code,
            clocks.Select(c => new SlaClockDto(
                c.Kind, c.State, c.TargetMinutes, c.StartedAt, c.DueAt, c.WarnAt, (int)Math.Round(c.RemainingAt(now, calendar).TotalMinutes),
                c.PausedSince, c.PausedMinutes, c.MetAt, c.WarnedAt, c.BreachedAt)).ToList());
    }

    /// <summary>Breaches of the caller's units in [from, to) (UTC dates), newest first, for reports.</summary>
    public async Task<Result<IReadOnlyList<SlaBreachDto>>> BreachesAsync(Caller caller, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return Error.Forbidden();
        }

        var scoped = await requests.ScopedAsync(caller, ct);
        var q = db.Set<SlaBreach>().AsNoTracking().Where(b => scoped.Any(r => r.Id == b.RequestId));
        if (from is DateOnly f)
        {
            var start = f.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            q = q.Where(b => b.BreachedAt >= start);
        }

        if (to is DateOnly t)
        {
            var end = t.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            q = q.Where(b => b.BreachedAt < end);
        }

        return await q.OrderByDescending(b => b.BreachedAt).Take(1000)
            .Select(b => new SlaBreachDto(
                db.ServiceRequests.Where(r => r.Id == b.RequestId).Select(r => r.Number).First(), b.Kind, b.LevelCode, b.DueAt, b.BreachedAt,
                b.UrgencyBefore, b.ResponsibilityCentreId))
            .ToListAsync(ct);
    }
}
