using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.ServiceRequests;

public sealed record MergeInput(string? Duplicate);

public sealed record SplitInput(IReadOnlyList<int>? Lines, string? ShortText);

public sealed record LinkInput(string? To);

public sealed record LinkDto(string Number, LinkKind Kind, bool Outgoing, DateTime At, string By);

/// <summary>Merge duplicates, split a request's items into a new request, link related requests (SRQ-10).</summary>
public sealed class RequestRelations(KefuDb db, ServiceRequestService requests, Sla.SlaService sla, TimeProvider time)
{
    /// <summary>
    /// Merges a duplicate into the survivor: the survivor takes the duplicate's items, long text and timeline (both
    /// histories), the duplicate is completed and points to the survivor. One transaction.
    /// </summary>
    public async Task<Result<ServiceRequestDetail>> MergeAsync(Caller caller, string survivorNumber, MergeInput input, CancellationToken ct = default)
    {
        if (!caller.IsInAny(ServiceRequestService.Recorders))
        {
            return Error.Forbidden();
        }

        if (string.IsNullOrWhiteSpace(input.Duplicate) || input.Duplicate.Trim() == survivorNumber)
        {
            return Error.Validation("duplicate", "Give the number of another request.");
        }

        var scoped = await requests.ScopedAsync(caller, ct);
        var survivor = await scoped.Include(r => r.Items).FirstOrDefaultAsync(r => r.Number == survivorNumber, ct);
        var duplicate = await scoped.Include(r => r.Items).FirstOrDefaultAsync(r => r.Number == input.Duplicate.Trim(), ct);
        if (survivor is null)
        {
            return Error.NotFound("Service request");
        }

        if (duplicate is null)
        {
            return Error.Validation("duplicate", "No such request among yours.");
        }

        if (duplicate.CustomerId != survivor.CustomerId || duplicate.MergedIntoId is not null || survivor.MergedIntoId is not null)
        {
            return Error.Validation("duplicate", "Only open requests of the same customer can be merged.");
        }

        var type = await db.RequestTypeAsync(duplicate.TypeCode, ct);
        var completed = type.Profile().Statuses.FirstOrDefault(s => s.SystemStatus == SystemStatus.Completed);
        if (completed is null)
        {
            return Error.Conflict("Merge.NoCompletedStatus", $"Type {type.Code} has no completed status to close the duplicate with.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginUnitAsync(ct);
        // Tracked, not set-based: a request has few entries and every move must reach the audit trail.
        foreach (var entry in await db.Set<ServiceRequestLogEntry>().Where(l => l.RequestId == duplicate.Id).ToListAsync(ct))
        {
            entry.MoveTo(survivor.Id);
        }

        foreach (var change in await db.Set<ServiceRequestStatusChange>().Where(l => l.RequestId == duplicate.Id).ToListAsync(ct))
        {
            change.MoveTo(survivor.Id);
        }

        survivor.AbsorbItems(duplicate.Items, now);
        survivor.AppendLog($"合并了重复的通知单 / Merged duplicate {duplicate.Number}", caller, now);
        var duplicateFrom = type.Profile().Find(duplicate.UserStatus);
        duplicate.MarkMergedInto(survivor, completed, caller, now);
        if (duplicateFrom is not null)
        {
            await sla.StatusChangedAsync(duplicate, duplicateFrom, completed, ct);
        }
        db.Add(RequestLink.Create(duplicate.Id, survivor.Id, LinkKind.MergedInto, caller.UserName, now));
        var saved = await requests.SaveAsync(ct);
        if (!saved.IsSuccess)
        {
            return saved.Error!;
        }

        await tx.CommitAsync(ct);
        return await requests.DetailAsync(caller, survivorNumber, ct);
    }

    /// <summary>Moves the given item lines into a new request of the same type and customer, linked to this one.</summary>
    public async Task<Result<ServiceRequestDetail>> SplitAsync(Caller caller, string number, SplitInput input, CancellationToken ct = default)
    {
        if (!caller.IsInAny(ServiceRequestService.Recorders))
        {
            return Error.Forbidden();
        }

        var source = await (await requests.ScopedAsync(caller, ct)).Include(r => r.Items).FirstOrDefaultAsync(r => r.Number == number, ct);
        if (source is null)
        {
            return Error.NotFound("Service request");
        }

        var lines = (input.Lines ?? []).Distinct().ToList();
        var e = new ValidationErrors();
        e.MaxLength("shortText", input.ShortText, 200);
        if (lines.Count == 0 || lines.Count >= source.Items.Count)
        {
            e.Add("lines", "Choose some, but not all, of the request's items.");
        }
        else if (lines.FirstOrDefault(l => source.Items.All(i => i.Line != l)) is int missing and not 0)
        {
            e.Add("lines", $"The request has no item {missing}.");
        }

        if (e.Any)
        {
            return e.ToError();
        }

        var type = await db.RequestTypeAsync(source.TypeCode, ct);
        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginUnitAsync(ct);
        var moved = source.TakeItems(lines, now);
        var newNumber = await NumberRanges.TakeAsync(db, type.NumberRangeCode, ct);
        var shortText = string.IsNullOrWhiteSpace(input.ShortText) ? source.ShortText : input.ShortText.Trim();
        var split = ServiceRequest.Create(
            newNumber, source.ToValidWith(shortText, moved, $"拆分自 / Split from {source.Number}"), type.Profile().Initial, caller, now);
        db.ServiceRequests.Add(split);
        await sla.StartAsync(split, type.Profile(), ct);
        source.AppendLog($"拆分出 / Split into {newNumber}: {string.Join(", ", lines.Order())}", caller, now);
        db.Add(RequestLink.Create(split.Id, source.Id, LinkKind.SplitFrom, caller.UserName, now));
        var saved = await requests.SaveAsync(ct);
        if (!saved.IsSuccess)
        {
            return saved.Error!;
        }

        await tx.CommitAsync(ct);
        return await requests.DetailAsync(caller, newNumber, ct);
    }

    public async Task<Result<IReadOnlyList<LinkDto>>> LinkAsync(Caller caller, string number, LinkInput input, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return Error.Forbidden();
        }

        var scoped = await requests.ScopedAsync(caller, ct);
        var from = await scoped.Where(r => r.Number == number).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        if (from is null)
        {
            return Error.NotFound("Service request");
        }

        var other = input.To?.Trim();
        var to = other is null || other == number ? null : await scoped.Where(r => r.Number == other).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        if (to is null)
        {
            return Error.Validation("to", "Give the number of another of your requests.");
        }

        var exists = await db.RequestLinks.AnyAsync(
            l => l.Kind == LinkKind.Related && ((l.FromRequestId == from && l.ToRequestId == to) || (l.FromRequestId == to && l.ToRequestId == from)), ct);
        if (!exists)
        {
            db.RequestLinks.Add(RequestLink.Create(from.Value, to.Value, LinkKind.Related, caller.UserName, time.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(ct);
        }

        return await LinksAsync(caller, number, ct);
    }

    public async Task<Result<IReadOnlyList<LinkDto>>> LinksAsync(Caller caller, string number, CancellationToken ct = default)
    {
        var id = await (await requests.ScopedAsync(caller, ct)).Where(r => r.Number == number).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            return Error.NotFound("Service request");
        }

        var outgoing = db.RequestLinks.Where(l => l.FromRequestId == id)
            .Select(l => new LinkDto(db.ServiceRequests.Where(r => r.Id == l.ToRequestId).Select(r => r.Number).First(), l.Kind, true, l.At, l.ByName));
        var incoming = db.RequestLinks.Where(l => l.ToRequestId == id)
            .Select(l => new LinkDto(db.ServiceRequests.Where(r => r.Id == l.FromRequestId).Select(r => r.Number).First(), l.Kind, false, l.At, l.ByName));
        return (await outgoing.ToListAsync(ct)).Concat(await incoming.ToListAsync(ct)).OrderBy(l => l.At).ToList();
    }
}
