using Kefu.Core.Common;
using Kefu.Core.Customers;
using Kefu.Core.Data;
using Kefu.Core.Organization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Security;

public sealed record UserDto(
    Guid Id,
    string UserName,
    string DisplayName,
    string? Email,
    [property: OneOf(typeof(Roles))]
    IReadOnlyList<string> Roles,
    Guid? OrgUnitId,
    string? OrgUnitName,
    AccountManagerLevel? AccountManagerLevel,
    bool IsActive,
    bool IsOnDuty,
    bool IsLockedOut,
    string Version);

public sealed record UserInput
{
    public string? UserName { get; init; }

    public string? DisplayName { get; init; }

    public string? Email { get; init; }

    /// <summary>Only on create, or to reset a password on update.</summary>
    public string? Password { get; init; }

    [OneOf(typeof(Roles))]
    public IReadOnlyList<string>? Roles { get; init; }

    public Guid? OrgUnitId { get; init; }

    [OneOf(typeof(AccountManagerLevel))]
    public string? AccountManagerLevel { get; init; }

    public bool IsActive { get; init; } = true;

    public bool IsOnDuty { get; init; }
}

/// <summary>User administration over ASP.NET Core Identity (SEC-1). Only administrators change users.</summary>
public sealed class UserService(KefuDb db, UserManager<User> users, OrganizationService organization, TimeProvider time)
{
    public async Task<Result<IReadOnlyList<UserDto>>> ListAsync(Caller caller, string? role = null, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return Error.Forbidden();
        }

        var scope = await organization.ScopeAsync(caller, ct);
        var units = scope.Units.ToList();
        var q = db.Users.AsNoTracking();
        if (!scope.All)
        {
            q = q.Where(u => u.OrgUnitId != null && units.Contains(u.OrgUnitId.Value));
        }

        if (!string.IsNullOrEmpty(role))
        {
            q = q.Where(u => db.UsersInRole(role).Any(x => x.Id == u.Id));
        }

