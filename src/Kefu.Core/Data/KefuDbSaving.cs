using Kefu.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Data;

public static class KefuDbSaving
{
    /// <summary>Saves, turning a lost optimistic-concurrency race into the expected "stale version" error (409).</summary>
    public static async Task<Result<Unit>> SaveOrConflictAsync(this KefuDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
    }
}
