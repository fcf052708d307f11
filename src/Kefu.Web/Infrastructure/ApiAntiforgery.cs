using Kefu.Core.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;

namespace Kefu.Web.Infrastructure;

/// <summary>
/// CSRF protection for the whole API in one place: a state-changing call (POST, PUT, PATCH, DELETE under <c>/api</c>)
/// that is authenticated by the login cookie must carry a valid antiforgery token — in the <c>RequestVerificationToken</c>
/// header (the app's pages send it from the <c>kefu-csrf</c> meta tag of the layout) or the <c>__RequestVerificationToken</c>
/// form field. Otherwise it is refused with a 400 problem before any handler runs. Calls with
/// <c>Authorization: Bearer</c> never use the cookie and are not affected; neither are reads, nor endpoints open to
/// anonymous callers (the token endpoint: the cookie gives them no rights).
/// (The few form-binding endpoints keep <c>.DisableAntiforgery()</c>: that only switches off the framework's own check,
/// which would also demand a token from bearer clients — this middleware checks instead.)
/// </summary>
public sealed class ApiAntiforgery(RequestDelegate next, IAntiforgery antiforgery, ILoggerFactory loggers)
{
    public const string Code = "Request.Antiforgery";

    private readonly ILogger log = loggers.CreateLogger(SecurityLog.Category);

    public async Task InvokeAsync(HttpContext context)
    {
        if (NeedsToken(context) && !await antiforgery.IsRequestValidAsync(context))
        {
            SecurityLog.AntiforgeryRefused(
                log, context.User.Identity?.Name ?? "?", HttpRequestOrigin.Of(context), context.Request.Method, context.Request.Path);
            await TypedResults.Problem(
                    "A change made with the login cookie needs the antiforgery token (header RequestVerificationToken); scripts use a bearer token.",
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Missing or invalid antiforgery token",
                    extensions: new Dictionary<string, object?> { ["code"] = Code })
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static bool NeedsToken(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api")
        && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
             || HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method))
        && context.User.Identity?.IsAuthenticated == true
        && !KefuHost.IsBearer(context.Request)
        && context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null;
}
