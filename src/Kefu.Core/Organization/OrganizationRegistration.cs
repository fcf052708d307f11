using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Core.Organization;

public static class OrganizationRegistration
{
    /// <summary>The organisation tree and the unit scope of a caller (SEC-1).</summary>
    public static IServiceCollection AddOrganization(this IServiceCollection services)
    {
        services.AddScoped<OrganizationService>();
        return services;
    }
}
