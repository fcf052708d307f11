using System.Globalization;
using Kefu.Core.Data;
using Kefu.Core.Scheduling;
using Quartz;

namespace Kefu.Web.Infrastructure;

/// <summary>The <c>Scheduler</c> configuration section (see docs/capabilities/scheduling.md).</summary>
public sealed class SchedulerSettings
{
    public const string Section = "Scheduler";

    /// <summary>False: no Quartz scheduler runs on this node (jobs can still be run from the CLI).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The scheduler name; every node of one cluster must use the same.</summary>
    public string Name { get; set; } = "Kefu";

    /// <summary>This node's id within the cluster; <c>AUTO</c> generates one (host name and start time).</summary>
    public string InstanceId { get; set; } = "AUTO";

    /// <summary>How many jobs one node runs at once.</summary>
    public int Threads { get; set; } = 4;

    /// <summary>How often a node checks in to the cluster (PostgreSQL).</summary>
    public int CheckinIntervalMs { get; set; } = 7500;

    /// <summary>How long past a missed check-in the other nodes wait before recovering a node's firings (PostgreSQL).</summary>
    public int CheckinMisfireThresholdMs { get; set; } = 20000;

    /// <summary>How late a firing may start before it counts as misfired.</summary>
    public int MisfireThresholdMs { get; set; } = 60000;
}

/// <summary>
/// Wires Quartz.NET: a clustered ADO.NET job store on PostgreSQL (tables from the PostgreSQL migrations), the in-memory
/// store on SQLite. Every registered <see cref="IScheduledJob"/> becomes one durable, recoverable Quartz job fired by
/// <see cref="KefuQuartzJob"/>, with a cron trigger from its <see cref="IScheduledJob.DefaultCron"/> or
/// <c>Scheduler:Jobs:&lt;name&gt;:Cron</c>, unless <c>Scheduler:Jobs:&lt;name&gt;:Enabled</c> is false.
/// </summary>
public static class Scheduling
{
    public const string JobGroup = "kefu";

    public static void AddKefuScheduler(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(database);
        var settings = configuration.GetSection(SchedulerSettings.Section).Get<SchedulerSettings>() ?? new SchedulerSettings();
        services.AddSingleton(settings);
        services.AddSingleton(new Kefu.Core.Scheduling.SchedulingOptions
        {
            IdempotencyRetention = TimeSpan.FromHours(configuration.GetValue("Scheduler:PurgeIdempotency:RetentionHours", 24.0)),
            ProbeDuration = TimeSpan.FromMilliseconds(configuration.GetValue("Scheduler:Probe:DurationMs", 1000)),
        });
        services.AddSingleton<JobSchedule>();
        services.AddScoped<Features.Scheduling.JobBoard>();
        if (!settings.Enabled)
        {
            return;
        }

        services.AddTransient<KefuQuartzJob>();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                // The in-memory store belongs to one process: give it a name of its own so several hosts in one process
                // (tests) never share a scheduler. A clustered store is shared by name across the nodes.
                o.InstanceName = database.Provider == DatabaseProvider.PostgreSql ? settings.Name : settings.Name + "-" + Guid.NewGuid().ToString("N");
                if (string.Equals(settings.InstanceId, "AUTO", StringComparison.OrdinalIgnoreCase))
                {
                    // A single in-process node is named after its machine; cluster nodes get a generated id.
                    if (database.Provider == DatabaseProvider.PostgreSql)
                    {
                        o.GenerateInstanceId = true;
                    }
                    else
                    {
                        o.InstanceId = Environment.MachineName;
                    }
                }
                else
                {
                    o.InstanceId = settings.InstanceId;
                }
            });
            q.UseDefaultThreadPool(Math.Max(1, settings.Threads));
            if (database.Provider == DatabaseProvider.PostgreSql)
            {
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(database.ConnectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromMilliseconds(settings.CheckinIntervalMs);
                        c.CheckinMisfireThreshold = TimeSpan.FromMilliseconds(settings.CheckinMisfireThresholdMs);
                    });
                    store.ConfigureStore(o =>
                    {
                        o.MisfireThreshold = TimeSpan.FromMilliseconds(settings.MisfireThresholdMs);
                        o.SchemaProvisioning = SchemaProvisioning.Validate;
                    });
                });
            }
            else
            {
                q.UseInMemoryStore(o => o.MisfireThreshold = TimeSpan.FromMilliseconds(settings.MisfireThresholdMs));
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<JobScheduleSync>();
    }

    public static JobKey KeyOf(string name) => new(name, JobGroup);

    public static TriggerKey TriggerOf(string name) => new(name, JobGroup);

    internal static string Format(DateTimeOffset? at) => at?.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) ?? "";
}

