using Kefu.Core.Common;
using Kefu.Core.Security;
using Kefu.Web.Infrastructure;

namespace Kefu.Web.Features.Users;

public sealed record UserUpdateRequest(string? Version, UserInput User);

public static class UsersApi
{
    public static void MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(KefuHost.StaffPolicy);
        api.MapGet("/", async ([OneOf(typeof(Roles))] string? role, Caller caller, UserService s, CancellationToken ct) =>
            (await s.ListAsync(caller, role, ct)).Match(TypedResults.Ok)).WithSummary("Users of the caller's units (all for administrators)")
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapGet("/{id:guid}", async (Guid id, Caller caller, UserService s, CancellationToken ct) =>
            (await s.GetAsync(caller, id, ct)).Match(TypedResults.Ok))
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapPost("/", async (UserInput body, Caller caller, UserService s, CancellationToken ct) =>
            (await s.CreateAsync(caller, body, ct)).Match(u => TypedResults.Created($"/api/v1/users/{u.Id}", u)))
            .Allow(Roles.Administrator, AccessScope.Unit);
        api.MapPut("/{id:guid}", async (Guid id, UserUpdateRequest body, Caller caller, UserService s, CancellationToken ct) =>
            body.Version is null || body.User is null
                ? Error.Validation(body.Version is null ? "version" : "user", "Required.").ToProblem()
                : (await s.UpdateAsync(caller, id, body.Version, body.User, ct)).Match(TypedResults.Ok))
            .Allow(Roles.Administrator, AccessScope.Unit);
    }
}
