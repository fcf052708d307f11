using Kefu.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Contracts;

/// <summary>What customer merge and delete need to know about contracts.</summary>
internal static class ContractCustomerLinks
{
    public static Task<bool> AnyAsync(KefuDb db, Guid customerId, CancellationToken ct) =>
        db.Set<MaintenanceContract>().AnyAsync(c => c.CustomerId == customerId, ct);

    /// <summary>Re-points the duplicate's contracts and every row under them to the survivor, tracked so the audit shows the move.</summary>
    public static async Task MoveAsync(KefuDb db, Guid from, Guid to, CancellationToken ct)
    {
        foreach (var c in await db.Set<MaintenanceContract>().Where(x => x.CustomerId == from).ToListAsync(ct))
        {
            c.MoveToCustomer(to);
        }

        foreach (var o in await db.Set<CoveredObject>().Where(x => x.CustomerId == from).ToListAsync(ct))
        {
            o.MoveToCustomer(to);
        }

        foreach (var r in await db.Set<MeterReading>().Where(x => x.CustomerId == from).ToListAsync(ct))
        {
            r.MoveToCustomer(to);
        }

        foreach (var s in await db.Set<PreventiveSchedule>().Where(x => x.CustomerId == from).ToListAsync(ct))
        {
            s.MoveToCustomer(to);
        }

        foreach (var o in await db.Set<PreventiveOccurrence>().Where(x => x.CustomerId == from).ToListAsync(ct))
        {
            o.MoveToCustomer(to);
        }

        foreach (var r in await db.Set<ContractReminder>().Where(x => x.CustomerId == from).ToListAsync(ct))
        {
            r.MoveToCustomer(to);
        }
    }
}
