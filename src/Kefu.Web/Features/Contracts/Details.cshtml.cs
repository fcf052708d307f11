using Kefu.Core.Common;
using Kefu.Core.Contracts;
using Kefu.Core.Security;
using Kefu.Core.ServiceRequests;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Kefu.Web.Features.Contracts;

public sealed class ObjectForm
{
    public string? Description { get; set; }

    public string? ProductModel { get; set; }

    public string? SerialNumber { get; set; }

    public string? AssetNumber { get; set; }

    public string? City { get; set; }

    public string? Street { get; set; }

    public DateOnly? InstallDate { get; set; }

    public CoveredObjectInput ToInput() => new(Description, ProductModel, SerialNumber, AssetNumber, null, City, null, Street, InstallDate, null);
}

public sealed class ScheduleForm
{
    public string? Kind { get; set; } = "interval";

    public Guid? CoveredObjectId { get; set; }

    public int? IntervalMonths { get; set; } = 3;

    public DateOnly? AnchorDate { get; set; }

    public decimal? MeterInterval { get; set; }

    public int? LeadDays { get; set; } = 14;

    public string? RequestType { get; set; } = "MNT";

    public ScheduleInput ToInput() => Kind == "meter"
        ? new(Kind, CoveredObjectId, null, null, MeterInterval, null, LeadDays, RequestType, true, null)
        : new(Kind, CoveredObjectId, IntervalMonths, AnchorDate, null, null, LeadDays, RequestType, true, null);
}

/// <summary>A contract with its objects, schedules, generated requests and reminders; editors change them here.</summary>
public sealed class DetailsModel(ContractService contracts, RequestTypeService types) : KefuPageModel
{
    public ContractDetail Contract { get; private set; } = null!;

    [BindProperty]
    public ObjectForm NewObject { get; set; } = new();

    [BindProperty]
    public ScheduleForm NewSchedule { get; set; } = new();

    public List<SelectListItem> Types { get; } = [];

    public bool CanEdit => Caller.IsInAny(ContractService.Editors) && Contract.State is ContractState.Draft or ContractState.Active;

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct) => await LoadAsync(number, ct) ?? Page();

    public async Task<IActionResult> OnPostActivateAsync(string number, int version, CancellationToken ct) =>
        await AfterAsync(number, await contracts.ActivateAsync(Caller, number, version, ct), "Contracts.Activated", ct);

    public async Task<IActionResult> OnPostTerminateAsync(string number, int version, string? reason, CancellationToken ct) =>
        await AfterAsync(number, await contracts.TerminateAsync(Caller, number, new TerminationInput(version, null, reason), ct), "Contracts.Terminated", ct);

    public async Task<IActionResult> OnPostObjectAsync(string number, CancellationToken ct) =>
        await AfterAsync(number, await contracts.AddObjectAsync(Caller, number, NewObject.ToInput(), ct), "Contracts.ObjectAdded", ct, "NewObject");

    public async Task<IActionResult> OnPostDeleteObjectAsync(string number, Guid id, CancellationToken ct) =>
        await AfterAsync(number, await contracts.DeleteObjectAsync(Caller, number, id, ct), "Contracts.ObjectDeleted", ct);

    public async Task<IActionResult> OnPostScheduleAsync(string number, CancellationToken ct) =>
        await AfterAsync(number, await contracts.AddScheduleAsync(Caller, number, NewSchedule.ToInput(), ct), "Contracts.ScheduleAdded", ct, "NewSchedule");

    public async Task<IActionResult> OnPostDeleteScheduleAsync(string number, Guid id, CancellationToken ct) =>
        await AfterAsync(number, await contracts.DeleteScheduleAsync(Caller, number, id, ct), "Contracts.ScheduleDeleted", ct);

    public async Task<IActionResult> OnPostReadingAsync(string number, Guid objectId, DateOnly? readOn, decimal? value, CancellationToken ct) =>
        await AfterAsync(number, await contracts.AddReadingAsync(Caller, number, objectId, new MeterReadingInput(readOn, value), ct), "Contracts.ReadingAdded", ct, "Reading");

    private async Task<IActionResult> AfterAsync<T>(string number, Result<T> result, string flash, CancellationToken ct, string prefix = "")
    {
        if (result.IsSuccess)
        {
            Flash(flash, number);
            return RedirectToPage("/Contracts/Details", new { number });
        }

        ModelState.Clear();
        if (await LoadAsync(number, ct) is { } missing)
        {
            return missing;
        }

        return Fail(result.Error!, prefix);
    }

    private async Task<IActionResult?> LoadAsync(string number, CancellationToken ct)
    {
        var result = await contracts.GetAsync(Caller, number, ct);
        if (!result.IsSuccess)
        {
            return Fail(result.Error!);
        }

        Contract = result.Value;
        Types.AddRange((await types.ListAsync(ct)).Where(t => t.IsActive).Select(t => new SelectListItem($"{t.Code} {Labels.Pick(t.NameZh, t.NameEn)}", t.Code)));
        return null;
    }

    public string ObjectName(Guid? id) =>
        id is null ? L["Contracts.WholeContract"] : Contract.Objects.FirstOrDefault(o => o.Id == id)?.Description ?? "";
}
