using Kefu.Core.Scheduling;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Scheduling;

/// <summary>The scheduled jobs for administrators: schedule, next firing, latest runs, and "run now".</summary>
public sealed class IndexModel(JobBoard board, JobRunner runner) : KefuPageModel
{
    public const int RecentRunCount = 30;

    public bool SchedulerEnabled => board.SchedulerEnabled;

    public IReadOnlyList<JobView> Jobs { get; private set; } = [];

    public IReadOnlyList<JobRunView> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Jobs = await board.ListAsync(ct);
        Runs = (await runner.RecentRunsAsync(null, RecentRunCount, ct)).Select(JobRunView.From).ToList();
    }

    public async Task<IActionResult> OnPostRunAsync(string name, CancellationToken ct)
    {
        var result = await board.RunNowAsync(name ?? "", ct);
        if (!result.IsSuccess)
        {
            return Fail(result.Error!);
        }

        Flash("Scheduling.Triggered", name!);
        return RedirectToPage();
    }
}
