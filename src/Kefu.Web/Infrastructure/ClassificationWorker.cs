using Kefu.Core.Classification;

namespace Kefu.Web.Infrastructure;

/// <summary>Executes queued classification runs in the background; runs are claimed, so a cluster executes each once.</summary>
public sealed class ClassificationWorker(IServiceScopeFactory scopes, ClassificationSignal signal, IConfiguration config, ILogger<ClassificationWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(config.GetValue("Classification:PollMilliseconds", 5000));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (true)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var runs = scope.ServiceProvider.GetRequiredService<ClassificationRuns>();
                    if (await runs.ClaimNextAsync(stoppingToken) is not Guid id)
                    {
                        break;
                    }

                    await runs.ExecuteAsync(id, null, stoppingToken);
                }

                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Classification round failed");
                await Task.Delay(poll, stoppingToken);
            }
        }
    }
}
