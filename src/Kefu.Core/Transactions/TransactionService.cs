using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Kefu.Core.Common;
using Kefu.Core.Customers;
using Kefu.Core.Data;
using Kefu.Core.Files;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Core.Transactions;

public sealed record TransactionDto(
    Guid Id, Guid CustomerId, DateOnly Date, decimal Amount, string Items, SalesChannel Channel, string PaymentMethod, string? Promotion,
    string? Reference, Guid? ImportId);

public sealed record TransactionTotals(int Count, decimal Sum, DateOnly? LastPurchase);

/// <summary>One row of the bulk API. The customer is named by id or number.</summary>
public sealed record BulkTransactionInput(
    Guid? CustomerId, string? CustomerNumber, string? Date, decimal? Amount, string? Items, [property: OneOf(typeof(SalesChannel))] string? Channel, string? PaymentMethod,
    string? Promotion, string? Reference);

public sealed record BulkResult(Guid ImportId, int Count);

public sealed record TransactionImportDto(
    Guid Id, string FileName, ImportSource Source, ImportMode Mode, bool DryRun, ImportState State, int TotalRows, int ProcessedRows,
    int Percent, int WrittenRows, int BadRows, IReadOnlyList<RowError> Errors, string? Failure, string UserName, DateTime CreatedAt,
    DateTime? FinishedAt, bool CanImport)
{
    public bool Finished => State is ImportState.Succeeded or ImportState.Rejected or ImportState.Failed;
}

/// <summary>Progress of imports running in this process (rows processed), read by the status page while the run's transaction is open.</summary>
public sealed class ImportProgress
{
    private readonly ConcurrentDictionary<Guid, int> running = new();

    public void Set(Guid id, int processed) => running[id] = processed;

    public void Remove(Guid id) => running.TryRemove(id, out _);

    public int? Get(Guid id) => running.TryGetValue(id, out var n) ? n : null;
}

