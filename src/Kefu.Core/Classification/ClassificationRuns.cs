using System.Text.Json;
using Kefu.Core.Audit;
using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Scheduling;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kefu.Core.Classification;

/// <summary>Wakes the background worker when a run is queued (a cluster's other nodes find it on their next poll).</summary>
public sealed class ClassificationSignal : IDisposable
{
    private readonly SemaphoreSlim semaphore = new(0);

    public void Notify() => semaphore.Release();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => semaphore.WaitAsync(timeout, ct);

    public void Dispose() => semaphore.Dispose();
}

/// <summary>
/// Runs reclassify every customer (CLS-4): one metrics pass, then each scheme in its own transaction (on PostgreSQL two at a time,
/// on their own connections) — a failing scheme leaves its previous classes and marks the run failed. Queued runs are claimed with one conditional update, so a cluster runs each once.
/// </summary>
public sealed class ClassificationRuns(
    KefuDb db, TimeProvider time, ClassificationSignal signal, ILogger<ClassificationRuns> log, IServiceScopeFactory? scopes = null,
    BusinessDate? dates = null)
{
    /// <summary>
    /// PostgreSQL runs <c>INSERT … SELECT</c> without parallel workers, so the metrics are computed in this many ranges of customers
    /// on as many connections at once — the degree a plain parallel <c>GROUP BY</c> gets by default (two workers per gather).
    /// </summary>
    private const int MetricsParts = 2;

    /// <summary>PostgreSQL: how many schemes are applied at once, each on its own connection (one core each while the other
    /// sorts or writes; the run's steps are otherwise single-threaded statements).</summary>
    private const int SchemeLanes = 2;

    /// <summary>A run still marked running after this long was abandoned by a node that stopped.</summary>
    private static readonly TimeSpan Abandoned = TimeSpan.FromHours(6);

    private ClassificationSql Sql => new(db.Database.IsNpgsql(), Dates.Zone);

    /// <summary>The business date (the organisation's day); a runner built by hand gets the default zone.</summary>
    private BusinessDate Dates { get; } = dates ?? new BusinessDate(time, BusinessDate.FindZone(null));

    public async Task<Result<RunDto>> StartAsync(Caller caller, string? scheme, RunTrigger trigger, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        if (scheme is not null && !await db.Set<ClassificationScheme>().AnyAsync(s => s.Code == scheme, ct))
        {
            return Error.Validation("scheme", "No such scheme.");
        }

        var run = ClassificationRun.Create(trigger, scheme, caller.UserName, time.GetUtcNow().UtcDateTime);
        db.Add(run);
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return ToDto(run);
    }

    public async Task<Result<RunDto>> GetAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return Error.Forbidden();
        }

        var run = await db.Set<ClassificationRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        return run is null ? Error.NotFound("Run") : ToDto(run);
    }

    public async Task<Result<IReadOnlyList<RunDto>>> ListAsync(Caller caller, int limit = 20, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return Error.Forbidden();
        }

        var runs = await db.Set<ClassificationRun>().AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(Math.Clamp(limit, 1, 100)).ToListAsync(ct);
        return runs.Select(ToDto).ToList();
    }

    /// <summary>
    /// Cancels a queued or running run (administrators): a queued run is finished at once and never starts; a running run stops
    /// before its next scheme (the scheme in progress completes, schemes already applied stay applied). 409 when it has finished.
    /// </summary>
    public async Task<Result<RunDto>> CancelAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var run = await db.Set<ClassificationRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null)
        {
            return Error.NotFound("Run");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var cancelled = await db.Set<ClassificationRun>().Where(r => r.Id == id && r.State == RunState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RunState.Cancelled).SetProperty(r => r.FinishedAt, now), ct) == 1
            || await db.Set<ClassificationRun>().Where(r => r.Id == id && r.State == RunState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RunState.Cancelled), ct) == 1;
        if (!cancelled)
        {
            return Error.Conflict("SchemeEditor.RunNotCancellable", "The run has already finished; only queued or running runs can be cancelled.");
        }

        log.LogInformation("Classification run {Run} cancelled by {User}", id, caller.UserName);
        return (await GetAsync(caller, id, ct)).Value;
    }

    /// <summary>Claims the oldest queued run unless another run is in progress (or still stopping after a cancel); returns its id.</summary>
    public async Task<Guid?> ClaimNextAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var stale = now - Abandoned;
        await db.Set<ClassificationRun>().Where(r => r.State == RunState.Running && r.StartedAt < stale)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RunState.Failed).SetProperty(r => r.FinishedAt, now).SetProperty(r => r.Error, "Abandoned."), ct);
        await db.Set<ClassificationRun>().Where(r => r.State == RunState.Cancelled && r.FinishedAt == null && r.StartedAt < stale)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.FinishedAt, now), ct);
        if (await db.Set<ClassificationRun>().AnyAsync(r => r.State == RunState.Running || (r.State == RunState.Cancelled && r.FinishedAt == null), ct))
        {
            return null;
        }

        var next = await db.Set<ClassificationRun>().Where(r => r.State == RunState.Queued).OrderBy(r => r.CreatedAt).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        return next is Guid id && await ClaimAsync(id, ct) ? id : null;
    }

    /// <summary>Runs now, in the caller's process (CLI, scheduler): queued, claimed and executed at once.</summary>
    public async Task<RunDto> RunNowAsync(RunTrigger trigger, string? scheme, string by, Action<RunDto>? progress, CancellationToken ct = default)
    {
        var run = ClassificationRun.Create(trigger, scheme, by, time.GetUtcNow().UtcDateTime);
        db.Add(run);
        await db.SaveChangesAsync(ct);
        if (!await ClaimAsync(run.Id, ct))
        {
            throw new InvalidOperationException("The run was claimed by another node.");
        }

        return await ExecuteAsync(run.Id, progress, ct);
    }

    /// <summary>Executes a claimed run: metrics, then each scheme atomically. Never throws for a failing scheme; the run records it.</summary>
    public async Task<RunDto> ExecuteAsync(Guid runId, Action<RunDto>? progress = null, CancellationToken ct = default)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var run = await db.Set<ClassificationRun>().AsNoTracking().FirstAsync(r => r.Id == runId, ct);
        var schemes = await db.Set<ClassificationScheme>().AsNoTracking()
            .Where(s => run.SchemeCode == null ? s.Enabled : s.Code == run.SchemeCode).OrderBy(s => s.SortOrder).ToListAsync(ct);
        var outcomes = schemes.Select(s => new SchemeOutcome(s.Code, "pending", 0, null)).ToList();
        // The classes and history a run writes are the system's: audited as the job that runs it (system:reclassify), else as
        // system:classification (a run queued by a user, who is recorded on the run); lanes have scopes of their own.
        var actor = SetAudit.For(db).Actor is { UserName: var who } job && who.StartsWith("system:", StringComparison.Ordinal)
            ? job : JobActor.For("classification");
        var sql = Sql;
        var customers = 0;
        var done = 0;
        string? error = null;

        // A cancelled run keeps its state: progress is still recorded, and FinishedAt once it has stopped.
        async Task ReportAsync(RunState state)
        {
            var json = JsonSerializer.Serialize(outcomes, SchemeSettings.Json);
            var finished = state is RunState.Succeeded or RunState.Failed or RunState.Cancelled ? time.GetUtcNow().UtcDateTime : (DateTime?)null;
            var updated = await db.Set<ClassificationRun>().Where(r => r.Id == runId && r.State != RunState.Cancelled).ExecuteUpdateAsync(
                s => s.SetProperty(r => r.State, state).SetProperty(r => r.StepsDone, done).SetProperty(r => r.StepsTotal, schemes.Count + 1)
                    .SetProperty(r => r.ProgressJson, json).SetProperty(r => r.Customers, customers).SetProperty(r => r.Error, error)
                    .SetProperty(r => r.FinishedAt, finished),
                CancellationToken.None);
            if (updated == 0)
            {
                await db.Set<ClassificationRun>().Where(r => r.Id == runId).ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.StepsDone, done).SetProperty(r => r.StepsTotal, schemes.Count + 1)
                        .SetProperty(r => r.ProgressJson, json).SetProperty(r => r.Customers, customers).SetProperty(r => r.Error, error)
                        .SetProperty(r => r.FinishedAt, finished),
                    CancellationToken.None);
            }

            if (progress is not null)
            {
                progress(ToDto(await db.Set<ClassificationRun>().AsNoTracking().FirstAsync(r => r.Id == runId, CancellationToken.None)));
            }
        }

        await ReportAsync(RunState.Running);
        var reads = new List<SchemeReads>();
        try
        {
            var today = Dates.Today();
            var costs = await ClassificationService.CostsAsync(db, ct);
            foreach (var scheme in schemes)
            {
                reads.Add(await ReadsAsync(sql, scheme, ct));
            }

            var consecutive = reads.Any(r => r.Consecutive);

            if (sql.Postgres && scopes is not null)
            {
                customers = await RefreshMetricsInPartsAsync(sql, runId, today, costs, consecutive, ct);
            }
            else
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await NoJitAsync(db, sql, ct);
                var statements = sql.RefreshMetrics(runId, today, costs, consecutive);
                await db.Database.ExecuteSqlRawAsync(statements[0], ct);
                customers = await db.Database.ExecuteSqlRawAsync(statements[1], ct);
                foreach (var statement in statements.Skip(2))
                {
                    await db.Database.ExecuteSqlRawAsync(statement, ct);
                }
                await tx.CommitAsync(ct);
            }

            done++;
            await ReportAsync(RunState.Running);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            log.LogError(ex, "Classification run {Run}: metrics failed", runId);
            error = "metrics: " + Short(ex);
            await ReportAsync(RunState.Failed);
            return (await GetAsync(Caller.System, runId, CancellationToken.None)).Value;
        }

        // Schemes run side by side on PostgreSQL (each on its own connection and transaction); a rule that reads other schemes'
        // classes runs alone, after every scheme before it and before any after it, so it sees the same classes as when run in order.
        var lanes = sql.Postgres && scopes is not null ? SchemeLanes : 1;
        var alone = reads.Select(r => lanes > 1 && r.Classes).ToList();

        using var gate = new SemaphoreSlim(1, 1);
        var running = new List<Task>();
        var cancelled = false;
        var stop = false;

        async Task UnderGateAsync(Func<Task> action)
        {
            await gate.WaitAsync(CancellationToken.None);
            try
            {
                await action();
            }
            finally
            {
                gate.Release();
            }
        }

        // A failing scheme is recorded and the run goes on; reporting progress is not part of the scheme (its errors end the run).
        async Task ApplyAsync(int i)
        {
            var scheme = schemes[i];
            var changes = 0;
            Exception? failure = null;
            try
            {
                changes = lanes > 1 ? await ApplyInLaneAsync(sql, scheme, runId, actor, ct) : await ApplySchemeAsync(db, sql, scheme, runId, actor, ct);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                log.LogError(ex, "Classification run {Run}: scheme {Scheme} failed; its previous classes stay", runId, scheme.Code);
                failure = ex;
            }

            await UnderGateAsync(async () =>
            {
                outcomes[i] = failure is null
                    ? outcomes[i] with { State = "succeeded", Changes = changes }
                    : outcomes[i] with { State = "failed", Error = Short(failure) };
                error ??= failure is null ? null : scheme.Code + ": " + Short(failure);
                stop |= failure is OperationCanceledException;
                done++;
                await ReportAsync(RunState.Running);
            });
        }

        for (var i = 0; i < schemes.Count; i++)
        {
            while (running.Count > 0 && (alone[i] || running.Count >= lanes))
            {
                var finished = await Task.WhenAny(running);
                running.Remove(finished);
                await finished;
            }

            var cancel = false;
            await UnderGateAsync(async () =>
            {
                cancel = stop || await db.Set<ClassificationRun>().AnyAsync(r => r.Id == runId && r.State == RunState.Cancelled, CancellationToken.None);
                cancelled |= cancel && !stop;
                if (cancel)
                {
                    for (var j = i; j < schemes.Count; j++)
                    {
                        outcomes[j] = outcomes[j] with { State = "skipped" };
                    }

                    return;
                }

                outcomes[i] = outcomes[i] with { State = "running" };
                await ReportAsync(RunState.Running);
            });
            if (cancel)
            {
                break;
            }

            var applying = ApplyAsync(i);
            if (alone[i] || lanes == 1)
            {
                await applying;
            }
            else
            {
                running.Add(applying);
            }
        }

        await Task.WhenAll(running);
        await ReportAsync(cancelled ? RunState.Cancelled : error is null ? RunState.Succeeded : RunState.Failed);
        return (await GetAsync(Caller.System, runId, CancellationToken.None)).Value;
    }

    /// <summary>The assignment statement of the scheme's current version.</summary>
    private async Task<AssignSql> AssignAsync(ClassificationSql sql, ClassificationScheme scheme, CancellationToken ct, KefuDb? context = null)
    {
        var json = await (context ?? db).Set<SchemeVersion>().Where(v => v.SchemeId == scheme.Id && v.Number == scheme.CurrentVersion).Select(v => v.SettingsJson).FirstAsync(ct);
        return ClassificationSql.Assign(scheme.Kind, SchemeSettings.Read(scheme.Kind, json), sql.Postgres, Dates.Today());
    }

    /// <summary>What the scheme's assignment reads besides the metrics.</summary>
    /// <param name="Consecutive"><c>consecutive_purchases</c> (computed only when some scheme reads it).</param>
    /// <param name="Classes">Other schemes' current classes (a rule with <c>class('…')</c>): such a scheme is applied alone.</param>
    private readonly record struct SchemeReads(bool Consecutive, bool Classes);

    /// <summary>A scheme that cannot be compiled is taken to read both; it fails in its own step.</summary>
    private async Task<SchemeReads> ReadsAsync(ClassificationSql sql, ClassificationScheme scheme, CancellationToken ct)
    {
        try
        {
            var assign = (await AssignAsync(sql, scheme, ct)).Sql;
            return new(ClassificationSql.ReadsConsecutive(assign), assign.Contains("customer_classes", StringComparison.Ordinal));
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            return new(true, true);
        }
    }

    private static async Task NoJitAsync(KefuDb context, ClassificationSql sql, CancellationToken ct)
    {
        if (sql.Postgres)
        {
            await context.Database.SqlQueryRaw<string>(ClassificationSql.NoJit + " AS \"Value\"").ToListAsync(ct);
        }
    }

    /// <summary>
    /// PostgreSQL: empties the metrics, then fills them in <see cref="MetricsParts"/> ranges of customer ids at once, each on its
    /// own connection and transaction, then analyses the table. A failed part fails the run before any scheme is applied (the
    /// classes stay as they were; the metrics are rebuilt by the next run).
    /// </summary>
    private async Task<int> RefreshMetricsInPartsAsync(
        ClassificationSql sql, Guid runId, DateOnly today, CostSettings costs, bool consecutive, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("TRUNCATE customer_metrics", ct);
        var count = await db.Customers.CountAsync(ct);
        var bounds = new List<Guid?> { null };
        for (var i = 1; i < MetricsParts && count > 0; i++)
        {
            bounds.Add(await db.Customers.OrderBy(c => c.Id).Skip(count * i / MetricsParts).Select(c => (Guid?)c.Id).FirstAsync(ct));
        }

        bounds.Add(null);
        var parts = bounds.Zip(bounds.Skip(1), (from, to) => new CustomerRange(from, to)).ToList();
        var written = await Task.WhenAll(parts.Select(range => InsertMetricsAsync(sql.InsertMetrics(runId, today, costs, consecutive, range), ct)));
        await db.Database.ExecuteSqlRawAsync("ANALYZE customer_metrics", ct);
        return written.Sum();
    }

    private async Task<int> InsertMetricsAsync(string insert, CancellationToken ct)
    {
        await using var scope = scopes!.CreateAsyncScope();
        var part = scope.ServiceProvider.GetRequiredService<KefuDb>();
        part.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await using var tx = await part.Database.BeginTransactionAsync(ct);
        await NoJitAsync(part, new ClassificationSql(true), ct);
        var rows = await part.Database.ExecuteSqlRawAsync(insert, ct);
        await tx.CommitAsync(ct);
        return rows;
    }

    private async Task<int> ApplyInLaneAsync(ClassificationSql sql, ClassificationScheme scheme, Guid runId, Caller actor, CancellationToken ct)
    {
        await using var scope = scopes!.CreateAsyncScope();
        var lane = scope.ServiceProvider.GetRequiredService<KefuDb>();
        lane.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        return await ApplySchemeAsync(lane, sql, scheme, runId, actor, ct);
    }

    private async Task<int> ApplySchemeAsync(KefuDb context, ClassificationSql sql, ClassificationScheme scheme, Guid runId, Caller actor, CancellationToken ct)
    {
        var assign = await AssignAsync(sql, scheme, ct, context);
        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await context.Database.BeginTransactionAsync(ct);
        await NoJitAsync(context, sql, ct);
        var diff = sql.Postgres ? ClassificationSql.DiffPostgres(scheme.Code, assign.Sql) : ClassificationSql.Diff(scheme.Code, assign.Sql);
        for (var s = 0; s < diff.Count; s++)
        {
            var takesParameters = sql.Postgres ? s == 0 : s == 1;
            await context.Database.ExecuteSqlRawAsync(diff[s], takesParameters ? ClassificationService.Parameters(context, assign) : [], ct);
        }

        var audit = SetAudit.For(context, actor, now);
        var writes = sql.DiffWrites(scheme.Code, runId, now);
        var changes = await audit.InsertAsync<ClassChange>(DiffWriteSql.HistoryColumns, writes.History, ct: ct);
        await audit.DeleteAsync<CustomerClass>(writes.Removed, ct: ct);
        await audit.UpdateAsync<CustomerClass>(writes.Changed, writes.ChangedSet, from: "class_diff d", ct: ct);
        await audit.InsertAsync<CustomerClass>(DiffWriteSql.ClassColumns, writes.Added, ct: ct);
        if (!sql.Postgres)
        {
            foreach (var statement in ClassificationSql.DropDiff(scheme.Code))
            {
                await context.Database.ExecuteSqlRawAsync(statement, ct);
            }
        }

        var undefined = await context.Database.SqlQueryRaw<int>(ClassificationSql.UndefinedClasses(scheme.Code)).SingleAsync(ct);
        if (undefined > 0)
        {
            throw new InvalidOperationException(
                $"The settings of version {scheme.CurrentVersion} give {undefined} customers a class that scheme '{scheme.Code}' does not define; define the class or edit the settings.");
        }

        await tx.CommitAsync(ct);
        return changes;
    }

    private async Task<bool> ClaimAsync(Guid id, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Set<ClassificationRun>().Where(r => r.Id == id && r.State == RunState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RunState.Running).SetProperty(r => r.StartedAt, now), ct) == 1;
    }

    private static string Short(Exception ex)
    {
        var message = ex is OperationCanceledException ? "Cancelled." : ex.Message;
        return message.Length > 1000 ? message[..1000] : message;
    }

    private static RunDto ToDto(ClassificationRun r) => new(
        r.Id, r.State, r.Trigger, r.SchemeCode, r.RequestedBy, r.CreatedAt, r.StartedAt, r.FinishedAt, r.StepsDone, r.StepsTotal, r.Customers,
        JsonSerializer.Deserialize<List<SchemeOutcome>>(r.ProgressJson, SchemeSettings.Json) ?? [], r.Error);
}
