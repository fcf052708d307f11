using Kefu.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Scheduling;

/// <summary>Settings of the jobs this folder ships (bound from <c>Scheduler:PurgeIdempotency</c> and <c>Scheduler:Probe</c>).</summary>
public sealed class SchedulingOptions
{
    /// <summary>How long an <c>Idempotency-Key</c> outcome is kept before <c>purge-idempotency</c> deletes it.</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long one run of <c>scheduler-probe</c> takes.</summary>
    public TimeSpan ProbeDuration { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Deletes the stored outcomes of idempotent creates older than the retention, in one set-based statement.</summary>
public sealed class PurgeIdempotencyJob(KefuDb db, TimeProvider time, SchedulingOptions options) : IScheduledJob
{
    public const string JobName = "purge-idempotency";

    public string Name => JobName;

    /// <summary>Nightly at 03:17 UTC.</summary>
    public string DefaultCron => "0 17 3 * * ?";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - options.IdempotencyRetention;
        var deleted = await db.Set<IdempotencyRecord>().Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        return $"Deleted {deleted} idempotency record(s) created before {cutoff:u}.";
    }
}

/// <summary>
/// An operator's check that the cluster fires each firing once: disabled unless <c>Scheduler:Jobs:scheduler-probe:Enabled</c>
/// is true; each run waits <see cref="SchedulingOptions.ProbeDuration"/> and is recorded in <c>job_runs</c> like any job.
/// </summary>
public sealed class SchedulerProbeJob(SchedulingOptions options) : IScheduledJob
{
    public const string JobName = "scheduler-probe";

    public string Name => JobName;

    /// <summary>Every 10 seconds (when enabled).</summary>
    public string DefaultCron => "0/10 * * * * ?";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(options.ProbeDuration, cancellationToken);
        return $"Probe ran for {options.ProbeDuration.TotalMilliseconds:0} ms.";
    }
}
