using Kefu.Core.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Core.ServiceRequests;

public static class ServiceRequestRegistration
{
    /// <summary>Request types, intake and transitions, approvals, relations, attachments, mail, list export, saved views and the customer links.</summary>
    public static IServiceCollection AddServiceRequests(this IServiceCollection services)
    {
        services.AddScoped<RequestTypeService>();
        services.AddScoped<ServiceRequestService>();
        services.AddScoped<RequestMail>();
        services.AddScoped<RequestApprovals>();
        services.AddScoped<RequestRelations>();
        services.AddScoped<RequestAttachments>();
        services.AddScoped<RequestListExport>();
        services.AddScoped<SavedViews>();
        services.AddScoped<ICustomerLinks, RequestCustomerLinks>();
        return services;
    }
}
