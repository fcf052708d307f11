using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Core.Customers;

public static class CustomerRegistration
{
    /// <summary>
    /// Customer use cases (CUS-1..4, CUS-6). Merge and delete loop over the <see cref="ICustomerLinks"/> the other capabilities register.
    /// </summary>
    public static IServiceCollection AddCustomers(this IServiceCollection services)
    {
        services.AddScoped<CustomerService>();
        return services;
    }
}
