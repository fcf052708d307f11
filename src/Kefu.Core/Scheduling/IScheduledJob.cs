namespace Kefu.Core.Scheduling;

/// <summary>
/// A piece of recurring work (SLA warnings, preventive maintenance, reclassification, reminders…). The host's
/// scheduler fires it on <see cref="DefaultCron"/> once across the cluster; the CLI can run it once by
/// <see cref="Name"/>. Implementations are scoped services and must be safe to run twice in a row.
/// </summary>
public interface IScheduledJob
{
    /// <summary>Stable kebab-case name, e.g. <c>sla-scan</c>; used by the CLI and in configuration.</summary>
    string Name { get; }

    /// <summary>Quartz cron expression (seconds first), e.g. <c>0 * * * * ?</c> for every minute.</summary>
    string DefaultCron { get; }

    /// <summary>Does one run and says what it did, in a line fit for a log or the CLI.</summary>
    Task<string> RunAsync(CancellationToken cancellationToken);
}
