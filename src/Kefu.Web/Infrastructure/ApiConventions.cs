using System.Reflection;
using System.Text.Json.Nodes;
using Kefu.Core.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Kefu.Web.Infrastructure;

/// <summary>
/// What every API endpoint gets without asking (docs/architecture.md, "API conventions"): creates honour <c>Idempotency-Key</c>,
/// endpoints behind a policy document their 401 and 403 problems, and the OpenAPI document lists the values of every
/// <see cref="OneOfAttribute"/> field and the idempotency header of every create.
/// </summary>
public static class ApiConventions
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Documents a 200 that answers a file of one of these types (a typed file result carries no metadata of its own).</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.Produces<Stream>(StatusCodes.Status200OK, contentTypes[0], contentTypes[1..]);

    /// <summary>The group every API capability maps its endpoints on.</summary>
    public static RouteGroupBuilder MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithIdempotentCreates();
        ((IEndpointConventionBuilder)api).Finally(DocumentAuthorization);
        ((IEndpointConventionBuilder)api).Finally(MarkCreates);
        return api;
    }

    public static void AddKefuOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info.Title = "Kefu API";
                doc.Info.Description = "Customer service management. Authenticate with POST /api/v1/auth/token, then send Authorization: Bearer <token>. "
                    + "Every create (201 or 202) accepts an Idempotency-Key header: a retry with the same key and body answers the saved response.";
                return Task.CompletedTask;
            });
            o.AddSchemaTransformer(ListAllowedValues);
            o.AddOperationTransformer(DocumentIdempotencyKey);
        });
    }

    private static void DocumentAuthorization(EndpointBuilder endpoint)
    {
        var authorized = endpoint.Metadata.OfType<IAuthorizeData>().Any() && !endpoint.Metadata.OfType<IAllowAnonymous>().Any();
        if (!authorized)
        {
            return;
        }

        foreach (var status in new[] { StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden })
        {
            if (!endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.StatusCode == status))
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ProblemResults.ContentType]));
            }
        }
    }

    private static void MarkCreates(EndpointBuilder endpoint)
    {
        if (endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault() is { } handler && IdempotencyFilter.IsCreate(handler.ReturnType))
        {
            endpoint.Metadata.Add(IdempotentCreate.Instance);
        }
    }

    private static Task ListAllowedValues(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var oneOf = context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(OneOfAttribute), inherit: true).OfType<OneOfAttribute>().FirstOrDefault()
            ?? (context.JsonPropertyInfo is null
                ? (context.ParameterDescription?.ParameterDescriptor as IParameterInfoParameterDescriptor)?.ParameterInfo.GetCustomAttribute<OneOfAttribute>()
                : null);
        if (oneOf is null)
        {
            return Task.CompletedTask;
        }

        var target = schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.Items is OpenApiSchema items ? items : schema;
        target.Enum = oneOf.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
        if (target.Type?.HasFlag(JsonSchemaType.Null) == true)
        {
            target.Enum.Add(null!);
        }

        return Task.CompletedTask;
    }

    private static Task DocumentIdempotencyKey(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotentCreate>().Any())
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyFilter.Header,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Makes a retry safe: the same key and body answer the saved response (same number); the same key with another body answers 422.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyFilter.MaxKeyLength },
        });
        return Task.CompletedTask;
    }

    private sealed class IdempotentCreate
    {
        public static readonly IdempotentCreate Instance = new();
    }
}
