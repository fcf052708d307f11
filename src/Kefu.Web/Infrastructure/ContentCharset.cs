using System.Collections.Concurrent;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Kefu.Web.Infrastructure;

/// <summary>
/// A request body whose <c>Content-Type</c> names a charset .NET cannot decode (<c>application/json; charset=klingon</c>) is refused
/// with 415 and a problem, before any handler: the framework's body readers would otherwise throw and answer 500 (found by the fuzz
/// suite, issue 19 point 9). Known charsets (utf-8, utf-16, …) pass; the reader transcodes them.
/// </summary>
public sealed class ContentCharset(RequestDelegate next)
{
    public const string Code = "Request.UnknownCharset";

    private static readonly ConcurrentDictionary<string, bool> Known = new(StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentType is { Length: > 0 } contentType
            && MediaTypeHeaderValue.TryParse(contentType, out var media)
            && media.Charset is { Length: > 0 } charset
            && !IsKnownCached(charset.ToString().Trim('"')))
        {
            await TypedResults.Problem(
                    $"The charset '{Kefu.Core.Common.Refused.Excerpt(charset.ToString())}' of the request's content type is not supported; send UTF-8.",
                    statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "Unsupported charset",
                    extensions: new Dictionary<string, object?> { ["code"] = Code })
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    /// <summary>Answers are kept for the first few names only: the header is the caller's to choose.</summary>
    private static bool IsKnownCached(string charset) => Known.Count < 64 ? Known.GetOrAdd(charset, IsKnown) : Known.TryGetValue(charset, out var k) ? k : IsKnown(charset);

    private static bool IsKnown(string charset)
    {
        try
        {
            _ = Encoding.GetEncoding(charset);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
