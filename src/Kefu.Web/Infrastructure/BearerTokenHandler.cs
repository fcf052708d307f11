using System.Text.Encodings.Web;
using Kefu.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Infrastructure;

/// <summary>Authenticates <c>Authorization: Bearer kefu_…</c> against the revocable tokens in the database.</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenService tokens, IRequestOrigin origin)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private readonly ILogger securityLog = logger.CreateLogger(SecurityLog.Category);

    public const string SchemeName = "KefuBearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var caller = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (caller is null)
        {
            SecurityLog.TokenRefused(securityLog, origin.ClientAddress, Request.Path);
            return AuthenticateResult.Fail("Invalid, expired or revoked token.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(HttpCallerAccessor.ToPrincipal(caller, SchemeName), SchemeName));
    }
}
