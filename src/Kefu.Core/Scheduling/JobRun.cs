using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.Scheduling;

public enum JobRunOutcome
{
    /// <summary>Started and not finished yet (or its node died; a recovery run then marks it abandoned).</summary>
    Running,
    Succeeded,
    Failed,

    /// <summary>The node running it died or shut down; the firing was handed to a recovery run.</summary>
    Abandoned,
}

/// <summary>One firing of a scheduled job (or one run from the CLI): which node ran it, when, and how it ended.</summary>
public sealed class JobRun
{
    public const int MessageMaxLength = 2000;

    /// <summary>The node name of runs started by <c>kefu jobs run</c>.</summary>
    public const string CliNode = "cli";

    private JobRun()
    {
    }

    public JobRun(string jobName, JobFiring firing, DateTime startedAt)
    {
        ArgumentNullException.ThrowIfNull(firing);
        JobName = jobName;
        FireInstanceId = firing.FireInstanceId;
        ScheduledAt = firing.ScheduledAt;
        Node = firing.Node;
        Recovering = firing.Recovering;
        StartedAt = startedAt;
        Outcome = JobRunOutcome.Running;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string JobName { get; private set; } = "";

    /// <summary>Quartz's id of this firing (unique among the firings in flight across the cluster).</summary>
    public string FireInstanceId { get; private set; } = "";

    /// <summary>The time the trigger was due; a recovery run keeps the scheduled time of the firing it recovers.</summary>
    public DateTime ScheduledAt { get; private set; }

    /// <summary>The scheduler instance id of the node that ran it, or <see cref="CliNode"/>.</summary>
    public string Node { get; private set; } = "";

    /// <summary>True when this run re-executes a firing whose node died before finishing it.</summary>
    public bool Recovering { get; private set; }

    public DateTime StartedAt { get; private set; }

    public DateTime? FinishedAt { get; private set; }

    public JobRunOutcome Outcome { get; private set; }

    public string? Message { get; private set; }

    public void Finish(JobRunOutcome outcome, string? message, DateTime at)
    {
        Outcome = outcome;
        Message = message is { Length: > MessageMaxLength } ? message[..MessageMaxLength] : message;
        FinishedAt = at;
    }
}

/// <summary>What the scheduler knows about one firing.</summary>
public sealed record JobFiring(string FireInstanceId, DateTime ScheduledAt, string Node, bool Recovering);

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.ToTable("job_runs");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.JobName).HasMaxLength(100);
        b.Property(r => r.FireInstanceId).HasMaxLength(200);
        b.Property(r => r.Node).HasMaxLength(200);
        b.Property(r => r.Message).HasMaxLength(JobRun.MessageMaxLength);
        b.HasIndex(r => new { r.JobName, r.StartedAt });
        b.HasIndex(r => new { r.JobName, r.ScheduledAt });
    }
}
