using Kefu.Core.Common;
using Kefu.Core.Customers;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Kefu.Core.ServiceRequests;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Kefu.Web.Features.ServiceRequests;

/// <summary>The request list (SRQ-8) with its filters and keyset paging.</summary>
public sealed class IndexModel(ServiceRequestService requests, RequestTypeService types, OrganizationService organization, CustomerService customers)
    : KefuPageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public List<SystemStatus> Status { get; set; } = [];

    /// <summary>User-status codes to include, comma separated (e.g. <c>KCJS,ZGPZ</c>).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Include { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Exclude { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Centre { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? WorkCentre { get; set; }

    [BindProperty(SupportsGet = true)]
    public Urgency? Urgency { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Customer { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<ServiceRequestListItem> Items { get; private set; } = [];

    public string? Next { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>Number and name of the customer filtered on, for the picker.</summary>
    public string? CustomerLabel { get; private set; }

    public bool CanCreate => Caller.IsInAny(ServiceRequestService.Recorders);

    public List<SelectListItem> Types { get; } = [];

    public List<SelectListItem> Centres { get; } = [];

    public List<SelectListItem> WorkCentres { get; } = [];

    /// <summary>User-status labels by type and code.</summary>
    public Dictionary<(string Type, string Code), string> StatusLabels { get; } = [];

    public bool Filtered => Status.Count > 0 || !string.IsNullOrWhiteSpace(Include) || !string.IsNullOrWhiteSpace(Exclude) || Type is not null ||
                            From is not null || To is not null || Centre is not null || WorkCentre is not null || Urgency is not null || Customer is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Caller.IsInAny(Roles.Staff))
        {
            return Forbid();
        }

        foreach (var t in await types.ListAsync(ct))
        {
            Types.Add(new SelectListItem($"{t.Code} · {Labels.Pick(t.NameZh, t.NameEn)}", t.Code));
            foreach (var s in t.Statuses)
            {
                StatusLabels[(t.Code, s.Code)] = Labels.Pick(s.LabelZh, s.LabelEn);
            }
        }

        foreach (var unit in await organization.ListAsync(Caller, ct))
        {
            var item = new SelectListItem($"{unit.Name} ({unit.Code})", unit.Id.ToString());
            if (unit.Kind == OrgUnitKind.ResponsibilityCentre)
            {
                Centres.Add(item);
            }
            else if (unit.Kind == OrgUnitKind.WorkCentre)
            {
                WorkCentres.Add(item);
            }
        }

        if (Customer is Guid customerId && await customers.GetAsync(Caller, customerId, ct) is { IsSuccess: true } chosen)
        {
            CustomerLabel = $"{chosen.Value.Number} {chosen.Value.Name}";
        }

        var result = await requests.ListAsync(Caller, new ServiceRequestQuery
        {
            SystemStatuses = Status.Count > 0 ? Status : null,
            UserStatusIncluded = Codes(Include),
            UserStatusExcluded = Codes(Exclude),
            Type = string.IsNullOrWhiteSpace(Type) ? null : Type,
            From = From,
            To = To,
            ResponsibilityCentreId = Centre,
            WorkCentreId = WorkCentre,
            Urgency = Urgency,
            CustomerId = Customer,
            After = After,
            Limit = PageSize,
        }, ct);
        if (!result.IsSuccess)
        {
            if (result.Error!.Kind == ErrorKind.Forbidden)
            {
                return Forbid();
            }

            Problem = L["ServiceRequests.BadQuery"];
            return Page();
        }

        Items = result.Value.Items;
        Next = result.Value.Next;
        return Page();
    }

    public string StatusLabel(ServiceRequestListItem r) =>
        StatusLabels.TryGetValue((r.Type, r.UserStatus), out var label) ? $"{r.UserStatus} {label}" : r.UserStatus;

    private static List<string>? Codes(string? list)
    {
        var codes = (list ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToUpperInvariant()).ToList();
        return codes.Count > 0 ? codes : null;
    }
}
