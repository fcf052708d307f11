using Kefu.Core.Customers;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Kefu.Core.ServiceRequests;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Kefu.Web.Features.ServiceRequests;

/// <summary>Intake of a request (SRQ-1..3): the customer by search-as-you-type, the rest defaulted by Core.</summary>
public sealed class CreateModel(ServiceRequestService requests, RequestTypeService types, CustomerService customers, OrganizationService organization,
    UserService users)
    : KefuPageModel
{
    [BindProperty]
    public RequestForm Input { get; set; } = new();

    public IReadOnlyList<RequestTypeDto> Types { get; private set; } = [];

    public List<SelectListItem> Customers { get; } = [];

    public List<SelectListItem> Centres { get; } = [];

    public List<SelectListItem> WorkCentres { get; } = [];

    /// <summary>Staff of the caller's units who may be responsible for the request.</summary>
    public List<SelectListItem> People { get; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? customerId, CancellationToken ct)
    {
        if (!Caller.IsInAny(ServiceRequestService.Recorders))
        {
            return Forbid();
        }

        Input.CustomerId = customerId;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Search-as-you-type for the customer picker: id, number, name and phone of the first matches.</summary>
    public async Task<IActionResult> OnGetCustomersAsync(string? q, CancellationToken ct)
    {
        var result = await customers.ListAsync(Caller, new CustomerQuery(string.IsNullOrWhiteSpace(q) ? null : q.Trim(), "name", null, 20), ct);
        if (!result.IsSuccess)
        {
            return result.Error!.Kind == Kefu.Core.Common.ErrorKind.Forbidden ? Forbid() : BadRequest();
        }

        return new JsonResult(result.Value.Items.Select(c => new { id = c.Id, number = c.Number, name = c.Name, phone = c.Phone }));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Caller.IsInAny(ServiceRequestService.Recorders))
        {
            return Forbid();
        }

        ModelState.Clear();
        var result = await requests.CreateAsync(Caller, Input.ToInput(), ct);
        if (result.IsSuccess)
        {
            Flash("ServiceRequests.Created", result.Value.Number);
            return RedirectToPage("/ServiceRequests/Details", new { number = result.Value.Number });
        }

        var failed = Fail(result.Error!, "Input", Input.MapField);
        await LoadAsync(ct);
        return failed;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Types = (await types.ListAsync(ct)).Where(t => t.IsActive).ToList();
        while (Input.Items.Count < RequestForm.ItemRows)
        {
            Input.Items.Add(new ItemForm());
        }

        // Without JavaScript the picker is a plain select of the first customers (and the chosen one).
        var first = await customers.ListAsync(Caller, new CustomerQuery(null, "name", null, 50), ct);
        if (first.IsSuccess)
        {
            Customers.AddRange(first.Value.Items.Select(c => new SelectListItem($"{c.Number} {c.Name} {c.Phone}".Trim(), c.Id.ToString())));
        }

        if (Input.CustomerId is Guid chosen && Customers.All(c => c.Value != chosen.ToString()))
        {
            var one = await customers.GetAsync(Caller, chosen, ct);
            if (one.IsSuccess)
            {
                Customers.Insert(0, new SelectListItem($"{one.Value.Number} {one.Value.Name}", chosen.ToString()));
            }
        }

        var staff = await users.ListAsync(Caller, null, ct);
        if (staff.IsSuccess)
        {
            People.AddRange(staff.Value.Where(u => u.IsActive && u.Roles.Any(r => Roles.Staff.Contains(r)))
                .Select(u => new SelectListItem($"{u.DisplayName} ({u.UserName})", u.Id.ToString())));
        }

        await UnitOptions.FillAsync(organization, Caller, Centres, WorkCentres, ct);
    }
}
