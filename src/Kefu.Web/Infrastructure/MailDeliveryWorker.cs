using Kefu.Core.Notifications;

namespace Kefu.Web.Infrastructure;

/// <summary>Delivers the mail outbox in the background; each node claims rows, so a cluster sends every mail once.</summary>
public sealed class MailDeliveryWorker(IServiceScopeFactory scopes, MailOptions options, IConfiguration config, ILogger<MailDeliveryWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            log.LogInformation("Mail:Host is not set; outgoing mail stays queued in the outbox.");
            return;
        }

        var interval = TimeSpan.FromMilliseconds(config.GetValue("Mail:PollMilliseconds", 1000));
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<MailDelivery>().DeliverPendingAsync(ct: stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Mail delivery round failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
