using System.Text.Json;
using Kefu.Core.Audit;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Transactions;

/// <summary>Customer merge (CUS-6) support: a customer's purchase history follows it into the survivor.</summary>
public static class TransactionMoves
{
    /// <summary>
    /// Re-points every transaction of <paramref name="from"/> to <paramref name="to"/> with one set-based UPDATE (a customer may have
    /// thousands) and records one audit entry "N transactions moved" on the survivor. Runs in the caller's transaction.
    /// </summary>
    public static async Task<int> MoveAsync(KefuDb db, Caller caller, Guid from, Guid to, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(caller);
        var moved = await db.Transactions.Where(t => t.CustomerId == from).ExecuteUpdateAsync(s => s.SetProperty(t => t.CustomerId, to), ct);
        if (moved > 0)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = now,
                UserId = caller.UserId,
                UserName = caller.UserName,
                Entity = nameof(CustomerTransaction),
                EntityKey = $"{from}>{to}",
                Action = AuditAction.Update,
                Before = JsonSerializer.Serialize(new Dictionary<string, object> { ["CustomerId"] = from, ["Count"] = moved }),
                After = JsonSerializer.Serialize(new Dictionary<string, object> { ["CustomerId"] = to, ["Count"] = moved }),
                CustomerId = to,
            });
        }

        return moved;
    }
}
