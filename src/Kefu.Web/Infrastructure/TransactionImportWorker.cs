using Kefu.Core.Transactions;

namespace Kefu.Web.Infrastructure;

/// <summary>Runs queued transaction imports (uploads) in the background; each node claims an import atomically.</summary>
public sealed class TransactionImportWorker(IServiceScopeFactory scopes, IConfiguration config, ILogger<TransactionImportWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(config.GetValue("Transactions:PollMilliseconds", 500)));
        do
        {
            try
            {
                bool more;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    more = await scope.ServiceProvider.GetRequiredService<TransactionService>().ProcessNextAsync(stoppingToken);
                }
                while (more && !stoppingToken.IsCancellationRequested);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Transaction import round failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
