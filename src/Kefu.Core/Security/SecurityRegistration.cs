using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kefu.Core.Security;

public static class SecurityRegistration
{
    /// <summary>Users, API tokens, the login check and throttle; the request origin defaults to local (the host replaces it).</summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services)
    {
        services.AddScoped<UserService>();
        services.AddScoped<ApiTokenService>();
        services.AddScoped<LoginGuard>();
        services.TryAddSingleton(new LoginThrottleOptions());
        services.AddSingleton<LoginThrottle>();
        services.TryAddScoped<IRequestOrigin, LocalOrigin>();
        return services;
    }
}
