using Kefu.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Kefu.Web.Infrastructure;

/// <summary>
/// Logs every refusal of a signed-in caller with the client address: by an authorization policy (403 on the API, the
/// denied page) here, and any other 403 a use case answers (e.g. a non-administrator creating a user) in
/// <see cref="AccessDeniedLog"/>.
/// </summary>
public sealed class SecurityAuthorizationResultHandler(ILoggerFactory loggers) : IAuthorizationMiddlewareResultHandler
{
    public const string LoggedItem = "kefu:access-denied-logged";

    private readonly AuthorizationMiddlewareResultHandler inner = new();
    private readonly ILogger log = loggers.CreateLogger(SecurityLog.Category);

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            context.Items[LoggedItem] = true;
            SecurityLog.AccessDenied(
                log, context.User.Identity?.Name ?? "?", HttpRequestOrigin.Of(context), context.Request.Method, context.Request.Path);
        }

        return inner.HandleAsync(next, context, policy, authorizeResult);
    }
}

/// <summary>Logs a 403 answered by a use case (the policy refusals are logged by <see cref="SecurityAuthorizationResultHandler"/>).</summary>
public sealed class AccessDeniedLog(RequestDelegate next, ILoggerFactory loggers)
{
    private readonly ILogger log = loggers.CreateLogger(SecurityLog.Category);

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status403Forbidden
            && !context.Items.ContainsKey(SecurityAuthorizationResultHandler.LoggedItem)
            && !context.Request.Path.StartsWithSegments("/Account/Denied"))
        {
            SecurityLog.AccessDenied(
                log, context.User.Identity?.Name ?? "?", HttpRequestOrigin.Of(context), context.Request.Method, context.Request.Path);
        }
    }
}
