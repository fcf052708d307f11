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
public sealed class IndexModel(
    ServiceRequestService requests, RequestTypeService types, OrganizationService organization, CustomerService customers, SavedViews views,
    Kefu.Core.Classification.ClassificationService classification)
    : KefuPageModel
{
    public IReadOnlyDictionary<Guid, IReadOnlyList<Kefu.Core.Classification.ClassBadge>> Badges { get; private set; } =
        new Dictionary<Guid, IReadOnlyList<Kefu.Core.Classification.ClassBadge>>();

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

    /// <summary>Customer class filter <c>scheme:class</c> (CLS-6).</summary>
    [BindProperty(SupportsGet = true, Name = "class")]
    public string? CustomerClass { get; set; }

    /// <summary>The schemes whose classes the filter offers.</summary>
    public IReadOnlyList<Kefu.Core.Classification.SchemeDto> Schemes { get; private set; } = [];

    /// <summary>SLA state filter (SLA-3).</summary>
    [BindProperty(SupportsGet = true)]
    public Kefu.Core.Sla.SlaState? Sla { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    /// <summary>-created (default), created, number, -number.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    /// <summary>Column keys in display order, comma separated; empty shows the standard table.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Cols { get; set; }

    public IReadOnlyList<ListColumn> Columns { get; private set; } = [];

    public IReadOnlyList<SavedViewDto> Views { get; private set; } = [];

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
                            From is not null || To is not null || Centre is not null || WorkCentre is not null || Urgency is not null || Customer is not null || Sla is not null ||
                            !string.IsNullOrWhiteSpace(CustomerClass);

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

        await UnitOptions.FillAsync(organization, Caller, Centres, WorkCentres, ct);
        Schemes = await Classification.ClassFilterOptions.LoadAsync(classification, Caller, CustomerClass, ct);

        if (Customer is Guid customerId && await customers.GetAsync(Caller, customerId, ct) is { IsSuccess: true } chosen)
        {
            CustomerLabel = $"{chosen.Value.Number} {chosen.Value.Name}";
        }

        Views = await views.ListAsync(Caller, ct);
        if (!string.IsNullOrWhiteSpace(Cols))
        {
            var columns = RequestListExport.Choose(ColumnKeys());
            if (!columns.IsSuccess)
            {
                Problem = L["ServiceRequests.BadQuery"];
                return Page();
            }

            Columns = columns.Value;
        }

        var result = await requests.ListAsync(Caller, Query() with { After = After, Limit = PageSize }, ct);
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
        Badges = await classification.BadgesAsync(Items.Select(i => i.CustomerId).Distinct().ToList(), ct);
        Next = result.Value.Next;
        return Page();
    }

    /// <summary>Saves the current filters, sort and columns under a name (the same name replaces the view).</summary>
    public async Task<IActionResult> OnPostSaveViewAsync(string? viewName, CancellationToken ct)
    {
        var saved = await views.SaveAsync(Caller, new SavedViewInput(viewName, Query(), ColumnKeys()), ct);
        if (saved.IsSuccess)
        {
            Flash("ServiceRequests.ViewSaved", saved.Value.Name);
        }
        else
        {
            FlashDanger("ServiceRequests.ViewNotSaved", Labels.Message(L, saved.Error!.Fields?.Values.FirstOrDefault()?.FirstOrDefault() ?? saved.Error.Message));
        }

        return RedirectToPage(RouteOf(Query(), Cols));
    }

    public async Task<IActionResult> OnPostDeleteViewAsync(Guid id, CancellationToken ct)
    {
        await views.DeleteAsync(Caller, id, ct);
        Flash("ServiceRequests.ViewDeleted");
        return RedirectToPage();
    }

    /// <summary>The page's route values that reproduce a saved view.</summary>
    public static Dictionary<string, string> RouteOf(ServiceRequestQuery q, string? cols)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string k, object? v)
        {
            if (v is not null && Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) is { Length: > 0 } text)
            {
                d[k] = text;
            }
        }

        Add("include", q.UserStatusIncluded is { Count: > 0 } inc ? string.Join(",", inc) : null);
        Add("exclude", q.UserStatusExcluded is { Count: > 0 } exc ? string.Join(",", exc) : null);
        Add("type", q.Type);
        Add("from", q.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("to", q.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("centre", q.ResponsibilityCentreId);
        Add("workCentre", q.WorkCentreId);
        Add("urgency", q.Urgency);
        Add("customer", q.CustomerId);
        Add("sla", q.SlaStates is [var slaState] ? slaState : null);
        Add("class", q.CustomerClass);
        Add("sort", q.Sort);
        Add("cols", cols);
        var statuses = q.SystemStatuses ?? [];
        for (var i = 0; i < statuses.Count; i++)
        {
            d[$"status[{i}]"] = statuses[i].ToString();
        }

        return d;
    }

    /// <summary>The export API with the current filters and columns (cookie-authenticated like the page).</summary>
    public string ExportUrl(string format)
    {
        var q = Query();
        var parts = new List<string> { "format=" + format };
        void Add(string k, object? v)
        {
            if (v is not null && Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) is { Length: > 0 } text)
            {
                parts.Add(k + "=" + Uri.EscapeDataString(text));
            }
        }

        foreach (var st in q.SystemStatuses ?? [])
        {
            Add("systemStatus", EnumNames.ToApi(st));
        }

        foreach (var code in q.UserStatusIncluded ?? [])
        {
            Add("userStatus", code);
        }

        foreach (var code in q.UserStatusExcluded ?? [])
        {
            Add("excludeUserStatus", code);
        }

        Add("type", q.Type);
        Add("from", q.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("to", q.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("responsibilityCentreId", q.ResponsibilityCentreId);
        Add("workCentreId", q.WorkCentreId);
        Add("urgency", q.Urgency is Urgency u ? EnumNames.ToApi(u) : null);
        Add("customerId", q.CustomerId);
        Add("slaState", q.SlaStates is [var slaState] ? EnumNames.ToApi(slaState) : null);
        Add("customerClass", q.CustomerClass);
        Add("sort", q.Sort);
        Add("columns", string.Join(",", ColumnKeys()));
        return "/api/v1/service-requests/export?" + string.Join("&", parts);
    }

    public string StatusLabel(ServiceRequestListItem r) =>
        StatusLabels.TryGetValue((r.Type, r.UserStatus), out var label) ? $"{r.UserStatus} {label}" : r.UserStatus;

    private ServiceRequestQuery Query() => new()
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
        SlaStates = Sla is Kefu.Core.Sla.SlaState sla ? [sla] : null,
        CustomerClass = string.IsNullOrWhiteSpace(CustomerClass) ? null : CustomerClass,
        Sort = string.IsNullOrWhiteSpace(Sort) ? null : Sort,
    };

    private List<string> ColumnKeys() =>
        (Cols ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static List<string>? Codes(string? list)
    {
        var codes = (list ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToUpperInvariant()).ToList();
        return codes.Count > 0 ? codes : null;
    }
}
