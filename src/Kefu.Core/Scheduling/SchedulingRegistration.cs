using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kefu.Core.Scheduling;

public static class SchedulingRegistration
{
    /// <summary>The job runner and the jobs of this folder; other capabilities add theirs as scoped <see cref="IScheduledJob"/>.</summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.TryAddSingleton(new SchedulingOptions());
        services.AddSingleton<JobRunner>();
        services.AddScoped<JobActor>();
        services.AddScoped<IScheduledJob, PurgeIdempotencyJob>();
        services.AddScoped<IScheduledJob, SchedulerProbeJob>();
        return services;
    }
}
