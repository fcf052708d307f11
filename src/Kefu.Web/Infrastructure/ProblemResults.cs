using System.Reflection;
using Kefu.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Infrastructure;

/// <summary>Maps <see cref="Error"/> values to RFC 9457 problem details.</summary>
public static class ProblemResults
{
    public const string ContentType = "application/problem+json";

    public static ApiProblem ToProblem(this Error error) => error.Kind switch
    {
        ErrorKind.Validation => new ApiProblem(TypedResults.ValidationProblem(
            error.Fields ?? new Dictionary<string, string[]>(), detail: error.Message, title: "Invalid input",
            type: "https://kefu.dev/problems/validation")),
        ErrorKind.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", $"{error.Message} was not found.", error.Code),
        ErrorKind.Conflict => Problem(StatusCodes.Status409Conflict, "Conflict", error.Message, error.Code),
        ErrorKind.Forbidden => Problem(StatusCodes.Status403Forbidden, "Forbidden", error.Message, error.Code),
        ErrorKind.Unauthorized => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", error.Message, error.Code),
        _ => Problem(StatusCodes.Status500InternalServerError, "Error", error.Message, error.Code),
    };

    /// <summary>The success result, or the error as a problem: the handler's typed result lists both in the OpenAPI document.</summary>
    public static Results<TOk, ApiProblem> Match<T, TOk>(this Result<T> result, Func<T, TOk> ok)
        where TOk : IResult => result.IsSuccess ? ok(result.Value) : result.Error!.ToProblem();

    /// <summary>200 with the value, or 204 when there is none yet.</summary>
    public static Results<Ok<T>, NoContent> OkOrNoContent<T>(T? value)
        where T : class => value is null ? TypedResults.NoContent() : TypedResults.Ok(value);

    public static ApiProblem Problem(int status, string title, string detail, string? code = null) =>
        new(TypedResults.Problem(
            detail, statusCode: status, title: title, extensions: code is null ? null : new Dictionary<string, object?> { ["code"] = code }));
}

/// <summary>
/// An RFC 9457 problem answered by a use case. As part of a handler's <c>Results&lt;…&gt;</c> it documents the problems every use
/// case may answer (400 with field errors, 403, 404, 409), as <c>application/problem+json</c>; other statuses an endpoint
/// answers are declared on it with <c>ProducesProblem</c>.
/// </summary>
public sealed class ApiProblem : IResult, IStatusCodeHttpResult, IValueHttpResult, IEndpointMetadataProvider
{
    private static readonly int[] UseCaseStatuses = [StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict];

    private readonly IResult inner;

    internal ApiProblem(ProblemHttpResult problem)
    {
        inner = problem;
        ProblemDetails = problem.ProblemDetails;
    }

    internal ApiProblem(ValidationProblem problem)
    {
        inner = problem;
        ProblemDetails = problem.ProblemDetails;
    }

    public ProblemDetails ProblemDetails { get; }

    public int StatusCode => ProblemDetails.Status ?? StatusCodes.Status500InternalServerError;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    object? IValueHttpResult.Value => ProblemDetails;

    public Task ExecuteAsync(HttpContext httpContext) => inner.ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), [ProblemResults.ContentType]));
        foreach (var status in UseCaseStatuses)
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ProblemResults.ContentType]));
        }
    }
}