/// <summary>Each job's effective schedule: its default cron unless configuration overrides or disables it.</summary>
public sealed class JobSchedule(IConfiguration configuration, JobRunner runner)
{
    public string CronOf(JobDefinition job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var configured = configuration[$"Scheduler:Jobs:{job.Name}:Cron"];
        return string.IsNullOrWhiteSpace(configured) ? job.DefaultCron : configured.Trim();
    }

    /// <summary>Enabled unless configured off; the probe is off unless configured on.</summary>
    public bool IsEnabled(JobDefinition job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return configuration.GetValue($"Scheduler:Jobs:{job.Name}:Enabled", job.Name != SchedulerProbeJob.JobName);
    }

    public IReadOnlyList<JobDefinition> Jobs() => runner.Jobs();
}

/// <summary>Runs one firing of a Kefu job: resolves the <see cref="IScheduledJob"/> named by the job key in a new scope.</summary>
[DisallowConcurrentExecution]
public sealed class KefuQuartzJob(JobRunner runner, ILogger<KefuQuartzJob> log) : IJob
{
    public const string OriginalScheduledTimeKey = "QRTZ_FAILED_JOB_ORIG_TRIGGER_SCHEDULED_FIRETIME_AS_STRING";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.JobDetail.Key.Name;
        var firing = new JobFiring(
            context.FireInstanceId ?? "",
            ScheduledTime(context),
            context.Scheduler.SchedulerInstanceId,
            context.Recovering);
        var run = await runner.RunAsync(name, firing, cancellationToken);
        if (context.Recovering)
        {
            log.LogWarning("Recovered a firing of {Job} scheduled at {Scheduled:u} that another node left unfinished.", name, firing.ScheduledAt);
        }

        if (run is null)
        {
            log.LogWarning("Scheduled job {Job} is not registered on this node; the firing did nothing.", name);
        }
        else if (run.Outcome == JobRunOutcome.Failed)
        {
            log.LogWarning("Scheduled job {Job} failed: {Message}", name, run.Message);
        }
    }

    /// <summary>
    /// The time the firing was due. A recovery trigger fires anew, so its own scheduled time is the recovery's; the
    /// scheduled time of the firing it stands for travels in its job data (Quartz's "failed job" markers).
    /// </summary>
    private static DateTime ScheduledTime(IJobExecutionContext context)
    {
        if (context.Recovering && context.MergedJobDataMap.TryGetValue(OriginalScheduledTimeKey, out var value)
            && Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text)
        {
            // Quartz 4 writes the DateTimeOffset in the invariant culture; Quartz 3 wrote Unix milliseconds.
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return at.UtcDateTime;
            }

            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
            {
                return DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
            }
        }

        return (context.ScheduledFireTimeUtc ?? context.FireTimeUtc).UtcDateTime;
    }
}

/// <summary>
/// At start-up, makes the scheduler's jobs and triggers match the registered jobs and configuration: a durable,
/// recoverable job per <see cref="IScheduledJob"/>, a cron trigger when enabled (left alone when unchanged, so a
/// restart does not shift the next firing), no trigger when disabled, and jobs no longer registered removed.
/// </summary>
public sealed class JobScheduleSync(ISchedulerFactory factory, JobSchedule schedule, ILogger<JobScheduleSync> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var jobs = schedule.Jobs();
        foreach (var job in jobs)
        {
            var detail = JobBuilder.Create<KefuQuartzJob>()
                .WithIdentity(Scheduling.KeyOf(job.Name))
                .WithDescription(job.Name)
                .StoreDurably()
                .RequestRecovery()
                .Build();
            var triggerKey = Scheduling.TriggerOf(job.Name);
            if (!schedule.IsEnabled(job))
            {
                await scheduler.AddJob(detail, new AddJobOptions { Replace = true }, cancellationToken);
                await scheduler.UnscheduleJob(triggerKey, cancellationToken);
                continue;
            }

            var cron = schedule.CronOf(job);
            var existing = await scheduler.GetTrigger(triggerKey, cancellationToken);
            if (existing is ICronTrigger current && current.CronExpressionString == cron && await scheduler.Exists(detail.Key, cancellationToken))
            {
                continue;
            }

            var trigger = TriggerBuilder.Create()
                .WithIdentity(triggerKey)
                .ForJob(detail.Key)
                .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc))
                .Build();
            await scheduler.ScheduleJob(detail, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
            log.LogInformation("Scheduled job {Job} on cron {Cron}.", job.Name, cron);
        }

        var known = jobs.Select(j => j.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(Scheduling.JobGroup), cancellationToken))
        {
            if (!known.Contains(key.Name))
            {
                await scheduler.DeleteJob(key, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
