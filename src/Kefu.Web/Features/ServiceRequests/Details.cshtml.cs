using Kefu.Core.Common;
using Kefu.Core.Security;
using Kefu.Core.ServiceRequests;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.ServiceRequests;

/// <summary>
/// One request: header, items, long text, timeline, status buttons, escalation and approval, department mail, attachments and relations.
/// Every action posts back here and redirects (a refused action shows Core's message as a flash and changes nothing).
/// </summary>
public sealed class DetailsModel(
    ServiceRequestService requests, RequestApprovals approvals, RequestRelations relations, RequestAttachments attachments, RequestTypeService types, Kefu.Core.Classification.ClassificationService classification) : KefuPageModel
{
    public IReadOnlyDictionary<Guid, IReadOnlyList<Kefu.Core.Classification.ClassBadge>> Badges { get; private set; } =
        new Dictionary<Guid, IReadOnlyList<Kefu.Core.Classification.ClassBadge>>();

    [BindProperty(SupportsGet = true)]
    public string Number { get; set; } = "";

    public ServiceRequestDetail Detail { get; private set; } = null!;

    public IReadOnlyList<AttachmentDto> Attachments { get; private set; } = [];

    public IReadOnlyList<LinkDto> Links { get; private set; } = [];

    /// <summary>Labels of the type's user statuses by code (for the timeline).</summary>
    public Dictionary<string, string> StatusLabels { get; } = new(StringComparer.Ordinal);

    public string StatusLabel(string? code) => code is null ? "" : StatusLabels.TryGetValue(code, out var label) ? $"{code} {label}" : code;

    public bool CanRecord => Caller.IsInAny(ServiceRequestService.Recorders);

    public bool CanEscalate => Caller.IsInAny(RequestApprovals.Escalators);

    public bool CanDecide => Caller.IsInAny(RequestApprovals.Approvers);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await requests.GetAsync(Caller, Number, ct);
        if (!result.IsSuccess)
        {
            return Fail(result.Error!);
        }

        Detail = result.Value;
        Badges = await classification.BadgesAsync([Detail.CustomerId], ct);
        var type = await types.GetAsync(Detail.Type, ct);
        if (type.IsSuccess)
        {
            foreach (var status in type.Value.Statuses)
            {
                StatusLabels[status.Code] = Labels.Pick(status.LabelZh, status.LabelEn);
            }
        }

        var files = await attachments.ListAsync(Caller, Number, ct);
        Attachments = files.IsSuccess ? files.Value : [];
        var links = await relations.LinksAsync(Caller, Number, ct);
        Links = links.IsSuccess ? links.Value : [];
        return Page();
    }

    public async Task<IActionResult> OnPostTransitionAsync(string? to, string? comment, int? version, CancellationToken ct) =>
        Done(await requests.TransitionAsync(Caller, Number, new TransitionInput(to, comment, version), ct), "ServiceRequests.Moved");

    public async Task<IActionResult> OnPostLogAsync(string? text, CancellationToken ct) =>
        Done(await requests.AppendLogAsync(Caller, Number, text, ct), "ServiceRequests.LogAppended");

    public async Task<IActionResult> OnPostEscalateAsync(string? reason, string? comment, CancellationToken ct) =>
        Done(await approvals.EscalateAsync(Caller, Number, new EscalationInput(reason, comment), ct), "ServiceRequests.Escalated");

    public async Task<IActionResult> OnPostDecideAsync(string? decision, string? comment, int? version, CancellationToken ct) =>
        Done(await approvals.DecideAsync(Caller, Number, new DecisionInput(decision, comment, version), ct), "ServiceRequests.Decided");

    public async Task<IActionResult> OnPostMailAsync(string? to, bool urgent, string? message, CancellationToken ct)
    {
        var addresses = (to ?? "").Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Done(await requests.SendToDepartmentAsync(Caller, Number, new DepartmentMailInput(addresses, urgent, message), ct), "ServiceRequests.Mailed");
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            FlashDanger("Attachments.NoFile");
            return Back();
        }

        await using var content = file.OpenReadStream();
        return Done(await attachments.AddAsync(Caller, Number, new AttachmentUpload(file.FileName, file.ContentType, file.Length, content), ct),
            "Attachments.Added");
    }

    public async Task<IActionResult> OnGetAttachmentAsync(Guid id, CancellationToken ct)
    {
        var result = await attachments.OpenAsync(Caller, Number, id, ct);
        return result.IsSuccess ? File(result.Value.Content, result.Value.ContentType, result.Value.FileName) : NotFound();
    }

    public async Task<IActionResult> OnPostLinkAsync(string? to, CancellationToken ct) =>
        Done(await relations.LinkAsync(Caller, Number, new LinkInput(to), ct), "ServiceRequests.Linked");

    public async Task<IActionResult> OnPostMergeAsync(string? duplicate, CancellationToken ct) =>
        Done(await relations.MergeAsync(Caller, Number, new MergeInput(duplicate), ct), "ServiceRequests.Merged");

    public async Task<IActionResult> OnPostSplitAsync(string? lines, string? shortText, CancellationToken ct)
    {
        var numbers = (lines ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1).ToList();
        var result = await relations.SplitAsync(Caller, Number, new SplitInput(numbers, shortText), ct);
        if (result.IsSuccess)
        {
            Flash("ServiceRequests.Split", result.Value.Number);
        }
        else
        {
            ShowError(result.Error!);
        }

        return Back();
    }

    private IActionResult Done<T>(Result<T> result, string successKey)
    {
        if (result.IsSuccess)
        {
            Flash(successKey);
        }
        else if (result.Error!.Kind == ErrorKind.NotFound && result.Error.Code == "Error.NotFound" && result.Error.Message == "Service request")
        {
            return NotFoundPage();
        }
        else
        {
            ShowError(result.Error);
        }

        return Back();
    }

    /// <summary>Core's message (localized when its code is known), with the field messages, as a red flash.</summary>
    private void ShowError(Error error)
    {
        var parts = new List<string>();
        if (error.Fields is { Count: > 0 } fields)
        {
            parts.AddRange(fields.SelectMany(f => f.Value.Select(m => $"{f.Key}: {Labels.Message(L, m)}")));
        }
        else
        {
            parts.Add(Labels.Message(L, error.Code, error.Message));
        }

        TempData[FlashKey] = string.Join(" ", parts);
        TempData[FlashKindKey] = "danger";
    }

    private RedirectToPageResult Back() => RedirectToPage("/ServiceRequests/Details", new { number = Number });
}
