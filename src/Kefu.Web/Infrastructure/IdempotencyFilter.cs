using System.Security.Cryptography;
using System.Text.Json;
using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Infrastructure;

/// <summary>
/// Makes every create idempotent per user and <c>Idempotency-Key</c> header (API-1). A create is an endpoint whose typed
/// result answers 201 or 202. The key is stored in the same transaction as the record the create writes: the filter begins the
/// transaction and inserts the key, the use case joins it (<see cref="UnitTransaction"/>), and a 2xx commits both with the response;
/// anything else rolls both back. So no key outlives a create that did not commit (a crash leaves neither), and a retry finds
/// either the saved response or nothing. A concurrent twin waits on the key's unique index and then replays the winner's response.
/// The same key with another request body is answered 422.
/// </summary>
public sealed class IdempotencyFilter : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 100;

    private readonly IReadOnlyList<int> requestArguments;

    private IdempotencyFilter(IReadOnlyList<int> requestArguments) => this.requestArguments = requestArguments;

    /// <summary>Adds the filter to creates (see the class summary); other endpoints run unchanged.</summary>
    public static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsCreate(context.MethodInfo.ReturnType))
        {
            return next;
        }

        var services = context.ApplicationServices.GetRequiredService<IServiceProviderIsService>();
        var parameters = context.MethodInfo.GetParameters();
        var filter = new IdempotencyFilter(Enumerable.Range(0, parameters.Length).Where(i => IsRequestContent(parameters[i].ParameterType, services)).ToList());
        return invocation => filter.InvokeAsync(invocation, next);
    }

    /// <summary>Whether a handler's declared result answers 201 or 202 (unwrapping tasks and <c>Results&lt;…&gt;</c>).</summary>
    public static bool IsCreate(Type returnType)
    {
        ArgumentNullException.ThrowIfNull(returnType);
        var type = returnType.IsGenericType && (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? returnType.GetGenericArguments()[0]
            : returnType;
        if (type == typeof(Created) || type == typeof(Accepted))
        {
            return true;
        }

        if (!type.IsGenericType)
        {
            return false;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(Created<>) || definition == typeof(Accepted<>)
            || (typeof(INestedHttpResult).IsAssignableFrom(type) && type.GetGenericArguments().Any(IsCreate));
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key) || HttpCallerAccessor.From(http.User).UserId is not Guid userId)
        {
            return await next(context);
        }

        if (key.Length > MaxKeyLength)
        {
            return Error.Validation(Header, $"At most {MaxKeyLength} characters.").ToProblem();
        }

        var db = http.RequestServices.GetRequiredService<KefuDb>();
        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var record = new IdempotencyRecord
        {
            UserId = userId,
            Key = key,
            Endpoint = http.Request.Method + " " + http.Request.Path,
            RequestHash = await HashAsync(context, json),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        if (await SavedAsync(db, record, http.RequestAborted) is { } saved)
        {
            return Replay(saved, record);
        }

        return await CreateOnceAsync(context, next, db, record, json);
    }

    private static async ValueTask<object?> CreateOnceAsync(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next, KefuDb db, IdempotencyRecord record, JsonSerializerOptions json)
    {
        var ct = context.HttpContext.RequestAborted;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.IdempotencyRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A twin with the same key committed while this one waited on the key's unique index: answer what it answered.
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return await SavedAsync(db, record, CancellationToken.None) is { } winner ? Replay(winner, record) : Busy();
        }

        var result = await next(context);
        if (Unwrap(result) is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } ok)
        {
            record.StatusCode = ok.StatusCode!.Value;
            record.Location = Unwrap(result)?.GetType().GetProperty("Location")?.GetValue(Unwrap(result)) as string;
            record.ResponseJson = Unwrap(result) is IValueHttpResult { Value: { } value } ? JsonSerializer.Serialize(value, value.GetType(), json) : null;
            db.IdempotencyRecords.Update(record);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        else
        {
            await tx.RollbackAsync(CancellationToken.None);
        }

        return result;
    }

    /// <summary>The committed outcome of this key. A row without an outcome was left by an earlier version that stored keys on their own: it never finished, so it goes.</summary>
    private static async Task<IdempotencyRecord?> SavedAsync(KefuDb db, IdempotencyRecord wanted, CancellationToken ct)
    {
        var saved = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == wanted.UserId && r.Key == wanted.Key, ct);
        if (saved is { StatusCode: 0 })
        {
            await db.IdempotencyRecords.Where(r => r.UserId == wanted.UserId && r.Key == wanted.Key && r.StatusCode == 0).ExecuteDeleteAsync(ct);
            return null;
        }

        return saved;
    }

    private static object? Unwrap(object? result) => result is INestedHttpResult nested ? Unwrap(nested.Result) : result;

    /// <summary>Arguments bound from the request (body, route, query); a form's fields and files are hashed from the form itself.</summary>
    private static bool IsRequestContent(Type type, IServiceProviderIsService services) =>
        type != typeof(HttpContext) && type != typeof(HttpRequest) && type != typeof(CancellationToken) && type != typeof(Caller)
        && type != typeof(IFormFile) && type != typeof(IFormFileCollection) && type != typeof(IFormCollection) && !services.IsService(type);

    private async Task<string> HashAsync(EndpointFilterInvocationContext context, JsonSerializerOptions json)
    {
        var parts = requestArguments.Select(i => context.Arguments[i]).ToList();
        var request = context.HttpContext.Request;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
            parts.Add(form.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value.ToString()).ToList());
            foreach (var file in form.Files)
            {
                await using var content = file.OpenReadStream();
                parts.Add(file.Name + ":" + file.FileName + ":" + file.ContentType + ":" + Convert.ToHexString(await SHA256.HashDataAsync(content)));
            }
        }

        return Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(parts, json)));
    }

    private static IResult Replay(IdempotencyRecord saved, IdempotencyRecord wanted) =>
        saved.Endpoint != wanted.Endpoint || saved.RequestHash != wanted.RequestHash
            ? ProblemResults.Problem(
                StatusCodes.Status422UnprocessableEntity, "Idempotency key reused", "This Idempotency-Key was used for a different request.", "Idempotency.Mismatch")
            : new ReplayResult(saved);

    private static ApiProblem Busy() => ProblemResults.Problem(
        StatusCodes.Status409Conflict, "Conflict", "A request with this Idempotency-Key did not finish; send it again.", "Idempotency.InProgress");

    private sealed class ReplayResult(IdempotencyRecord record) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = record.StatusCode;
            httpContext.Response.Headers[ReplayedHeader] = "true";
            if (record.Location is not null)
            {
                httpContext.Response.Headers.Location = record.Location;
            }

            if (record.ResponseJson is not null)
            {
                httpContext.Response.ContentType = "application/json; charset=utf-8";
                await httpContext.Response.WriteAsync(record.ResponseJson);
            }
        }
    }
}

public static class IdempotencyExtensions
{
    /// <summary>Every create mapped under this group honours the <c>Idempotency-Key</c> header.</summary>
    public static TBuilder WithIdempotentCreates<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.AddEndpointFilterFactory(IdempotencyFilter.Factory);
}
