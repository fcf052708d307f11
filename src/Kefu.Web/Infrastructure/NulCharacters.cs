using System.Net;
using Kefu.Core.Common;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Infrastructure;

/// <summary>
/// The one rule for NUL characters (U+0000) outside JSON bodies: a request whose path (route values), query string, header
/// values, form fields or uploaded file names contain one is refused with 400 before any handler runs — a problem naming the
/// field under <c>/api</c>, a short page in the user's language elsewhere (Razor Pages forms). No input means a NUL, and
/// PostgreSQL cannot store one in text. JSON bodies are checked while they are read (<see cref="JsonInput"/>), import files
/// line by line (a row error). Runs after authorization, so only callers allowed to reach the endpoint make it read a form; a form
/// that cannot be read (malformed, over the limits) is refused here too, with its reason. (Kestrel itself answers 400 to <c>%00</c>
/// in the path; the path is checked for hosts that let it through.)
/// </summary>
public sealed class NulCharacters(RequestDelegate next, IStringLocalizer<SharedResource> l)
{
    public const string Code = "Request.NulCharacter";

    public const string UnreadableFormCode = "Request.UnreadableForm";

    public async Task InvokeAsync(HttpContext context)
    {
        string? field;
        try
        {
            field = await FindAsync(context.Request);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or BadHttpRequestException or IOException)
        {
            // The form could not be read: its URL decoder refuses %00 itself; otherwise it is malformed or over the limits.
            if (e.Message.Contains("null characters", StringComparison.Ordinal) || e.InnerException?.Message.Contains("null characters", StringComparison.Ordinal) == true)
            {
                await RefuseAsync(context, "form");
                return;
            }

            await RefuseUnreadableFormAsync(context, e);
            return;
        }

        if (field is null)
        {
            await next(context);
            return;
        }

        await RefuseAsync(context, field);
    }

    private async Task RefuseAsync(HttpContext context, string field)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { [field] = [JsonInput.NulCharacter] },
                    detail: "The request contains a NUL character (U+0000), which no field accepts.",
                    title: "Invalid input",
                    type: "https://kefu.dev/problems/validation",
                    extensions: new Dictionary<string, object?> { ["code"] = Code })
                .ExecuteAsync(context);
            return;
        }

        await PageAsync(context, StatusCodes.Status400BadRequest, l["Input.NulCharacter.Text"]);
    }

    private async Task RefuseUnreadableFormAsync(HttpContext context, Exception e)
    {
        var status = e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await TypedResults.Problem(
                    "The form could not be read (malformed or over the size limits): " + e.Message,
                    statusCode: status,
                    title: "Invalid input",
                    type: "https://kefu.dev/problems/validation",
                    extensions: new Dictionary<string, object?>
                    {
                        ["code"] = UnreadableFormCode, ["errors"] = new Dictionary<string, string[]> { ["form"] = [e.Message] },
                    })
                .ExecuteAsync(context);
            return;
        }

        await PageAsync(context, status, l["Input.UnreadableForm.Text"]);
    }

    private async Task PageAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        var lang = System.Globalization.CultureInfo.CurrentUICulture.Name;
        await context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="{WebUtility.HtmlEncode(lang)}"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(l["Input.NulCharacter.Title"])}</title>
            <link rel="stylesheet" href="/lib/bootstrap/css/bootstrap.min.css"></head>
            <body><main class="container py-4"><h1 class="h4">{WebUtility.HtmlEncode(l["Input.NulCharacter.Title"])}</h1>
            <p data-testid="input-refused">{WebUtility.HtmlEncode(text)}</p>
            <p><a href="/">{WebUtility.HtmlEncode(l["Input.NulCharacter.Home"])}</a></p></main></body></html>
            """);
    }

    /// <summary>The first place of the request with a NUL character, named as the API names fields; null when there is none.</summary>
    public static async Task<string?> FindAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (HasNul(request.Path.Value) || HasNul(request.PathBase.Value))
        {
            return "path";
        }

        foreach (var (key, values) in request.Query)
        {
            if (HasNul(key) || values.Any(HasNul))
            {
                return HasNul(key) ? "query" : key;
            }
        }

        foreach (var (key, values) in request.Headers)
        {
            if (values.Any(HasNul))
            {
                return key;
            }
        }

        if (!request.HasFormContentType)
        {
            return null;
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        foreach (var (key, values) in form)
        {
            if (HasNul(key) || values.Any(HasNul))
            {
                return HasNul(key) ? "form" : key;
            }
        }

        return form.Files.FirstOrDefault(f => HasNul(f.FileName) || HasNul(f.Name)) is { } file ? (HasNul(file.Name) ? "form" : file.Name) : null;
    }

    private static bool HasNul(string? text) => text?.Contains('\0', StringComparison.Ordinal) == true;
}
