using Kefu.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Core.Scheduling;

/// <summary>A registered job as the scheduler, the admin page and the CLI see it.</summary>
public sealed record JobDefinition(string Name, string DefaultCron);

/// <summary>
/// Runs one <see cref="IScheduledJob"/> by name in a DI scope of its own and records the run in <c>job_runs</c>.
/// The scheduler's Quartz job and <c>kefu jobs run</c> both come through here, so every run is logged the same way.
/// </summary>
public sealed class JobRunner(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>The registered jobs, ordered by name.</summary>
    public IReadOnlyList<JobDefinition> Jobs()
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetServices<IScheduledJob>()
            .Select(j => new JobDefinition(j.Name, j.DefaultCron))
            .OrderBy(j => j.Name, StringComparer.Ordinal)
            .ToList();
    }

    public bool IsKnown(string name) => Jobs().Any(j => j.Name == name);

    /// <summary>
    /// Runs the job and returns its finished log row, or null when no job has that name. A failure of the job is
    /// recorded (outcome failed, with the message) rather than thrown; cancellation is recorded as abandoned and thrown.
    /// </summary>
    public async Task<JobRun?> RunAsync(string name, JobFiring firing, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(firing);
        await using var logScope = scopes.CreateAsyncScope();
        var db = logScope.ServiceProvider.GetRequiredService<KefuDb>();
        await using var jobScope = scopes.CreateAsyncScope();
        var job = jobScope.ServiceProvider.GetServices<IScheduledJob>().FirstOrDefault(j => j.Name == name);
        if (job is null)
        {
            return null;
        }

        jobScope.ServiceProvider.GetRequiredService<JobActor>().ActAs(name);
        var run = new JobRun(name, firing, Now());
        db.Add(run);
        if (firing.Recovering)
        {
            // The node that started this firing died; its row stays "running" forever unless we close it here.
            var abandoned = await db.Set<JobRun>()
                .Where(r => r.JobName == name && r.ScheduledAt == firing.ScheduledAt && r.Outcome == JobRunOutcome.Running)
                .ToListAsync(ct);
            foreach (var old in abandoned)
            {
                old.Finish(JobRunOutcome.Abandoned, $"Node {old.Node} stopped during the run; recovered by {firing.Node}.", Now());
            }
        }

        await db.SaveChangesAsync(ct);
        try
        {
            var message = await job.RunAsync(ct);
            run.Finish(JobRunOutcome.Succeeded, message, Now());
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            run.Finish(JobRunOutcome.Abandoned, "Cancelled: the node is shutting down.", Now());
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
#pragma warning disable CA1031 // a job's failure of any kind is recorded, never allowed to stop the scheduler
        catch (Exception ex)
#pragma warning restore CA1031
        {
            run.Finish(JobRunOutcome.Failed, $"{ex.GetType().Name}: {Innermost(ex).Message}", Now());
        }

        await db.SaveChangesAsync(CancellationToken.None);
        return run;
    }

    /// <summary>The latest runs, newest first; of one job when <paramref name="name"/> is given.</summary>
    public async Task<IReadOnlyList<JobRun>> RecentRunsAsync(string? name, int take, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
        var query = db.Set<JobRun>().AsNoTracking();
        if (name is not null)
        {
            query = query.Where(r => r.JobName == name);
        }

        return await query.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
    }

    /// <summary>The latest run of each job (one query per job; there are few jobs).</summary>
    public async Task<IReadOnlyDictionary<string, JobRun>> LastRunsAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
        var result = new Dictionary<string, JobRun>(StringComparer.Ordinal);
        foreach (var job in Jobs())
        {
            var last = await db.Set<JobRun>().AsNoTracking().Where(r => r.JobName == job.Name)
                .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
            if (last is not null)
            {
                result[job.Name] = last;
            }
        }

        return result;
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
