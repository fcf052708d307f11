using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Kefu.Core.Common;
using Kefu.Core.Customers;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Kefu.Core.Transactions;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Transactions;

/// <summary>
/// PostgreSQL only: purchases have no foreign key to customers (ADR-0003), so a writing import, a customer delete and a merge
/// protect each other with row locks: the importer key-share locks every customer it wrote to before it commits (and fails when
/// one has vanished), delete and merge lock the customer(s) for update before they look for purchases. The protocol exists only
/// on PostgreSQL: SQLite has a single writer, so nothing can interleave there (a delete would simply wait for the import's commit).
/// </summary>
public sealed class ImportLockingPostgresTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    private static readonly Caller Admin = Caller.System with { UserName = "admin.test" };

    private Caller ImporterCaller => new(null, TestOrg.AssistantA, new HashSet<string>(StringComparer.Ordinal) { Roles.Assistant }, app.Org.RcA);

    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    private async Task<(Guid Id, string Number)> CustomerAsync()
    {
        using var client = await app.ClientForAsync(TestOrg.AssistantA);
        var c = await Api.JsonAsync(await client.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA)), HttpStatusCode.Created);
        return (Guid.Parse(c["id"]!.GetValue<string>()), c["number"]!.GetValue<string>());
    }

    private SourceRow Row(int line, string number, string reference)
    {
        var cells = new string?[TransactionFile.FieldCount];
        cells[(int)TransactionField.CustomerNumber] = number;
        cells[(int)TransactionField.Date] = Today.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        cells[(int)TransactionField.Amount] = "12.50";
        cells[(int)TransactionField.Items] = "商品";
        cells[(int)TransactionField.Channel] = "offline";
        cells[(int)TransactionField.PaymentMethod] = "cash";
        cells[(int)TransactionField.Reference] = reference;
        return new SourceRow(line, cells);
    }

    /// <summary>Runs a customer use case in a DI scope of its own (its own DbContext and connection), as a concurrent request would.</summary>
    private async Task<T> InOwnScopeAsync<T>(Func<CustomerService, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CustomerService>());
    }

    private Task<int> OrphansAsync() =>
        app.WithDbAsync(db => db.Transactions.CountAsync(t => !db.Customers.Any(c => c.Id == t.CustomerId)));

    /// <summary>Waits until another session of this database waits for a row lock (the delete or merge queued behind our lock).</summary>
    private async Task WaitForALockWaiterAsync(Task running)
    {
        for (var i = 0; i < 200; i++)
        {
            Assert.False(running.IsCompleted, "the delete or merge finished while the import's transaction held its lock");
            var waiting = await app.WithDbAsync(db => db.Database.SqlQueryRaw<int>(
                "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").SingleAsync());
            if (waiting > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("No session waited for the customer's lock.");
    }

    [Theory]
    [InlineData("delete")]
    [InlineData("merge")]
    public async Task CustomerRemovedWhileTheImportRuns_FailsTheImport_AndWritesNothing(string removal)
    {
        var (doomed, doomedNumber) = await CustomerAsync();
        var (keeper, keeperNumber) = await CustomerAsync();
        var removed = new StrongBox<Error?>();
        var removedDone = false;

        // After the first batch has been resolved and streamed into the COPY, the customer disappears in another scope. It has no
        // committed purchases yet, so the delete (or merge into the keeper) succeeds at once.
        IEnumerable<SourceRow> Rows()
        {
            var line = 1;
            for (var i = 0; i < TransactionImporter.BatchSize; i++)
            {
                yield return Row(++line, i % 2 == 0 ? doomedNumber : keeperNumber, $"GONE-{removal}-{i}");
            }

            // The importer pulls rows synchronously; the removal runs on its own scope and connection, so blocking here is safe.
            removed.Value = Task.Run(() => InOwnScopeAsync(async customers => removal == "delete"
                    ? (await customers.DeleteAsync(Admin, doomed, null)).Error
                    : (await customers.MergeAsync(Admin, keeper, doomed)).Error))
                .WaitAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
            removedDone = true;
            for (var i = 0; i < 100; i++)
            {
                yield return Row(++line, i % 2 == 0 ? doomedNumber : keeperNumber, $"GONE-{removal}-late-{i}");
            }
        }

        var import = TransactionImport.Create("vanishing.csv", ImportSource.Cli, ImportMode.SkipBadRows, false, ImporterCaller, null, app.Clock.GetUtcNow().UtcDateTime);
        ImportOutcome outcome;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            outcome = await scope.ServiceProvider.GetRequiredService<TransactionImporter>().RunAsync(ImporterCaller, import, Rows());
        }

        Assert.True(removedDone, "the importer read the whole file");
        Assert.True(removed.Value is null, $"the {removal} should succeed while the import is still running: {removed.Value?.Code}");
        Assert.Equal(ImportState.Failed, outcome.Import.State);
        Assert.Contains("deleted or merged", outcome.Import.Failure, StringComparison.Ordinal);
        Assert.Equal(0, outcome.Import.WrittenRows);
        var stored = await app.WithDbAsync(db => db.Set<TransactionImport>().AsNoTracking().SingleAsync(i => i.Id == import.Id));
        Assert.Equal(ImportState.Failed, stored.State);
        Assert.Equal(0, await app.WithDbAsync(db => db.Transactions.CountAsync(t => t.ImportId == import.Id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Transactions.CountAsync(t => t.CustomerId == keeper || t.CustomerId == doomed)));
        Assert.False(await app.WithDbAsync(db => db.Customers.AnyAsync(c => c.Id == doomed)));
        Assert.Equal(0, await OrphansAsync());
    }

    /// <summary>
    /// Opens the import side of the protocol in its own scope and transaction, exactly as the importer ends a run: the purchase
    /// streamed by the bulk writer, then the key-share lock on its customer. The caller commits (or disposes) the returned scope.
    /// </summary>
    private async Task<(AsyncServiceScope Scope, KefuDb Db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction Tx)> ImportHoldingLockAsync(Guid customer, string reference)
    {
        var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
        var tx = await db.Database.BeginTransactionAsync();
        await using (var writer = TransactionWriter.Create(db, Guid.CreateVersion7(), app.Clock.GetUtcNow().UtcDateTime))
        {
            await writer.WriteAsync([new TransactionRow(customer, Today.AddDays(-1), 99m, "沙发", SalesChannel.Offline, "cash", null, reference)], default);
            await writer.CompleteAsync(default);
        }

        Assert.True(await ImportReferences.LockCustomersAsync(db, [customer], default));
        return (scope, db, tx);
    }

    [Fact]
    public async Task DeleteWaitsForARunningImport_ThenSeesItsPurchases_AndAnswersConflict()
    {
        var (id, _) = await CustomerAsync();
        var (scope, _, tx) = await ImportHoldingLockAsync(id, "LOCK-DEL-1");
        Task<Result<Unit>> delete;
        try
        {
            delete = Task.Run(() => InOwnScopeAsync(customers => customers.DeleteAsync(Admin, id, null)));
            await WaitForALockWaiterAsync(delete);
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(delete.IsCompleted, "the delete must wait for the import's commit");
            await tx.CommitAsync();
        }
        finally
        {
            await tx.DisposeAsync();
            await scope.DisposeAsync();
        }

        var result = await delete.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Conflict, result.Error!.Kind);
        Assert.Equal("Customer.HasTransactions", result.Error.Code);
        Assert.True(await app.WithDbAsync(db => db.Customers.AnyAsync(c => c.Id == id)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Transactions.CountAsync(t => t.CustomerId == id && t.Reference == "LOCK-DEL-1")));
        Assert.Equal(0, await OrphansAsync());
    }

    [Fact]
    public async Task MergeWaitsForARunningImport_ThenMovesItsPurchasesToTheSurvivor()
    {
        var (survivor, _) = await CustomerAsync();
        var (duplicate, _) = await CustomerAsync();
        var (scope, _, tx) = await ImportHoldingLockAsync(duplicate, "LOCK-MERGE-1");
        Task<Result<CustomerDetail>> merge;
        try
        {
            merge = Task.Run(() => InOwnScopeAsync(customers => customers.MergeAsync(Admin, survivor, duplicate)));
            await WaitForALockWaiterAsync(merge);
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(merge.IsCompleted, "the merge must wait for the import's commit");
            await tx.CommitAsync();
        }
        finally
        {
            await tx.DisposeAsync();
            await scope.DisposeAsync();
        }

        var result = await merge.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.IsSuccess, result.Error?.Code);
        Assert.False(await app.WithDbAsync(db => db.Customers.AnyAsync(c => c.Id == duplicate)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Transactions.CountAsync(t => t.CustomerId == duplicate)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Transactions.CountAsync(t => t.CustomerId == survivor && t.Reference == "LOCK-MERGE-1")));
        Assert.Equal(0, await OrphansAsync());
    }
}
