using Kefu.Core.Security;
using Kefu.Web.Infrastructure;

namespace Kefu.Web.Features.Scheduling;

public static class SchedulingApi
{
    public static void MapSchedulingApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/v1/jobs").WithTags("Scheduled jobs").RequireAuthorization(KefuHost.AdminPolicy);
        jobs.MapGet("/", async (JobBoard board, CancellationToken ct) => TypedResults.Ok(await board.ListAsync(ct)))
            .WithSummary("The scheduled jobs: name, effective cron, enabled, next fire time and the last run")
            .Allow(Roles.Administrator);
        jobs.MapGet("/{name}/runs", async (string name, int? limit, JobBoard board, CancellationToken ct) =>
                (await board.RunsAsync(name, limit ?? 50, ct)).Match(TypedResults.Ok))
            .WithSummary("The latest runs of one job (job_runs), newest first")
            .Allow(Roles.Administrator);
        jobs.MapPost("/{name}/run", async (string name, JobBoard board, CancellationToken ct) =>
                (await board.RunNowAsync(name, ct)).Match(_ => TypedResults.Accepted($"/api/v1/jobs/{name}/runs")))
            .WithSummary("Fires the job once now through the scheduler (once across the cluster); 202, then see its runs")
            .Allow(Roles.Administrator);
    }
}
