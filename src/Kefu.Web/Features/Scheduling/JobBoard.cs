using Kefu.Core.Common;
using Kefu.Core.Scheduling;
using Kefu.Web.Infrastructure;
using Quartz;

namespace Kefu.Web.Features.Scheduling;

public sealed record JobRunView(
    Guid Id, string JobName, string FireInstanceId, DateTime ScheduledAt, string Node, bool Recovering,
    DateTime StartedAt, DateTime? FinishedAt, JobRunOutcome Outcome, string? Message)
{
    public static JobRunView From(JobRun r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.JobName, r.FireInstanceId, r.ScheduledAt, r.Node, r.Recovering, r.StartedAt, r.FinishedAt, r.Outcome, r.Message);
    }
}

public sealed record JobView(string Name, string Cron, bool Enabled, DateTime? NextFireAt, JobRunView? LastRun);

/// <summary>What the admin page and API show of the scheduler, and "run now" (through the scheduler: once across the cluster).</summary>
public sealed class JobBoard(JobSchedule schedule, JobRunner runner, SchedulerSettings settings, IServiceProvider services)
{
    public bool SchedulerEnabled => settings.Enabled;

    public async Task<IReadOnlyList<JobView>> ListAsync(CancellationToken ct)
    {
        var scheduler = await SchedulerAsync(ct);
        var last = await runner.LastRunsAsync(ct);
        var result = new List<JobView>();
        foreach (var job in schedule.Jobs())
        {
            var enabled = settings.Enabled && schedule.IsEnabled(job);
            DateTime? next = null;
            if (scheduler is not null && enabled)
            {
                var trigger = await scheduler.GetTrigger(Infrastructure.Scheduling.TriggerOf(job.Name), ct);
                next = trigger?.NextFireTimeUtc?.UtcDateTime;
            }

            result.Add(new JobView(job.Name, schedule.CronOf(job), enabled, next, last.TryGetValue(job.Name, out var run) ? JobRunView.From(run) : null));
        }

        return result;
    }

    public async Task<Result<IReadOnlyList<JobRunView>>> RunsAsync(string name, int take, CancellationToken ct)
    {
        if (!runner.IsKnown(name))
        {
            return Error.NotFound("job");
        }

        var runs = await runner.RecentRunsAsync(name, take, ct);
        return runs.Select(JobRunView.From).ToList();
    }

    /// <summary>Asks the scheduler to fire the job once now; whichever node acquires the firing runs it.</summary>
    public async Task<Result<Unit>> RunNowAsync(string name, CancellationToken ct)
    {
        if (!runner.IsKnown(name))
        {
            return Error.NotFound("job");
        }

        var scheduler = await SchedulerAsync(ct);
        if (scheduler is null)
        {
            return Error.Conflict("Scheduling.Disabled", "The scheduler is disabled on this node (Scheduler:Enabled); run the job with 'kefu jobs run'.");
        }

        await scheduler.TriggerJob(Infrastructure.Scheduling.KeyOf(name), null, ct);
        return Unit.Value;
    }

    private async Task<IScheduler?> SchedulerAsync(CancellationToken ct) =>
        settings.Enabled && services.GetService<ISchedulerFactory>() is { } factory ? await factory.GetScheduler(ct) : null;
}
