using Kefu.Core.Customers;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Kefu.Web.Features.Users;

public sealed class EditModel(UserService users, OrganizationService organization) : KefuPageModel
{
    [BindProperty]
    public UserForm Input { get; set; } = new();

    [BindProperty]
    public string? Version { get; set; }

    public Guid? Id { get; private set; }

    public bool IsNew => Id is null;

    public bool IsLockedOut { get; private set; }

    public IReadOnlyList<SelectListItem> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is Guid existing)
        {
            var result = await users.GetAsync(Caller, existing, ct);
            if (!result.IsSuccess)
            {
                return Fail(result.Error!);
            }

            var u = result.Value;
            Input = new UserForm
            {
                UserName = u.UserName,
                DisplayName = u.DisplayName,
                Email = u.Email,
                Roles = u.Roles.ToList(),
                OrgUnitId = u.OrgUnitId,
                AccountManagerLevel = u.AccountManagerLevel is { } level ? EnumNames.ToApi(level) : null,
                IsActive = u.IsActive,
            };
            Version = u.Version;
            IsLockedOut = u.IsLockedOut;
        }

        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        await LoadChoicesAsync(ct);
        var input = new UserInput
        {
            UserName = Input.UserName,
            DisplayName = Input.DisplayName,
            Email = Input.Email,
            Password = string.IsNullOrEmpty(Input.Password) ? null : Input.Password,
            Roles = Input.Roles,
            OrgUnitId = Input.OrgUnitId,
            AccountManagerLevel = Input.AccountManagerLevel,
            IsActive = Input.IsActive,
        };
        var result = id is Guid existing
            ? await users.UpdateAsync(Caller, existing, Version ?? "", input, ct)
            : await users.CreateAsync(Caller, input, ct);
        if (result.IsSuccess)
        {
            Flash(id is null ? "Users.Created" : "Users.Saved", result.Value.UserName);
            return RedirectToPage("/Users/Index");
        }

        return Fail(result.Error!);
    }

    private async Task LoadChoicesAsync(CancellationToken ct) =>
        Units = (await organization.ListAsync(Caller, ct))
            .Select(u => new SelectListItem($"{u.Name} ({u.Code}) · {L.Enum(u.Kind)}", u.Id.ToString()))
            .ToList();
}

public sealed class UserForm
{
    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public string? Password { get; set; }

    public List<string> Roles { get; set; } = [];

    public Guid? OrgUnitId { get; set; }

    public string? AccountManagerLevel { get; set; }

    public bool IsActive { get; set; } = true;
}
