using Kefu.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kefu.Web.Infrastructure;

/// <summary>Maps <see cref="Error"/> values to RFC 9457 problem details.</summary>
public static class ProblemResults
{
    public static IResult ToProblem(this Error error) => error.Kind switch
    {
        ErrorKind.Validation => TypedResults.ValidationProblem(
            error.Fields ?? new Dictionary<string, string[]>(), detail: error.Message, title: "Invalid input",
            type: "https://kefu.dev/problems/validation"),
        ErrorKind.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", $"{error.Message} was not found.", error.Code),
        ErrorKind.Conflict => Problem(StatusCodes.Status409Conflict, "Conflict", error.Message, error.Code),
        ErrorKind.Forbidden => Problem(StatusCodes.Status403Forbidden, "Forbidden", error.Message, error.Code),
        ErrorKind.Unauthorized => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", error.Message, error.Code),
        _ => Problem(StatusCodes.Status500InternalServerError, "Error", error.Message, error.Code),
    };

    public static IResult Match<T>(this Result<T> result, Func<T, IResult> ok) => result.IsSuccess ? ok(result.Value) : result.Error!.ToProblem();

    private static ProblemHttpResult Problem(int status, string title, string detail, string code) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });
}
