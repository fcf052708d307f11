using Kefu.Core.Common;
using Kefu.Core.ServiceRequests;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.ServiceRequests;

/// <summary>The supervisor's approval queue (SRQ-7): approve or reject each escalated request with a comment.</summary>
public sealed class ApprovalsModel(RequestApprovals approvals) : KefuPageModel
{
    public IReadOnlyList<ServiceRequestListItem> Queue { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await approvals.QueueAsync(Caller, ct);
        if (!result.IsSuccess)
        {
            return Fail(result.Error!);
        }

        Queue = result.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string number, string? decision, string? comment, int? version, CancellationToken ct)
    {
        var result = await approvals.DecideAsync(Caller, number, new DecisionInput(decision, comment, version), ct);
        if (result.IsSuccess)
        {
            Flash("Approvals.Done", number);
        }
        else if (result.Error!.Kind is ErrorKind.Forbidden or ErrorKind.Unauthorized)
        {
            return Forbid();
        }
        else
        {
            TempData[FlashKey] = $"{number}: " + (result.Error.Fields is { Count: > 0 } f
                ? string.Join(" ", f.SelectMany(x => x.Value.Select(m => Labels.Message(L, m))))
                : Labels.Message(L, result.Error.Code, result.Error.Message));
            TempData[FlashKindKey] = "danger";
        }

        return RedirectToPage();
    }
}
