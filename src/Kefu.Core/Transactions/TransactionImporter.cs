using System.Text.Json;
using Kefu.Core.Data;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Transactions;

/// <summary>What an import run found: the bad rows (the first <see cref="TransactionImporter.MaxReportedErrors"/> reasons).</summary>
public sealed record ImportOutcome(TransactionImport Import, IReadOnlyList<RowError> Errors);

/// <summary>
/// The one import path (file upload, CLI, bulk API): streams rows, checks them in batches (field rules, then customers resolved
/// set-based within the caller's unit scope, then duplicate references in the file and already imported), and writes the good
/// rows in bulk inside one database transaction. All-or-nothing rolls back when any row is bad; a dry run writes nothing.
/// </summary>
public sealed class TransactionImporter(KefuDb db, OrganizationService organization, TimeProvider time)
{
    public const int MaxReportedErrors = 1000;
    public const int BatchSize = 5000;
    private const int CustomerCacheLimit = 500_000;

    private KefuDb Db => db;

    private OrganizationService Organization => organization;

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
        var run = new Run(this, caller, import, DateOnly.FromDateTime(now));
        await run.PrepareAsync(ct);

        await using var tx = import.DryRun ? null : await db.Database.BeginTransactionAsync(ct);
        try
        {
            await using var writer = import.DryRun ? null : TransactionWriter.Create(db, import.Id, now);
            run.Writer = writer;
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
            progress?.Report(run.Processed);
            import.ProcessedRows = run.Processed;
            import.TotalRows = Math.Max(import.TotalRows, run.Processed);
            import.BadRows = run.BadRows;
            import.Errors = run.Errors.Count == 0 ? null : JsonSerializer.Serialize(run.Errors, Json);
            var rejected = import.Mode == ImportMode.AllOrNothing && run.BadRows > 0;
            import.WrittenRows = import.DryRun || rejected ? 0 : run.Written;
            import.State = !import.DryRun && rejected ? ImportState.Rejected : ImportState.Succeeded;
            import.FinishedAt = time.GetUtcNow().UtcDateTime;
            if (tx is not null && rejected)
            {
                await tx.RollbackAsync(ct);
            }

            if (isNew)
            {
                if (tx is null || rejected)
                {
                    await using var own = await db.Database.BeginTransactionAsync(ct);
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

    private sealed class Run(TransactionImporter owner, Caller caller, TransactionImport import, DateOnly today)
    {
        private readonly Dictionary<string, Guid> numbers = new(StringComparer.Ordinal);
        private readonly HashSet<Guid> ids = [];
        private readonly HashSet<(Guid, string)> references = [];
        private readonly List<TransactionRow> good = new(BatchSize);
        private UnitScope scope = UnitScope.Of([]);
        private List<Guid> units = [];

        public DateOnly Today { get; } = today;

        public TransactionWriter? Writer { get; set; }

        public int Processed { get; set; }

        public int BadRows { get; private set; }

        public int Written { get; private set; }

        public List<RowError> Errors { get; } = [];

        public async Task PrepareAsync(CancellationToken ct)
        {
            scope = await owner.Organization.ScopeAsync(caller, ct);
            units = [.. scope.Units];
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

        public async Task FlushAsync(List<ParsedRow> batch, CancellationToken ct)
        {
            if (batch.Count == 0)
            {
                return;
            }

            await ResolveAsync(batch, ct);
            var existing = await ExistingReferencesAsync(batch, ct);
            good.Clear();
            foreach (var row in batch)
            {
                Guid customer;
                if (row.CustomerId is Guid id)
                {
                    if (!ids.Contains(id))
                    {
                        Bad([new RowError(row.Line, "unknown-customer", "customerId", $"No customer {id} in your units.")]);
                        continue;
                    }

                    customer = id;
                }
                else if (!numbers.TryGetValue(row.CustomerNumber!, out customer))
                {
                    Bad([new RowError(row.Line, "unknown-customer", "customerNumber", $"No customer {row.CustomerNumber} in your units.")]);
                    continue;
                }

                if (row.Reference is string reference)
                {
                    if (existing.Contains((customer, reference)))
                    {
                        Bad([new RowError(row.Line, "already-imported", "reference", $"{reference} was already imported for this customer.")]);
                        continue;
                    }

                    if (!references.Add((customer, reference)))
                    {
                        Bad([new RowError(row.Line, "duplicate-reference", "reference", $"{reference} appears more than once for this customer in the file.")]);
                        continue;
                    }
                }

                good.Add(new TransactionRow(customer, row.Date, row.Amount, row.Items, row.Channel, row.PaymentMethod, row.Promotion, row.Reference));
            }

            batch.Clear();
            var writing = Writer is not null && (import.Mode == ImportMode.SkipBadRows || BadRows == 0);
            if (writing)
            {
                await Writer!.WriteAsync(good, ct);
            }

            Written += good.Count;
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
                var q = owner.Db.Customers.AsNoTracking().Where(c => list.Contains(c.Number));
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
                var q = owner.Db.Customers.AsNoTracking().Where(c => list.Contains(c.Id));
                if (!scope.All)
                {
                    q = q.Where(c => units.Contains(c.OrgUnitId));
                }

                ids.UnionWith(await q.Select(c => c.Id).ToListAsync(ct));
            }
        }

        /// <summary>(customer, reference) pairs of the batch that an earlier import already wrote.</summary>
        private async Task<HashSet<(Guid, string)>> ExistingReferencesAsync(List<ParsedRow> batch, CancellationToken ct)
        {
            var found = new HashSet<(Guid, string)>();
            var candidates = batch.Where(r => r.Reference is not null)
                .Select(r => (Customer: r.CustomerId ?? numbers.GetValueOrDefault(r.CustomerNumber!), Reference: r.Reference!))
                .Where(r => r.Customer != Guid.Empty).ToList();
            foreach (var chunk in candidates.Chunk(1000))
            {
                // Driven by the customer index only (a reference list in SQL makes SQLite scan the table); the few references
                // of these customers are matched here. Rows this import wrote are the in-file duplicate check's business.
                var customers = chunk.Select(c => c.Customer).Distinct().ToList();
                var wanted = chunk.Select(c => (c.Customer, c.Reference)).ToHashSet();
                var importId = import.Id;
                var rows = await owner.Db.Transactions.AsNoTracking()
                    .Where(t => customers.Contains(t.CustomerId) && t.Reference != null && (t.ImportId == null || t.ImportId != importId))
                    .Select(t => new { t.CustomerId, t.Reference }).ToListAsync(ct);
                found.UnionWith(rows.Select(r => (r.CustomerId, r.Reference!)).Where(wanted.Contains));
            }

            return found;
        }
    }
}
