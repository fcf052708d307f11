using System.Security.Cryptography;
using System.Text.Json;
using Kefu.Core.Common;
using Kefu.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Infrastructure;

/// <summary>
/// Makes a create endpoint idempotent per user and <c>Idempotency-Key</c> header: the first request reserves the
/// key (a unique row), runs, and stores its 2xx response; a retry replays that response; a concurrent twin gets 409;
/// the same key with another body gets 422. A failed request releases the key so it can be retried.
/// </summary>
public sealed class IdempotencyFilter : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        var caller = HttpCallerAccessor.From(http.User);
        if (string.IsNullOrEmpty(key) || caller.UserId is not Guid userId)
        {
            return await next(context);
        }

        if (key.Length > 100)
        {
            return Error.Validation(Header, "At most 100 characters.").ToProblem();
        }

        var db = http.RequestServices.GetRequiredService<KefuDb>();
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var endpoint = http.Request.Method + " " + http.Request.Path;
        var hash = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(context.Arguments.Where(IsBody), json)));

        var existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key, http.RequestAborted);
        if (existing is not null)
        {
            return Replay(existing, endpoint, hash);
        }

        var record = new IdempotencyRecord { UserId = userId, Key = key, Endpoint = endpoint, RequestHash = hash, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.IdempotencyRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateException)
        {
            return InProgress();
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        var result = await next(context);
        if (result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } ok and IValueHttpResult value)
        {
            record.StatusCode = ok.StatusCode!.Value;
            record.Location = LocationOf(result);
            record.ResponseJson = JsonSerializer.Serialize(value.Value, json);
            db.IdempotencyRecords.Update(record);
        }
        else
        {
            db.IdempotencyRecords.Remove(record);
        }

        await db.SaveChangesAsync(CancellationToken.None);
        return result;
    }

    private static bool IsBody(object? argument) =>
        argument is not null and not HttpContext and not CancellationToken && argument.GetType().Namespace?.StartsWith("Kefu", StringComparison.Ordinal) == true;

    private static string? LocationOf(object result) =>
        result.GetType().GetProperty("Location")?.GetValue(result) as string;

    private static IResult Replay(IdempotencyRecord record, string endpoint, string hash)
    {
        if (record.StatusCode == 0)
        {
            return InProgress();
        }

        if (record.Endpoint != endpoint || record.RequestHash != hash)
        {
            return TypedResults.Problem(
                "This Idempotency-Key was used for a different request.", statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Idempotency key reused", extensions: new Dictionary<string, object?> { ["code"] = "Idempotency.Mismatch" });
        }

        return new ReplayResult(record);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult InProgress() => TypedResults.Problem(
        "A request with this Idempotency-Key is still being processed.", statusCode: StatusCodes.Status409Conflict,
        title: "Conflict", extensions: new Dictionary<string, object?> { ["code"] = "Idempotency.InProgress" });

    private sealed class ReplayResult(IdempotencyRecord record) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = record.StatusCode;
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            if (record.Location is not null)
            {
                httpContext.Response.Headers.Location = record.Location;
            }

            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await httpContext.Response.WriteAsync(record.ResponseJson ?? "null");
        }
    }
}

public static class IdempotencyExtensions
{
    /// <summary>Honours the Idempotency-Key header on this create endpoint.</summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder) => builder.AddEndpointFilter<IdempotencyFilter>();
}
