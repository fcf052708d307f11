using Kefu.Core.Contracts;
using Kefu.Core.Customers;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Kefu.Core.ServiceRequests;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Kefu.Web.Features.Contracts;

/// <summary>The contract form as the page binds it.</summary>
public sealed class ContractForm
{
    public Guid? CustomerId { get; set; }

    public string? ServiceLevelCode { get; set; } = "contract";

    public DateOnly? StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    public decimal? Fee { get; set; }

    public string? BillingPeriod { get; set; } = "yearly";

    public List<string> CoveredRequestTypes { get; set; } = [];

    public Guid? ResponsibleUnitId { get; set; }

    public Guid? ResponsibleUserId { get; set; }

    public Guid? AccountManagerId { get; set; }

    public string? Notes { get; set; }

    public ContractInput ToInput() => new()
    {
        CustomerId = CustomerId, ServiceLevelCode = ServiceLevelCode, StartDate = StartDate, EndDate = EndDate, Fee = Fee, BillingPeriod = BillingPeriod,
        CoveredRequestTypes = CoveredRequestTypes, ResponsibleUnitId = ResponsibleUnitId, ResponsibleUserId = ResponsibleUserId,
        AccountManagerId = AccountManagerId, Notes = Notes,
    };

    public static ContractForm From(ContractDetail c) => new()
    {
        CustomerId = c.CustomerId, ServiceLevelCode = c.ServiceLevelCode, StartDate = c.StartDate, EndDate = c.EndDate, Fee = c.Fee,
        BillingPeriod = EnumNames.ToApi(c.BillingPeriod), CoveredRequestTypes = [.. c.CoveredRequestTypes], ResponsibleUnitId = c.ResponsibleUnitId,
        ResponsibleUserId = c.ResponsibleUserId, AccountManagerId = c.AccountManagerId, Notes = c.Notes,
    };
}

/// <summary>Create (no number) or edit a maintenance contract (supervisors, administrators).</summary>
public sealed class EditModel(
    ContractService contracts, CustomerService customers, OrganizationService organization, UserService users, RequestTypeService types, Kefu.Core.Common.BusinessDate dates)
    : KefuPageModel
{
    /// <summary>Suggested level codes (SLA-1 defaults); any code of the right format is accepted.</summary>
    public static readonly IReadOnlyList<string> LevelCodes = ["basic", "preventive", "contract", "full", "customised", "remote-monitoring"];

    [BindProperty]
    public ContractForm Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public string? Number { get; private set; }

    public bool IsNew => Number is null;

    public List<SelectListItem> Customers { get; } = [];

    public List<SelectListItem> Centres { get; } = [];

    public List<SelectListItem> People { get; } = [];

    public List<SelectListItem> Managers { get; } = [];

    public List<SelectListItem> Types { get; } = [];

    public async Task<IActionResult> OnGetAsync(string? number, Guid? customerId, CancellationToken ct)
    {
        if (!Caller.IsInAny(ContractService.Editors))
        {
            return Forbid();
        }

        if (number is not null)
        {
            var c = await contracts.GetAsync(Caller, number, ct);
            if (!c.IsSuccess)
            {
                return Fail(c.Error!);
            }

            Number = number;
            Input = ContractForm.From(c.Value);
            Version = c.Value.Version;
        }
        else
        {
            var today = dates.Today();
            Input.CustomerId = customerId;
            Input.StartDate = today;
            Input.EndDate = today.AddYears(1).AddDays(-1);
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? number, CancellationToken ct)
    {
        if (!Caller.IsInAny(ContractService.Editors))
        {
            return Forbid();
        }

        ModelState.Clear();
        Number = number;
        var result = number is null
            ? await contracts.CreateAsync(Caller, Input.ToInput(), ct)
            : await contracts.UpdateAsync(Caller, number, Version, Input.ToInput(), ct);
        if (result.IsSuccess)
        {
            Flash(number is null ? "Contracts.Created" : "Contracts.Saved", result.Value.Number);
            return RedirectToPage("/Contracts/Details", new { number = result.Value.Number });
        }

        var failed = Fail(result.Error!);
        await LoadAsync(ct);
        return failed;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var first = await customers.ListAsync(Caller, new CustomerQuery(null, "name", null, 50), ct);
        if (first.IsSuccess)
        {
            Customers.AddRange(first.Value.Items.Select(c => new SelectListItem($"{c.Number} {c.Name}", c.Id.ToString())));
        }

        if (Input.CustomerId is Guid chosen && Customers.All(c => c.Value != chosen.ToString()))
        {
            var one = await customers.GetAsync(Caller, chosen, ct);
            if (one.IsSuccess)
            {
                Customers.Insert(0, new SelectListItem($"{one.Value.Number} {one.Value.Name}", chosen.ToString()));
            }
        }

        var units = await organization.ListAsync(Caller, ct);
        Centres.AddRange(units.Where(u => u.Kind == OrgUnitKind.ResponsibilityCentre).Select(u => new SelectListItem($"{u.Name} ({u.Code})", u.Id.ToString())));
        var staff = await users.ListAsync(Caller, null, ct);
        if (staff.IsSuccess)
        {
            People.AddRange(staff.Value.Where(u => u.IsActive && u.Roles.Any(r => Roles.Staff.Contains(r)))
                .Select(u => new SelectListItem($"{u.DisplayName} ({u.UserName})", u.Id.ToString())));
            Managers.AddRange(staff.Value.Where(u => u.IsActive && u.Roles.Contains(Roles.AccountManager))
                .Select(u => new SelectListItem($"{u.DisplayName} ({u.UserName})", u.Id.ToString())));
        }

        Types.AddRange((await types.ListAsync(ct)).Where(t => t.IsActive)
            .Select(t => new SelectListItem($"{t.Code} {Labels.Pick(t.NameZh, t.NameEn)}", t.Code, Input.CoveredRequestTypes.Contains(t.Code))));
    }
}
