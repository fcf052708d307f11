using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Core.Audit;

public static class AuditRegistration
{
    /// <summary>The SaveChanges interceptor that audits every tracked change (SEC-2) and the audit reads.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<AuditInterceptor>();
        services.AddScoped<AuditService>();
        return services;
    }
}