        var list = await Project(q.OrderBy(u => u.UserName)).ToListAsync(ct);
        return list.Select(Finish).ToList();
    }

    public async Task<Result<UserDto>> GetAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        var all = await ListAsync(caller, null, ct);
        if (!all.IsSuccess)
        {
            return all.Error!;
        }

        var user = all.Value.FirstOrDefault(u => u.Id == id);
        return user is null ? Error.NotFound("User") : user;
    }

    public async Task<Result<UserDto>> CreateAsync(Caller caller, UserInput input, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var e = new ValidationErrors();
        e.Required("userName", input.UserName, 64);
        if (string.IsNullOrEmpty(input.Password))
        {
            e.Add("password", "Required.");
        }

        var level = await ValidateCommonAsync(e, input, ct);
        if (!e.Any && await users.FindByNameAsync(input.UserName!.Trim()) is not null)
        {
            e.Add("userName", "This user name is taken.");
        }

        if (e.Any)
        {
            return e.ToError();
        }

        var user = new User
        {
            UserName = input.UserName!.Trim(),
            DisplayName = input.DisplayName?.Trim() is { Length: > 0 } d ? d : input.UserName!.Trim(),
            Email = Clean(input.Email),
            OrgUnitId = input.OrgUnitId,
            AccountManagerLevel = level,
            IsActive = input.IsActive,
            IsOnDuty = input.IsOnDuty,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        await using var tx = await db.Database.BeginUnitAsync(ct);
        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            return IdentityError(created);
        }

        var roles = await users.AddToRolesAsync(user, input.Roles!.Distinct(StringComparer.Ordinal));
        if (!roles.Succeeded)
        {
            return IdentityError(roles);
        }

        await tx.CommitAsync(ct);
        return await GetAsync(caller, user.Id, ct);
    }

    public async Task<Result<UserDto>> UpdateAsync(Caller caller, Guid id, string version, UserInput input, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return Error.NotFound("User");
        }

        if (user.ConcurrencyStamp != version)
        {
            return Error.StaleVersion();
        }

        var e = new ValidationErrors();
        var level = await ValidateCommonAsync(e, input, ct);
        if (e.Any)
        {
            return e.ToError();
        }

        await using var tx = await db.Database.BeginUnitAsync(ct);
        var rolesBefore = await users.GetRolesAsync(user);
        // What the login cookie carries or depends on: changing it ends the user's sessions (the security stamp rotates).
        var rightsChanged = user.IsActive != input.IsActive || user.OrgUnitId != input.OrgUnitId
            || !rolesBefore.ToHashSet(StringComparer.Ordinal).SetEquals(input.Roles!) || !string.IsNullOrEmpty(input.Password);
        user.DisplayName = input.DisplayName?.Trim() is { Length: > 0 } d ? d : user.UserName!;
        user.Email = Clean(input.Email);
        user.OrgUnitId = input.OrgUnitId;
        user.AccountManagerLevel = level;
        user.IsActive = input.IsActive;
        user.IsOnDuty = input.IsOnDuty;
        var steps = new List<Func<Task<IdentityResult>>>
        {
            () => users.UpdateAsync(user),
            async () => await users.RemoveFromRolesAsync(user, (await users.GetRolesAsync(user)).Except(input.Roles!)),
            async () => await users.AddToRolesAsync(user, input.Roles!.Distinct(StringComparer.Ordinal).Except(await users.GetRolesAsync(user))),
        };
        if (!string.IsNullOrEmpty(input.Password))
        {
            steps.Add(async () => await users.RemovePasswordAsync(user));
            steps.Add(() => users.AddPasswordAsync(user, input.Password));
        }

        if (rightsChanged)
        {
            steps.Add(() => users.UpdateSecurityStampAsync(user));
        }

        foreach (var step in steps)
        {
            IdentityResult result;
            try
            {
                result = await step();
            }
            catch (DbUpdateConcurrencyException)
            {
                return Error.StaleVersion();
            }

            if (!result.Succeeded)
            {
                return IdentityError(result);
            }
        }

        await tx.CommitAsync(ct);
        return await GetAsync(caller, user.Id, ct);
    }

    private async Task<AccountManagerLevel?> ValidateCommonAsync(ValidationErrors e, UserInput input, CancellationToken ct)
    {
        e.MaxLength("displayName", input.DisplayName, 100);
        if (Clean(input.Email) is string email && (!email.Contains('@', StringComparison.Ordinal) || email.Length > 200))
        {
            e.Add("email", "Not an e-mail address.");
        }

        if (input.Roles is null || input.Roles.Count == 0)
        {
            e.Add("roles", "Give at least one role.");
        }
        else if (input.Roles.FirstOrDefault(r => !Roles.IsKnown(r)) is string unknown)
        {
            e.Add("roles", $"Unknown role '{unknown}'. Roles: {string.Join(", ", Roles.All)}.");
        }

        if (input.OrgUnitId is Guid unit && !await db.OrgUnits.AnyAsync(u => u.Id == unit, ct))
        {
            e.Add("orgUnitId", "No such unit.");
        }
        else if (input.OrgUnitId is null && input.Roles?.Any(r => r is not Roles.Administrator and not Roles.Customer) == true)
        {
            e.Add("orgUnitId", "Staff belong to an organisation unit.");
        }

        var level = CustomerValidator.ParseEnum<AccountManagerLevel>(e, "accountManagerLevel", input.AccountManagerLevel, required: false);
        var isManager = input.Roles?.Contains(Roles.AccountManager) == true;
        if (isManager && string.IsNullOrWhiteSpace(input.AccountManagerLevel))
        {
            e.Add("accountManagerLevel", "An account manager has a level: senior, intermediate or ordinary.");
        }

        return isManager ? level : null;
    }

    private IQueryable<UserRow> Project(IQueryable<User> q) =>
        q.Select(u => new UserRow(
            u.Id,
            u.UserName!,
            u.DisplayName,
            u.Email,
            db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
            u.OrgUnitId,
            db.OrgUnits.Where(o => o.Id == u.OrgUnitId).Select(o => o.Name).FirstOrDefault(),
            u.AccountManagerLevel,
            u.IsActive,
            u.IsOnDuty,
            u.LockoutEnd,
            u.ConcurrencyStamp ?? ""));

    private UserDto Finish(UserRow r) => new(
        r.Id, r.UserName, r.DisplayName, r.Email, r.Roles.Order(StringComparer.Ordinal).ToList(), r.OrgUnitId, r.OrgUnitName,
        r.AccountManagerLevel, r.IsActive, r.IsOnDuty, r.LockoutEnd > time.GetUtcNow(), r.Version);

    private static Error IdentityError(IdentityResult result)
    {
        var fields = result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password"
                : e.Code.Contains("UserName", StringComparison.Ordinal) ? "userName"
                : e.Code.Contains("Email", StringComparison.Ordinal) ? "email" : "user")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray(), StringComparer.Ordinal);
        return Error.Validation(fields);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private sealed record UserRow(
        Guid Id, string UserName, string DisplayName, string? Email, List<string> Roles, Guid? OrgUnitId, string? OrgUnitName,
        AccountManagerLevel? AccountManagerLevel, bool IsActive, bool IsOnDuty, DateTimeOffset? LockoutEnd, string Version);
}
