using Kefu.Core.Common;
using Kefu.Core.Customers;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Kefu.Web.Features.Customers;

/// <summary>Create (no id) or edit a customer. New customers are checked for duplicates first (CUS-6).</summary>
public sealed class EditModel(CustomerService customers, OrganizationService organization, UserService users) : KefuPageModel
{
    [BindProperty]
    public CustomerForm Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    /// <summary>The user saw the possible duplicates and wants to save anyway.</summary>
    [BindProperty]
    public bool SaveAnyway { get; set; }

    public Guid? Id { get; private set; }

    public string? Number { get; private set; }

    public bool IsNew => Id is null;

    public IReadOnlyList<DuplicateCandidate> Duplicates { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Units { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Managers { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (!Caller.IsInAny(Roles.CustomerEditors))
        {
            return Forbid();
        }

        Id = id;
        if (id is Guid existing)
        {
            var result = await customers.GetAsync(Caller, existing, ct);
            if (!result.IsSuccess)
            {
                return Fail(result.Error!);
            }

            Input = CustomerForm.From(result.Value.ToInput());
            Version = result.Value.Version;
            Number = result.Value.Number;
        }
        else if (Caller.OrgUnitId is Guid own)
        {
            Input.OrgUnitId = own;
        }

        Input.AddBlankRows();
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        await LoadChoicesAsync(ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var input = Input.ToInput();
        if (id is null && !SaveAnyway)
        {
            Duplicates = await customers.FindDuplicatesAsync(Caller, input, null, ct);
            if (Duplicates.Count > 0)
            {
                return Page();
            }
        }

        var result = id is Guid existing
            ? await customers.UpdateAsync(Caller, existing, Version, input, ct)
            : await customers.CreateAsync(Caller, input, ct);
        if (result.IsSuccess)
        {
            Flash(id is null ? "Customers.Created" : "Customers.Saved", result.Value.Number);
            return RedirectToPage("/Customers/Details", new { id = result.Value.Id });
        }

        if (id is Guid current && result.Error!.Code == "Error.StaleVersion")
        {
            var fresh = await customers.GetAsync(Caller, current, ct);
            if (fresh.IsSuccess)
            {
                Number = fresh.Value.Number;
            }
        }

        return Fail(result.Error!, "Input", Input.MapField);
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var units = await organization.ListAsync(Caller, ct);
        Units = units.Where(u => u.Kind == OrgUnitKind.ResponsibilityCentre)
            .Select(u => new SelectListItem($"{u.Name} ({u.Code})", u.Id.ToString())).ToList();
        var managers = await users.ListAsync(Caller, Roles.AccountManager, ct);
        Managers = managers.IsSuccess
            ? managers.Value.Select(m => new SelectListItem(m.DisplayName + (m.AccountManagerLevel is { } level ? $" · {L.Enum(level)}" : ""), m.Id.ToString())).ToList()
            : [];
        Groups = (await customers.ListGroupsAsync(ct)).Select(g => new SelectListItem(g.Name, g.Id.ToString())).ToList();
    }
}