/// <summary>Purchase history (CUS-5): reading a customer's transactions, the bulk API and the file imports.</summary>
public sealed class TransactionService(
    KefuDb db, CustomerService customers, OrganizationService organization, TransactionImporter importer, FileStore files,
    ImportProgress progress, TimeProvider time)
{
    public const int MaxLimit = 200;
    public const int MaxBulkRows = 10_000;

    /// <summary>Who may import purchase history: administrators, assistants (客服助理) and supervisors.</summary>
    public static readonly IReadOnlyList<string> Importers = [Roles.Administrator, Roles.Assistant, Roles.Supervisor];

    public static bool CanImport(Caller caller) => caller?.IsInAny(Importers) == true;

    /// <summary>A customer's purchases, newest first, by keyset (date, id).</summary>
    public async Task<Result<Page<TransactionDto>>> ListForCustomerAsync(
        Caller caller, Guid customerId, string? after, int limit, CancellationToken ct = default)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Error.Validation("limit", $"Must be between 1 and {MaxLimit}.");
        }

        if (!await customers.IsVisibleAsync(caller, customerId, ct))
        {
            return Error.NotFound("Customer");
        }

        var q = db.Transactions.AsNoTracking().Where(t => t.CustomerId == customerId);
        if (after is not null)
        {
            var cursor = KeysetCursor.Decode(after);
            if (cursor is not var (k, tie) || !DateOnly.TryParseExact(k, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || !Guid.TryParse(tie, out var id))
            {
                return Error.Validation("after", "Not a cursor returned by this list.");
            }

            q = q.Where(t => t.Date <= date && (t.Date < date || t.Id.CompareTo(id) < 0));
        }

        var rows = await q.OrderByDescending(t => t.Date).ThenByDescending(t => t.Id).Take(limit + 1)
            .Select(t => new TransactionDto(t.Id, t.CustomerId, t.Date, t.Amount, t.Items, t.Channel, t.PaymentMethod, t.Promotion, t.Reference, t.ImportId))
            .ToListAsync(ct);
        var next = rows.Count > limit
            ? KeysetCursor.Encode(rows[limit - 1].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), rows[limit - 1].Id.ToString())
            : null;
        return new Page<TransactionDto>(rows.Take(limit).ToList(), next);
    }

    public async Task<Result<TransactionTotals>> TotalsAsync(Caller caller, Guid customerId, CancellationToken ct = default)
    {
        if (!await customers.IsVisibleAsync(caller, customerId, ct))
        {
            return Error.NotFound("Customer");
        }

        var q = db.Transactions.Where(t => t.CustomerId == customerId);
        var count = await q.CountAsync(ct);
        if (count == 0)
        {
            return new TransactionTotals(0, 0, null);
        }

        // SQLite stores decimals as text and cannot sum them exactly in SQL; a customer's history is small enough to add here.
        var sum = db.Database.IsSqlite()
            ? (await q.Select(t => t.Amount).ToListAsync(ct)).Sum()
            : await q.SumAsync(t => t.Amount, ct);
        var last = await q.MaxAsync(t => t.Date, ct);
        return new TransactionTotals(count, sum, last);
    }

    /// <summary>
    /// Writes the rows of the bulk API all-or-nothing: any bad row (by index) answers a validation error and nothing is written.
    /// </summary>
    public async Task<Result<BulkResult>> BulkAsync(Caller caller, IReadOnlyList<BulkTransactionInput?>? rows, CancellationToken ct = default)
    {
        if (!CanImport(caller))
        {
            return Error.Forbidden();
        }

        if (rows is null || rows.Count == 0)
        {
            return Error.Validation("rows", "Send a JSON array of at least one transaction.");
        }

        if (rows.Count > MaxBulkRows)
        {
            return new Error(ErrorKind.Validation, "Transactions.TooManyRows", $"At most {MaxBulkRows} rows per call; split the upload.",
                new Dictionary<string, string[]> { ["rows"] = [$"At most {MaxBulkRows} rows per call ({rows.Count} sent)."] });
        }

        var import = TransactionImport.Create("api", ImportSource.Api, ImportMode.AllOrNothing, false, caller, null, time.GetUtcNow().UtcDateTime);
        import.TotalRows = rows.Count;
        var source = rows.Select((r, i) => new SourceRow(i, r is null ? new string?[TransactionFile.FieldCount] :
        [
            r.CustomerNumber, r.CustomerId?.ToString(), r.Date, r.Amount?.ToString(CultureInfo.InvariantCulture), r.Items, r.Channel,
            r.PaymentMethod, r.Promotion, r.Reference,
        ]));
        var outcome = await importer.RunAsync(caller, import, source, null, ct);
        if (outcome.Import.State == ImportState.Succeeded)
        {
            return new BulkResult(import.Id, outcome.Import.WrittenRows);
        }

        var fields = outcome.Errors.GroupBy(e => $"[{e.Line}].{e.Field}")
            .ToDictionary(g => g.Key, g => g.Select(e => $"{e.Code}: {e.Message}").ToArray(), StringComparer.Ordinal);
        return Error.Validation(fields.Count > 0 ? fields : new Dictionary<string, string[]> { ["rows"] = [outcome.Import.Failure ?? "Rejected."] });
    }

    /// <summary>Stores an uploaded file and queues its import (or dry run) for the background worker.</summary>
    public async Task<Result<TransactionImportDto>> UploadAsync(
        Caller caller, Stream content, string fileName, ImportMode mode, bool dryRun, CancellationToken ct = default)
    {
        if (!CanImport(caller))
        {
            return Error.Forbidden();
        }

        if (TransactionFile.FormatOf(fileName) is null)
        {
            return Error.Validation("file", "Upload a .csv or .xlsx file.");
        }

        var key = await files.SaveAsync(content, ct);
        var import = TransactionImport.Create(Path.GetFileName(fileName), ImportSource.Upload, mode, dryRun, caller, key, time.GetUtcNow().UtcDateTime);
        db.Add(import);
        await db.SaveChangesAsync(ct);
        return ToDto(import, caller);
    }

    /// <summary>Queues the import of a file that was dry-run before, without uploading it again.</summary>
    public async Task<Result<TransactionImportDto>> ImportCheckedAsync(Caller caller, Guid dryRunId, ImportMode mode, CancellationToken ct = default)
    {
        if (!CanImport(caller))
        {
            return Error.Forbidden();
        }

        var checkedRun = await FindAsync(caller, dryRunId, ct);
        if (checkedRun is null)
        {
            return Error.NotFound("Import");
        }

        if (!checkedRun.DryRun || checkedRun.FileKey is null || checkedRun.State != ImportState.Succeeded)
        {
            return Error.Conflict("Transactions.NotImportable", "Only a finished dry run whose file was not imported yet can be imported.");
        }

        var import = TransactionImport.Create(checkedRun.FileName, ImportSource.Upload, mode, false, caller, checkedRun.FileKey, time.GetUtcNow().UtcDateTime);
        db.Add(import);
        await db.SaveChangesAsync(ct);
        await db.Set<TransactionImport>().Where(i => i.Id == dryRunId).ExecuteUpdateAsync(s => s.SetProperty(i => i.FileKey, (string?)null), ct);
        return ToDto(import, caller);
    }

    public async Task<Result<TransactionImportDto>> GetImportAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        var import = await FindAsync(caller, id, ct);
        return import is null ? Error.NotFound("Import") : ToDto(import, caller);
    }

    /// <summary>The latest imports the caller may see (their units' imports; administrators all).</summary>
    public async Task<Result<IReadOnlyList<TransactionImportDto>>> ListImportsAsync(Caller caller, int limit, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return Error.Forbidden();
        }

        var list = await Scoped(await organization.ScopeAsync(caller, ct), caller).OrderByDescending(i => i.CreatedAt).Take(Math.Clamp(limit, 1, 100)).ToListAsync(ct);
        return list.Select(i => ToDto(i, caller) with { Errors = [] }).ToList();
    }

    /// <summary>Claims the oldest queued upload and runs it; false when there was none. Safe on several nodes (the claim is atomic).</summary>
    public async Task<bool> ProcessNextAsync(CancellationToken ct = default)
    {
        var next = await db.Set<TransactionImport>().AsNoTracking().Where(i => i.State == ImportState.Queued)
            .OrderBy(i => i.CreatedAt).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
        if (next is not Guid id)
        {
            return false;
        }

        var claimed = await db.Set<TransactionImport>().Where(i => i.Id == id && i.State == ImportState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, ImportState.Running), ct);
        if (claimed == 0)
        {
            return true;
        }

        var import = await db.Set<TransactionImport>().AsNoTracking().FirstAsync(i => i.Id == id, ct);
        var caller = new Caller(
            import.UserId, import.UserName,
            new HashSet<string>(StringComparer.Ordinal) { import.AllUnits ? Roles.Administrator : Roles.Assistant }, import.OrgUnitId);
        var format = TransactionFile.FormatOf(import.FileName) ?? TransactionFileFormat.Csv;
        progress.Set(id, 0);
        try
        {
            if (import.FileKey is null)
            {
                await importer.FailAsync(import, false, "The file is no longer available.", [], ct);
                return true;
            }

            await using (var count = files.Open(import.FileKey))
            {
                import.TotalRows = TransactionFile.CountRows(count, format);
            }

            await db.Set<TransactionImport>().Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.TotalRows, import.TotalRows), ct);
            await using var stream = files.Open(import.FileKey);
            await importer.RunAsync(caller, import, TransactionFile.Read(stream, format), new CallbackProgress<int>(n => progress.Set(id, n)), ct);
            if (!import.DryRun)
            {
                files.Delete(import.FileKey);
                await db.Set<TransactionImport>().Where(i => i.FileKey == import.FileKey)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.FileKey, (string?)null), ct);
            }
        }
