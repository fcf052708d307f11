using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Kefu.Core.Data;

/// <summary>
/// The transaction of one use case: its own, or the one it runs inside (an idempotent create stores its key in the same
/// transaction as the record, ADR in docs/architecture.md "API conventions"). Commit and rollback act only on an own transaction;
/// a joined one is finished by whoever began it.
/// </summary>
public sealed class UnitTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction? own;

    private UnitTransaction(IDbContextTransaction? own) => this.own = own;

    public static async Task<UnitTransaction> BeginAsync(DatabaseFacade database, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new UnitTransaction(database.CurrentTransaction is null ? await database.BeginTransactionAsync(ct) : null);
    }

    public Task CommitAsync(CancellationToken ct) => own?.CommitAsync(ct) ?? Task.CompletedTask;

    public Task RollbackAsync(CancellationToken ct) => own?.RollbackAsync(ct) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => own?.DisposeAsync() ?? ValueTask.CompletedTask;
}

public static class UnitTransactionExtensions
{
    /// <summary>Begins a transaction, or joins the one already open on this context.</summary>
    public static Task<UnitTransaction> BeginUnitAsync(this DatabaseFacade database, CancellationToken ct) => UnitTransaction.BeginAsync(database, ct);
}
