using System.Security.Claims;
using Kefu.Core.Security;

namespace Kefu.Web.Infrastructure;

/// <summary>The signed-in user of the current request as a <see cref="Caller"/>; anonymous requests act as nobody.</summary>
public sealed class HttpCallerAccessor(IHttpContextAccessor http) : ICallerAccessor
{
    public const string OrgUnitClaim = "kefu:org_unit";

    public static readonly Caller Anonymous = new(null, "anonymous", new HashSet<string>(StringComparer.Ordinal), null);

    public Caller Caller => From(http.HttpContext?.User);

    public static Caller From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        var id = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var g) ? g : (Guid?)null;
        var unit = Guid.TryParse(user.FindFirstValue(OrgUnitClaim), out var u) ? u : (Guid?)null;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Caller(id, user.Identity.Name ?? "", roles, unit);
    }

    public static ClaimsPrincipal ToPrincipal(Caller caller, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, caller.UserId?.ToString() ?? ""),
            new(ClaimTypes.Name, caller.UserName),
        };
        claims.AddRange(caller.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (caller.OrgUnitId is Guid unit)
        {
            claims.Add(new Claim(OrgUnitClaim, unit.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
