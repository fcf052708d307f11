using Kefu.Core.Common;
using Kefu.Core.Customers;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Audit;

public sealed record AuditEntryDto(
    long Id, DateTime At, string UserName, string Entity, string EntityKey, AuditAction Action, string? Before, string? After);

public sealed record AuditQuery(string? Entity = null, string? EntityKey = null, string? User = null, long? Before = null, int Limit = 50);

public sealed class AuditService(KefuDb db, CustomerService customers)
{
    /// <summary>The audit log for administrators, newest first, keyset-paged by id.</summary>
    public async Task<Result<Page<AuditEntryDto>>> ListAsync(Caller caller, AuditQuery query, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Entity))
        {
            q = q.Where(a => a.Entity == query.Entity);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityKey))
        {
            q = q.Where(a => a.EntityKey == query.EntityKey);
        }

        if (!string.IsNullOrWhiteSpace(query.User))
        {
            q = q.Where(a => a.UserName == query.User);
        }

        return await PageAsync(q, query.Before, query.Limit, ct);
    }

    /// <summary>
    /// Every change to a customer and the rows it owns (the "history" panel), including the history of the customers merged into it
    /// (their rows' moves are audited on them, CUS-6).
    /// </summary>
    public async Task<Result<Page<AuditEntryDto>>> ForCustomerAsync(
        Caller caller, Guid customerId, long? before = null, int limit = 50, CancellationToken ct = default)
    {
        if (!await customers.IsVisibleAsync(caller, customerId, ct))
        {
            return caller.IsInAny(Roles.Staff) ? Error.NotFound("Customer") : Error.Forbidden();
        }

        var ids = await WithMergedAsync(customerId, ct);
        return await PageAsync(db.AuditEntries.AsNoTracking().Where(a => a.CustomerId != null && ids.Contains(a.CustomerId.Value)), before, limit, ct);
    }

    /// <summary>The customer and, through the merge summaries, every customer merged into it (and into those), a few levels deep.</summary>
    private async Task<List<Guid>> WithMergedAsync(Guid customerId, CancellationToken ct)
    {
        var ids = new List<Guid> { customerId };
        var frontier = ids.ToList();
        for (var depth = 0; depth < 8 && frontier.Count > 0; depth++)
        {
            var keys = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Entity == CustomerMove.MergeEntity && a.CustomerId != null && frontier.Contains(a.CustomerId.Value))
                .Select(a => a.EntityKey).ToListAsync(ct);
            frontier = keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty && !ids.Contains(id)).Distinct().ToList();
            ids.AddRange(frontier);
        }

        return ids;
    }

    private static async Task<Result<Page<AuditEntryDto>>> PageAsync(IQueryable<AuditEntry> q, long? before, int limit, CancellationToken ct)
    {
        if (limit is < 1 or > 200)
        {
            return Error.Validation("limit", "Must be between 1 and 200.");
        }

        if (before is long b)
        {
            q = q.Where(a => a.Id < b);
        }

        var rows = await q.OrderByDescending(a => a.Id).Take(limit + 1)
            .Select(a => new AuditEntryDto(a.Id, a.At, a.UserName, a.Entity, a.EntityKey, a.Action, a.Before, a.After))
            .ToListAsync(ct);
        var next = rows.Count > limit ? rows[limit - 1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return new Page<AuditEntryDto>(rows.Take(limit).ToList(), next);
    }
}
