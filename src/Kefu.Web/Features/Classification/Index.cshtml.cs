using Kefu.Core.Classification;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Classification;

/// <summary>Schemes, the pyramids (ABC and tiers) with drill-down, and runs with their progress.</summary>
public sealed class IndexModel(ClassificationService classification, ClassificationRuns runs) : KefuPageModel
{
    private static readonly string[] PyramidSchemes = ["abc", "tier"];

    public IReadOnlyList<SchemeDto> Schemes { get; private set; } = [];

    public IReadOnlyList<PyramidDto> Pyramids { get; private set; } = [];

    public IReadOnlyList<RunDto> Runs { get; private set; } = [];

    /// <summary>Scheme and class names for the runs table.</summary>
    public ClassLabels Names => new(Schemes);

    public bool CanRun => Caller.IsAdministrator;

    public bool Busy => Runs.Any(r => r.State is RunState.Queued or RunState.Running || (r.State == RunState.Cancelled && r.FinishedAt is null));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var schemes = await classification.ListSchemesAsync(Caller, ct);
        if (!schemes.IsSuccess)
        {
            return Fail(schemes.Error!);
        }

        Schemes = schemes.Value;
        var pyramids = new List<PyramidDto>();
        foreach (var code in PyramidSchemes.Where(c => Schemes.Any(s => s.Code == c))
            .Concat(Schemes.Where(s => s.Kind == SchemeKind.Rule && s.Enabled).Select(s => s.Code)))
        {
            pyramids.Add((await classification.PyramidAsync(Caller, code, ct)).Value);
        }

        Pyramids = pyramids;
        Runs = (await runs.ListAsync(Caller, 10, ct)).Value;
        return Page();
    }

    public async Task<IActionResult> OnGetRunsAsync(CancellationToken ct)
    {
        var schemes = await classification.ListSchemesAsync(Caller, ct);
        Schemes = schemes.IsSuccess ? schemes.Value : [];
        Runs = (await runs.ListAsync(Caller, 10, ct)).Value;
        return Partial("_Runs", this);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        var result = await runs.CancelAsync(Caller, id, ct);
        if (!result.IsSuccess)
        {
            if (result.Error!.Kind == Kefu.Core.Common.ErrorKind.Conflict)
            {
                FlashDanger("SchemeEditor.RunNotCancellable");
                return RedirectToPage();
            }

            return Fail(result.Error!);
        }

        Flash("SchemeEditor.RunCancelled");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct)
    {
        var result = await runs.StartAsync(Caller, null, RunTrigger.Ui, ct);
        if (!result.IsSuccess)
        {
            return Fail(result.Error!);
        }

        Flash("Classification.RunStarted");
        return RedirectToPage();
    }
}
