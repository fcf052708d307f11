using System.Security.Claims;
using Kefu.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Infrastructure;

/// <summary>Adds the user's organisation unit to the login cookie so scope checks need no extra query.</summary>
public sealed class KefuClaimsFactory(UserManager<User> users, RoleManager<Role> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User, Role>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.OrgUnitId is Guid unit)
        {
            identity.AddClaim(new Claim(HttpCallerAccessor.OrgUnitClaim, unit.ToString()));
        }

        identity.AddClaim(new Claim("kefu:display_name", user.DisplayName));
        return identity;
    }
}
