using Kefu.Core.Security;
using Kefu.Web.Infrastructure;

namespace Kefu.Web.Features.Security;

public sealed record TokenRequest(string? UserName, string? Password, string? Name);

public static class SecurityApi
{
    public static void MapSecurityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/auth").WithTags("Authentication");
        api.MapPost("/token", async (TokenRequest body, ApiTokenService tokens, CancellationToken ct) =>
                (await tokens.IssueAsync(body.UserName, body.Password, body.Name, ct)).Match(TypedResults.Ok))
            .RequireRateLimiting(KefuHost.LoginRateLimit)
            .WithSummary("Exchange a user name and password for a bearer token (valid 30 days, revocable)")
            .AllowAnyone();
        api.MapGet("/tokens", async (Caller caller, ApiTokenService tokens, CancellationToken ct) =>
                TypedResults.Ok(await tokens.ListAsync(caller, ct)))
            .AllowSignedIn(AccessScope.Own);
        api.MapDelete("/tokens/{id:guid}", async (Guid id, Caller caller, ApiTokenService tokens, CancellationToken ct) =>
                (await tokens.RevokeAsync(caller, id, ct)).Match(_ => TypedResults.NoContent()))
            .WithSummary("Revoke a token: it stops working at once")
            .AllowSignedIn(AccessScope.OwnOrAdministrator);
    }
}
