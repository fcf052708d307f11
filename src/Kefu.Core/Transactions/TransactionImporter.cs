using System.Text.Json;
using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kefu.Core.Transactions;

/// <summary>What an import run found: the bad rows (the first <see cref="TransactionImporter.MaxReportedErrors"/> reasons).</summary>
public sealed record ImportOutcome(TransactionImport Import, IReadOnlyList<RowError> Errors);

/// <summary>
/// The one import path (file upload, CLI, bulk API): streams rows, checks them in batches (field rules, then customers resolved
/// set-based within the caller's unit scope, duplicate references within the file, references already stored), and streams the
/// good rows into one bulk write inside one database transaction. At the end, on PostgreSQL, the customers written to are locked
/// so that none can be deleted or merged away before the commit (see ADR-0003: the purchase table has no foreign key).
/// All-or-nothing rolls back when any row is bad; a dry run writes nothing.
/// </summary>
public sealed partial class TransactionImporter(
    KefuDb db, OrganizationService organization, TimeProvider time, BusinessDate dates, IServiceScopeFactory scopes, ILogger<TransactionImporter> logger)
{
    public const int MaxReportedErrors = 1000;
    public const int BatchSize = 5000;
    private const int CustomerCacheLimit = 500_000;

    private KefuDb Db => db;

    private OrganizationService Organization => organization;

    private IServiceScopeFactory Scopes => scopes;

    private TimeProvider Time => time;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>
    /// Runs <paramref name="import"/> over <paramref name="rows"/> as <paramref name="caller"/>. When the record is new (not yet saved)
    /// it is added with its outcome in the same transaction, so the import is audited as one entry; a saved record (an upload the
    /// worker processes) is updated without tracking. Progress reports the rows processed so far.
    /// </summary>
    public async Task<ImportOutcome> RunAsync(
        Caller caller, TransactionImport import, IEnumerable<SourceRow> rows, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(rows);
        var isNew = db.Entry(import).State == EntityState.Detached
            && !await db.Set<TransactionImport>().AnyAsync(i => i.Id == import.Id, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var started = time.GetTimestamp();
        await using var run = new Run(this, caller, import, dates.DateOf(now));
        await run.PrepareAsync(ct);

        await using var tx = import.DryRun ? null : await db.Database.BeginUnitAsync(ct);
        try
        {
            await using (var writer = import.DryRun ? null : TransactionWriter.CreateStreaming(db, import.Id, now, caller, ct))
            {
                run.Writer = writer;
                await ReadAsync(run, rows, progress, ct);
                if (writer is not null)
                {
                    await writer.CompleteAsync(ct);
                }
            }

            var streamedAt = time.GetTimestamp();
            var rejected = import.Mode == ImportMode.AllOrNothing && run.BadRows > 0;
            var locked = tx is null || rejected || await run.LockCustomersAsync(ct);
            LogPhases(logger, import.Id, run.Processed, time.GetElapsedTime(started, streamedAt).TotalSeconds,
                run.ReferenceChecks.TotalSeconds, time.GetElapsedTime(streamedAt).TotalSeconds);
            if (!locked)
            {
                await tx!.RollbackAsync(CancellationToken.None);
                return await FailAsync(import, isNew, "A customer of this file was deleted or merged while it was being imported; nothing was written. Import the file again.", run.Errors, ct);
            }

            Finish(import, run, rejected);
            if (tx is not null && rejected)
            {
                await tx.RollbackAsync(ct);
            }

            if (isNew)
            {
                if (tx is null || rejected)
                {
                    await using var own = await db.Database.BeginUnitAsync(ct);
                    db.Add(import);
                    await db.SaveChangesAsync(ct);
                    await own.CommitAsync(ct);
                }
                else
                {
                    db.Add(import);
                    await db.SaveChangesAsync(ct);
                }
            }

            if (tx is not null && !rejected)
            {
                if (!isNew)
                {
                    await SaveOutcomeAsync(import, ct);
                }

                await tx.CommitAsync(ct);
            }
            else if (!isNew)
            {
                await SaveOutcomeAsync(import, ct);
            }

            return new ImportOutcome(import, run.Errors);
        }
        catch (TransactionFileException ex)
        {
            if (tx is not null)
            {
                await tx.RollbackAsync(CancellationToken.None);
            }

            return await FailAsync(import, isNew, ex.Message, run.Errors, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId}: {Rows} rows streamed in {Streamed:F2} s (of which stored references looked up in {Checked:F2} s), customers locked in {Locked:F2} s")]
    private static partial void LogPhases(ILogger logger, Guid importId, int rows, double streamed, double @checked, double locked);

    private static async Task ReadAsync(Run run, IEnumerable<SourceRow> rows, IProgress<int>? progress, CancellationToken ct)
    {
        var batch = new List<ParsedRow>(BatchSize);
        var parseErrors = new List<RowError>();
        foreach (var row in rows)
        {
            run.Processed++;
            parseErrors.Clear();
            var parsed = TransactionRows.Parse(row, run.Today, parseErrors);
            if (parsed is null)
            {
                run.Bad(parseErrors);
            }
            else
            {
                batch.Add(parsed);
            }

            if (batch.Count == BatchSize)
            {
                await run.FlushAsync(batch, ct);
                progress?.Report(run.Processed);
            }
        }

        await run.FlushAsync(batch, ct);
        await run.DrainAsync(ct);
        progress?.Report(run.Processed);
    }

    private void Finish(TransactionImport import, Run run, bool rejected)
    {
        run.Errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        import.ProcessedRows = run.Processed;
        import.TotalRows = Math.Max(import.TotalRows, run.Processed);
        import.BadRows = run.BadRows;
        import.Errors = run.Errors.Count == 0 ? null : JsonSerializer.Serialize(run.Errors, Json);
        import.WrittenRows = import.DryRun || rejected ? 0 : run.Written;
        import.State = !import.DryRun && rejected ? ImportState.Rejected : ImportState.Succeeded;
        import.FinishedAt = time.GetUtcNow().UtcDateTime;
    }

    /// <summary>Records an import that could not run (unreadable file, database failure): nothing was written.</summary>
    public async Task<ImportOutcome> FailAsync(TransactionImport import, bool isNew, string reason, IReadOnlyList<RowError> errors, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(import);
        db.ChangeTracker.Clear();
        import.State = ImportState.Failed;
        import.Failure = reason.Length > 1000 ? reason[..1000] : reason;
        import.WrittenRows = 0;
        import.FinishedAt = time.GetUtcNow().UtcDateTime;
        if (isNew)
        {
            db.Add(import);
            await db.SaveChangesAsync(ct);
        }
        else
        {
            await SaveOutcomeAsync(import, ct);
        }

        return new ImportOutcome(import, errors);
    }

    /// <summary>Stores progress and outcome of a saved record without tracking (one audit entry per import: its creation).</summary>
    internal Task SaveOutcomeAsync(TransactionImport i, CancellationToken ct) =>
        db.Set<TransactionImport>().Where(x => x.Id == i.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.State, i.State)
            .SetProperty(x => x.TotalRows, i.TotalRows)
            .SetProperty(x => x.ProcessedRows, i.ProcessedRows)
            .SetProperty(x => x.WrittenRows, i.WrittenRows)
            .SetProperty(x => x.BadRows, i.BadRows)
            .SetProperty(x => x.Errors, i.Errors)
            .SetProperty(x => x.Failure, i.Failure)
            .SetProperty(x => x.FinishedAt, i.FinishedAt), ct);

    private sealed class Run(TransactionImporter owner, Caller caller, TransactionImport import, DateOnly today) : IAsyncDisposable
    {
        private readonly Dictionary<string, Guid> numbers = new(StringComparer.Ordinal);
        private readonly HashSet<Guid> ids = [];
        private readonly Dictionary<(Guid Customer, string Reference), int> references = [];
        private readonly HashSet<Guid> customersWritten = [];
        private UnitScope scope = UnitScope.Of([]);
        private List<Guid> units = [];
        private AsyncServiceScope? lookupScope;
        private AsyncServiceScope? referenceScope;
        private KefuDb lookups = owner.Db;
        private KefuDb referenceLookups = owner.Db;
        private (List<TransactionRow> Rows, Task<HashSet<(Guid Customer, string Reference)>> Lookup)? pending;

        public DateOnly Today { get; } = today;

        public TransactionWriter? Writer { get; set; }

        public int Processed { get; set; }

        public int BadRows { get; private set; }

        public int Written { get; private set; }

        /// <summary>Time spent looking up stored references (inside the streaming phase).</summary>
        public TimeSpan ReferenceChecks { get; private set; }

        public List<RowError> Errors { get; } = [];

        /// <summary>
        /// Reads the caller's scope. On PostgreSQL a writing import looks customers up on a connection of its own, as the import's
        /// connection streams one COPY from the first batch to the last, and stored references on a third one, concurrently.
        /// </summary>
        public async Task PrepareAsync(CancellationToken ct)
        {
            scope = await owner.Organization.ScopeAsync(caller, ct);
            units = [.. scope.Units];
            if (!import.DryRun && owner.Db.Database.IsNpgsql())
            {
                lookupScope = owner.Scopes.CreateAsyncScope();
                lookups = Lookups(lookupScope.Value);
                referenceScope = owner.Scopes.CreateAsyncScope();
                referenceLookups = Lookups(referenceScope.Value);
            }
        }

        private KefuDb Lookups(AsyncServiceScope services)
        {
            var context = services.ServiceProvider.GetRequiredService<KefuDb>();
            context.Database.SetCommandTimeout(owner.Db.Database.GetCommandTimeout());
            return context;
        }

        public void Bad(IEnumerable<RowError> errors)
        {
            BadRows++;
            foreach (var e in errors)
            {
                if (Errors.Count < MaxReportedErrors)
                {
                    Errors.Add(e);
                }
            }
        }

        /// <summary>
        /// Checks a batch and hands its good rows on. On PostgreSQL the lookup of stored references runs on a connection of its own:
        /// the batch's lookup starts as soon as the previous batch's is in, and the previous batch is written while it runs (and
        /// while the next batch is read and resolved), so the server looks up one batch while it ingests the one before.
        /// </summary>
        public async Task FlushAsync(List<ParsedRow> batch, CancellationToken ct)
        {
            if (batch.Count == 0)
            {
                return;
            }

            await ResolveAsync(batch, ct);
            var good = new List<TransactionRow>(batch.Count);
            foreach (var row in batch)
            {
                if (Accept(row) is TransactionRow accepted)
                {
                    good.Add(accepted);
                }
            }

            batch.Clear();
            if (referenceLookups == lookups)
            {
                // One connection for everything (SQLite, a dry run): look up, then write.
                pending = (good, LookUpStoredAsync(good, ct));
                await DrainAsync(ct);
                return;
            }

            var previous = pending;
            var stored = previous is var (_, lookup) ? await lookup : null;
            pending = (good, LookUpStoredAsync(good, ct));
            if (previous is var (rows, _))
            {
                await WriteAsync(rows, stored!, ct);
            }
        }

        /// <summary>Writes the batch whose stored references are being looked up, without the rows found.</summary>
        public async Task DrainAsync(CancellationToken ct)
        {
            if (pending is not var (good, lookup))
            {
                return;
            }

            pending = null;
            await WriteAsync(good, await lookup, ct);
        }

        private async Task WriteAsync(List<TransactionRow> good, HashSet<(Guid Customer, string Reference)> stored, CancellationToken ct)
        {
            RefuseStored(good, stored);
            var writing = Writer is not null && (import.Mode == ImportMode.SkipBadRows || BadRows == 0);
            if (writing)
            {
                await Writer!.WriteAsync(good, ct);
                foreach (var row in good)
                {
                    customersWritten.Add(row.CustomerId);
                }
            }

            Written += good.Count;
        }

        private TransactionRow? Accept(ParsedRow row)
        {
            Guid customer;
            if (row.CustomerId is Guid id)
            {
                if (!ids.Contains(id))
                {
                    Bad([new RowError(row.Line, "unknown-customer", "customerId", $"No customer {id} in your units.", id.ToString())]);
                    return null;
                }

                customer = id;
            }
            else if (!numbers.TryGetValue(row.CustomerNumber!, out customer))
            {
                Bad([new RowError(row.Line, "unknown-customer", "customerNumber", $"No customer {row.CustomerNumber} in your units.", row.CustomerNumber)]);
                return null;
            }

            if (row.Reference is string reference && !references.TryAdd((customer, reference), row.Line))
            {
                Bad([new RowError(row.Line, "duplicate-reference", "reference", $"{reference} appears more than once for this customer in the file.", reference)]);
                return null;
            }

            return new TransactionRow(customer, row.Date, row.Amount, row.Items, row.Channel, row.PaymentMethod, row.Promotion, row.Reference);
        }

        /// <summary>
        /// The (customer, reference) pairs of <paramref name="good"/> already stored (an earlier import or a hand entry): one indexed
        /// query for the batch, before it is written.
        /// </summary>
        private async Task<HashSet<(Guid Customer, string Reference)>> LookUpStoredAsync(List<TransactionRow> good, CancellationToken ct)
        {
            var pairs = good.Where(r => r.Reference is not null).Select(r => (r.CustomerId, r.Reference!)).ToList();
            var started = owner.Time.GetTimestamp();
            var stored = await ImportReferences.StoredAsync(referenceLookups, import.Id, pairs, ct);
            ReferenceChecks += owner.Time.GetElapsedTime(started);
            return stored;
        }

        /// <summary>Refuses the rows of <paramref name="good"/> whose reference is among <paramref name="stored"/>.</summary>
        private void RefuseStored(List<TransactionRow> good, HashSet<(Guid Customer, string Reference)> stored)
        {
            if (stored.Count == 0)
            {
                return;
            }

            good.RemoveAll(r =>
            {
                if (r.Reference is not string reference || !stored.Contains((r.CustomerId, reference)))
                {
                    return false;
                }

                Bad([new RowError(references[(r.CustomerId, reference)], "already-imported", "reference", $"{reference} was already imported for this customer.", reference)]);
                return true;
            });
        }

        /// <summary>PostgreSQL: locks the customers written to against deletion and merge until the commit; false when one is gone.</summary>
        public Task<bool> LockCustomersAsync(CancellationToken ct) =>
            customersWritten.Count == 0 || !owner.Db.Database.IsNpgsql()
                ? Task.FromResult(true)
                : ImportReferences.LockCustomersAsync(owner.Db, customersWritten, ct);

        public async ValueTask DisposeAsync()
        {
            if (pending is var (_, lookup))
            {
                // A failed or cancelled import may leave a lookup running: its context must not be disposed under it.
                await lookup.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }

            foreach (var s in new[] { lookupScope, referenceScope })
            {
                if (s is AsyncServiceScope services)
                {
                    await services.DisposeAsync();
                }
            }
        }

        private async Task ResolveAsync(List<ParsedRow> batch, CancellationToken ct)
        {
            if (numbers.Count + ids.Count > CustomerCacheLimit)
            {
                numbers.Clear();
                ids.Clear();
            }

            var wanted = batch.Where(r => r.CustomerId is null).Select(r => r.CustomerNumber!).Where(n => !numbers.ContainsKey(n)).Distinct().ToList();
            foreach (var chunk in wanted.Chunk(1000))
            {
                var list = chunk.ToList();
                var q = lookups.Customers.AsNoTracking().Where(c => list.Contains(c.Number));
                if (!scope.All)
                {
                    q = q.Where(c => units.Contains(c.OrgUnitId));
                }

                foreach (var c in await q.Select(c => new { c.Number, c.Id }).ToListAsync(ct))
                {
                    numbers[c.Number] = c.Id;
                }
            }

            var wantedIds = batch.Where(r => r.CustomerId is Guid g && !ids.Contains(g)).Select(r => r.CustomerId!.Value).Distinct().ToList();
            foreach (var chunk in wantedIds.Chunk(1000))
            {
                var list = chunk.ToList();
                var q = lookups.Customers.AsNoTracking().Where(c => list.Contains(c.Id));
                if (!scope.All)
                {
                    q = q.Where(c => units.Contains(c.OrgUnitId));
                }

                ids.UnionWith(await q.Select(c => c.Id).ToListAsync(ct));
            }
        }
    }
}
