using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Core.Notifications;

public static class NotificationRegistration
{
    /// <summary>In-app notifications and the mail outbox with its SMTP delivery, configured by <paramref name="mail"/>.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, MailOptions? mail = null)
    {
        services.AddSingleton(mail ?? new MailOptions());
        services.AddScoped<NotificationService>();
        services.AddScoped<MailDelivery>();
        return services;
    }
}