#pragma warning disable CA1031 // a broken file or database failure is recorded on the import, and the worker goes on
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            db.ChangeTracker.Clear();
            await importer.FailAsync(import, false, ex.Message, [], CancellationToken.None);
        }
        finally
        {
            progress.Remove(id);
        }

        return true;
    }

    private async Task<TransactionImport?> FindAsync(Caller caller, Guid id, CancellationToken ct)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return null;
        }

        return await Scoped(await organization.ScopeAsync(caller, ct), caller).FirstOrDefaultAsync(i => i.Id == id, ct);
    }

    private IQueryable<TransactionImport> Scoped(UnitScope scope, Caller caller)
    {
        var q = db.Set<TransactionImport>().AsNoTracking();
        if (scope.All)
        {
            return q;
        }

        var units = scope.Units.ToList();
        var me = caller.UserId;
        return q.Where(i => (i.OrgUnitId != null && units.Contains(i.OrgUnitId.Value)) || (me != null && i.UserId == me));
    }

    private TransactionImportDto ToDto(TransactionImport i, Caller caller)
    {
        var processed = i.State == ImportState.Running ? progress.Get(i.Id) ?? i.ProcessedRows : i.ProcessedRows;
        var finished = i.State is ImportState.Succeeded or ImportState.Rejected or ImportState.Failed;
        var percent = finished ? 100 : i.TotalRows == 0 ? 0 : (int)Math.Min(99, processed * 100L / i.TotalRows);
        var errors = i.Errors is null ? [] : JsonSerializer.Deserialize<List<RowError>>(i.Errors, TransactionImporter.Json) ?? [];
        return new TransactionImportDto(
            i.Id, i.FileName, i.Source, i.Mode, i.DryRun, i.State, i.TotalRows, processed, percent, i.WrittenRows, i.BadRows, errors, i.Failure,
            i.UserName, i.CreatedAt, i.FinishedAt, i.DryRun && i.State == ImportState.Succeeded && i.FileKey is not null && CanImport(caller));
    }
}

/// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and report late).</summary>
internal sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

public static class TransactionRegistration
{
    public static IServiceCollection AddTransactions(this IServiceCollection services)
    {
        services.AddSingleton<ImportProgress>();
        services.AddScoped<TransactionImporter>();
        services.AddScoped<TransactionService>();
        services.AddScoped<Customers.ICustomerLinks, TransactionCustomerLinks>();
        return services;
    }
}
