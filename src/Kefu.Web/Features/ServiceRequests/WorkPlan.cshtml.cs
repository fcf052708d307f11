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
public sealed class WorkPlanModel(ServiceRequestService requests, RequestTypeService types, OrganizationService organization, TimeProvider time)
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
                After = after,
                Limit = ServiceRequestService.MaxLimit,
            }, ct);
            if (!page.IsSuccess)
            {
                return page.Error!.Kind == ErrorKind.Forbidden ? Forbid() : Fail(page.Error);
            }

            seen += page.Value.Items.Count;
            rows.AddRange(page.Value.Items.Where(r => r.RequiredStart is DateTime s && Labels.LocalDate(s) >= PlanFrom && Labels.LocalDate(s) <= PlanTo));
            after = page.Value.Next;
        }
        while (after is not null && seen < MaxRows);

        Truncated = after is not null;
        Rows = rows.OrderBy(r => r.RequiredStart).ThenBy(r => r.Number, StringComparer.Ordinal).ToList();
        return null;
    }
}
