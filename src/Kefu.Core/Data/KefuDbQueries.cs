using Kefu.Core.Security;
using Kefu.Core.ServiceRequests;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Data;

/// <summary>Queries several capabilities share.</summary>
public static class KefuDbQueries
{
    /// <summary>Users holding <paramref name="role"/> (active or not).</summary>
    public static IQueryable<User> UsersInRole(this KefuDb db, string role) =>
        db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));

    /// <summary>
    /// A request type with its status profile, read-only; the profile is what every status change obeys. One round trip: the
    /// profile's statuses and transitions are a few dozen rows, so a single joined query costs less than three split ones.
    /// </summary>
    public static Task<RequestType> RequestTypeAsync(this KefuDb db, string code, CancellationToken ct) =>
        db.RequestTypes.AsNoTracking().Include(t => t.Statuses).Include(t => t.Transitions).AsSingleQuery().FirstAsync(t => t.Code == code, ct);
}
