using Kefu.Core.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kefu.Core.Sla;

public static class SlaRegistration
{
    /// <summary>
    /// Service levels, clocks and the scan job. Contract and class sources fall back to "none" until those capabilities
    /// register theirs; clocks count working time of the responsibility centre's business calendar.
    /// </summary>
    public static IServiceCollection AddSla(this IServiceCollection services)
    {
        services.TryAddScoped<ISlaCalendars, BusinessSlaCalendars>();
        services.AddScoped<ServiceLevelService>();
        services.AddScoped<SlaService>();
        services.AddScoped<SlaScanner>();
        services.AddScoped<SlaReads>();
        services.AddScoped<IScheduledJob, SlaScanJob>();
        services.AddScoped<Customers.ICustomerLinks, SlaCustomerLinks>();
        return services;
    }
}
