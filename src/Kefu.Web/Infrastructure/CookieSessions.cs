using System.Security.Claims;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Infrastructure;

/// <summary>
/// Checks a login cookie against the database on every request: its user must still be active and its security stamp
/// current. The stamp rotates on logout, deactivation, role or unit change and password change (see UserService and
/// the logout page), so a cookie from before any of those is refused at once — API calls get 401, pages go to login.
/// One indexed read of the user row per cookie request; bearer tokens are checked by <see cref="BearerTokenHandler"/>.
/// </summary>
public static class CookieSessions
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var services = context.HttpContext.RequestServices;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var stamp = principal?.FindFirstValue(stampClaim);
        if (Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) && stamp is not null)
        {
            var db = services.GetRequiredService<KefuDb>();
            var current = await db.Users.AsNoTracking().Where(u => u.Id == id && u.IsActive)
                .Select(u => u.SecurityStamp).FirstOrDefaultAsync(context.HttpContext.RequestAborted);
            if (string.Equals(current, stamp, StringComparison.Ordinal))
            {
                return;
            }
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        SecurityLog.SessionRefused(
            services.GetRequiredService<ILoggerFactory>().CreateLogger(SecurityLog.Category),
            principal?.Identity?.Name ?? "?",
            HttpRequestOrigin.Of(context.HttpContext));
    }
}
