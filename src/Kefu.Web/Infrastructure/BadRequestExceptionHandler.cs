using System.Text.Json;
using Kefu.Core.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace Kefu.Web.Infrastructure;

/// <summary>
/// Turns an unreadable request body (malformed JSON, a value of the wrong type) into a 400 problem that names the
/// field, instead of the framework's bare 400.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var json = bad.InnerException as JsonException;
        var field = json is null ? "body" : JsonInput.FieldOf(json);
        var reason = json switch
        {
            null => bad.Message,
            JsonInputException refused => refused.Message.Split(" Path:")[0],
            _ => "The value could not be read: " + json.Message.Split(" Path:")[0],
        };

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        var details = new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [field] = [reason],
        })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid input",
            Detail = json is null ? bad.Message : "The request body is not valid JSON for this endpoint.",
            Type = "https://kefu.dev/problems/validation",
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }
}
