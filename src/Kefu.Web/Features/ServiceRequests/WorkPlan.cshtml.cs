using Kefu.Core.Common;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Kefu.Core.ServiceRequests;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using MiniExcelLibs;

namespace Kefu.Web.Features.ServiceRequests;

/// <summary>
/// The work plan (工作计划表, SRQ-5): the open requests (outstanding, in process, postponed) of one responsibility centre whose required
/// start falls in a date range, for printing or Excel. Reads pages of <see cref="ServiceRequestService.ListAsync"/> and filters by
/// required start here (the list's date filter bounds the creation date), up to <see cref="MaxRows"/> open requests.
/// </summary>
public sealed class WorkPlanModel(
    ServiceRequestService requests, RequestTypeService types, OrganizationService organization, UserService users, TimeProvider time)
    : KefuPageModel
{
    public const int MaxRows = 5000;

    private static readonly SystemStatus[] Open = [SystemStatus.Outstanding, SystemStatus.InProcess, SystemStatus.Postponed];

    [BindProperty(SupportsGet = true)]
    public Guid? Centre { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public List<SelectListItem> Centres { get; } = [];

    public string? CentreName { get; private set; }

    public IReadOnlyList<ServiceRequestListItem> Rows { get; private set; } = [];

    public bool Truncated { get; private set; }

    public Dictionary<(string Type, string Code), string> StatusLabels { get; } = [];

    /// <summary>Technicians the caller can see, to assign from the plan; Core checks they belong to the request's centre.</summary>
    public IReadOnlyList<(Guid Id, string Name)> Technicians { get; private set; } = [];

    public bool CanAssign => Caller.IsInAny(ServiceRequestService.Recorders);

    public DateOnly PlanFrom => From ?? Labels.Today(time);

    public DateOnly PlanTo => To ?? PlanFrom.AddDays(6);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Caller.IsInAny(Roles.Staff))
        {
            return Forbid();
        }

        return await LoadAsync(ct) ?? Page();
    }

    /// <summary>Assigns a technician to one row of the plan, then shows the plan again.</summary>
    public async Task<IActionResult> OnPostAssignAsync(string number, Guid? technicianId, CancellationToken ct)
    {
        var result = await requests.AssignAsync(Caller, number, technicianId, ct);
        if (result.IsSuccess)
        {
            Flash("WorkPlan.Assigned", number, result.Value.ResponsiblePersonName ?? "");
        }
        else
        {
            FlashDanger("WorkPlan.AssignFailed", number, Labels.Message(L, result.Error!.Fields?.Values.FirstOrDefault()?.FirstOrDefault() ?? result.Error.Message));
        }

        return RedirectToPage(new { centre = Centre, from = From, to = To });
    }

    /// <summary>The same plan as an .xlsx file with localized column headers.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!Caller.IsInAny(Roles.Staff))
        {
            return Forbid();
        }

        var failed = await LoadAsync(ct);
        if (failed is not null || Centre is null)
        {
            return failed ?? RedirectToPage();
        }

        var rows = Rows.Select(r => new Dictionary<string, object?>
        {
            [L["Request.RequiredStart"]] = r.RequiredStart is DateTime rs ? Labels.Local(rs) : "",
            [L["Request.Number"]] = r.Number,
            [L["Request.Type"]] = r.Type,
            [L["Request.Status"]] = StatusLabel(r),
            [L["Request.Urgency"]] = L.Enum(r.Urgency),
            [L["Request.Customer"]] = $"{r.CustomerNumber} {r.CustomerName}",
            [L["Request.ShortText"]] = r.ShortText,
            [L["Request.WorkCentre"]] = r.WorkCentreName ?? "",
            [L["WorkPlan.Technician"]] = r.ResponsiblePersonName ?? "",
            [L["Request.ExpectedEnd"]] = r.ExpectedEnd is DateTime ee ? Labels.Local(ee) : "",
        }).ToList();
        var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: "WorkPlan", cancellationToken: ct);
        stream.Position = 0;
        var name = $"work-plan-{Labels.Date(PlanFrom)}-{Labels.Date(PlanTo)}.xlsx";
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    public string StatusLabel(ServiceRequestListItem r) =>
        StatusLabels.TryGetValue((r.Type, r.UserStatus), out var label) ? $"{r.UserStatus} {label}" : r.UserStatus;

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        foreach (var unit in await organization.ListAsync(Caller, ct))
        {
            if (unit.Kind == OrgUnitKind.ResponsibilityCentre)
            {
                Centres.Add(new SelectListItem($"{unit.Name} ({unit.Code})", unit.Id.ToString(), unit.Id == Centre));
                if (unit.Id == Centre)
                {
                    CentreName = unit.Name;
                }
            }
        }

        if (Centre is null)
        {
            return null;
        }

        foreach (var t in await types.ListAsync(ct))
        {
            foreach (var s in t.Statuses)
            {
                StatusLabels[(t.Code, s.Code)] = Labels.Pick(s.LabelZh, s.LabelEn);
            }
        }

        var rows = new List<ServiceRequestListItem>();
        string? after = null;
        var seen = 0;
        do
        {
            var page = await requests.ListAsync(Caller, new ServiceRequestQuery
            {
                ResponsibilityCentreId = Centre,
                SystemStatuses = Open,
                RequiredStartFrom = Labels.ToUtc(PlanFrom.ToDateTime(TimeOnly.MinValue)),
                RequiredStartBefore = Labels.ToUtc(PlanTo.AddDays(1).ToDateTime(TimeOnly.MinValue)),
                After = after,
                Limit = ServiceRequestService.MaxLimit,
            }, ct);
            if (!page.IsSuccess)
            {
                return page.Error!.Kind == ErrorKind.Forbidden ? Forbid() : Fail(page.Error);
            }

            seen += page.Value.Items.Count;
            rows.AddRange(page.Value.Items);
            after = page.Value.Next;
        }
        while (after is not null && seen < MaxRows);

        Truncated = after is not null;
        var technicians = await users.ListAsync(Caller, Roles.Technician, ct);
        Technicians = technicians.IsSuccess
            ? technicians.Value.Where(u => u.IsActive).Select(u => (u.Id, u.DisplayName)).ToList()
            : [];
        Rows = rows.OrderByDescending(r => r.GreenChannel).ThenBy(r => r.RequiredStart).ThenBy(r => r.Number, StringComparer.Ordinal).ToList();
        return null;
    }
}
