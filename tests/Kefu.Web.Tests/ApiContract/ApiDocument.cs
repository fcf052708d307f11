using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Kefu.Web.Tests.ApiContract;

/// <summary>The app's <c>/openapi/v1.json</c> as an OpenAPI parser reads it.</summary>
public static class ApiDocument
{
    public static async Task<OpenApiDocument> ReadAsync(KefuApp app)
    {
        using var anonymous = app.CreateClient();
        var json = await anonymous.GetStringAsync("/openapi/v1.json");
        var read = OpenApiDocument.Parse(json, OpenApiConstants.Json, new OpenApiReaderSettings());
        Assert.True(read.Diagnostic?.Errors.Count is null or 0, "The document does not parse: " + string.Join("; ", read.Diagnostic!.Errors.Select(e => e.Message)));
        return read.Document!;
    }

    public static IEnumerable<(string Path, HttpMethod Method, OpenApiOperation Operation)> Operations(this OpenApiDocument document) =>
        from path in document.Paths
        from operation in path.Value.Operations ?? []
        select (path.Key, operation.Key, operation.Value);

    public static OpenApiOperation Operation(this OpenApiDocument document, HttpMethod method, string path) =>
        document.Operations().Single(o => o.Method == method && o.Path == path).Operation;

    /// <summary>The schema of an operation's JSON request body.</summary>
    public static IOpenApiSchema RequestSchema(this OpenApiOperation operation) =>
        operation.RequestBody?.Content?["application/json"].Schema ?? throw new InvalidOperationException("No JSON body.");

    public static IOpenApiSchema Property(this IOpenApiSchema schema, string name) =>
        schema.Properties?[name] ?? throw new InvalidOperationException($"No property {name}.");

    /// <summary>The values a schema allows (itself, its items, or the alternatives of a nullable reference), null left out.</summary>
    public static IReadOnlyList<string> AllowedValues(this IOpenApiSchema schema)
    {
        var own = (schema.Enum ?? []).OfType<JsonNode>().Select(v => v.GetValue<string>());
        var items = schema.Items is { } i ? i.AllowedValues() : [];
        var alternatives = (schema.AnyOf ?? []).Concat(schema.OneOf ?? []).SelectMany(AllowedValues);
        return own.Concat(items).Concat(alternatives).ToList();
    }

    /// <summary>The first allowed value: what a client that reads only the document would send.</summary>
    public static string FirstValue(this IOpenApiSchema schema) => schema.AllowedValues()[0];

    /// <summary>The operations under <c>/api/</c>, in the document's order.</summary>
    public static IEnumerable<(string Path, HttpMethod Method, OpenApiOperation Operation)> ApiOperations(this OpenApiDocument document) =>
        document.Operations().Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal));

    /// <summary>An operation's parameters in one location (path, query, header).</summary>
    public static IReadOnlyList<IOpenApiParameter> ParametersIn(this OpenApiOperation operation, ParameterLocation location) =>
        (operation.Parameters ?? []).Where(p => p.In == location).ToList();

    /// <summary>The schema of an operation's JSON request body, or null when it takes none.</summary>
    public static IOpenApiSchema? JsonBodySchema(this OpenApiOperation operation) =>
        operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var media) ? media.Schema : null;

    /// <summary>Whether the operation needs a signed-in caller (it documents 401).</summary>
    public static bool RequiresAuthentication(this OpenApiOperation operation) => operation.Responses?.ContainsKey("401") == true;

    /// <summary>The path with its <c>{parameters}</c> replaced by the (URL-escaped) values given; a missing value stays as written.</summary>
    public static string FillPath(string template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (name, value) in values)
        {
            template = template.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        return template;
    }

    /// <summary>The schema itself, or — for a nullable reference or a composition — its first alternative that is not just null.</summary>
    public static IOpenApiSchema Effective(this IOpenApiSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var alternatives = (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? []).ToList();
        if (schema.Type is null && schema.Properties is not { Count: > 0 } && alternatives.Count > 0)
        {
            return alternatives.FirstOrDefault(a => a.Type != JsonSchemaType.Null)?.Effective() ?? schema;
        }

        return schema;
    }

    /// <summary>Whether the (effective) schema allows values of this JSON type.</summary>
    public static bool Is(this IOpenApiSchema schema, JsonSchemaType type) => schema.Effective().Type is { } t && t.HasFlag(type);

    /// <summary>
    /// A plausible value for a schema, as a client that reads only the document would send: an enum's first value, a string of the
    /// right format (uuid, date, date-time, email), 1 for numbers, an object with every property, a list of one element.
    /// Recursion stops at <paramref name="maxDepth"/> (null below).
    /// </summary>
    public static JsonNode? Sample(this IOpenApiSchema schema, int maxDepth = 5)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (maxDepth < 0)
        {
            return null;
        }

        var s = schema.Effective();
        if ((s.Enum ?? []).FirstOrDefault(v => v is not null) is { } value)
        {
            return value.DeepClone();
        }

        if (s.Properties is { Count: > 0 } properties || s.Is(JsonSchemaType.Object))
        {
            var o = new JsonObject();
            foreach (var (name, property) in s.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                o[name] = property.Sample(maxDepth - 1);
            }

            if (o.Count == 0 && s.AdditionalProperties is { } additional)
            {
                o["key"] = additional.Sample(maxDepth - 1);
            }

            return o;
        }

        if (s.Is(JsonSchemaType.Array))
        {
            return s.Items?.Sample(maxDepth - 1) is { } item ? new JsonArray(item) : new JsonArray();
        }

        if (s.Is(JsonSchemaType.Integer))
        {
            return 1;
        }

        if (s.Is(JsonSchemaType.Number))
        {
            return 1.5m;
        }

        if (s.Is(JsonSchemaType.Boolean))
        {
            return true;
        }

        return s.Is(JsonSchemaType.String) ? SampleString(s.Format) : null;
    }

    public static string SampleString(string? format) => format switch
    {
        "uuid" => "0197e1c2-0000-7000-8000-000000000001",
        "date" => "2026-01-15",
        "date-time" => "2026-01-15T08:00:00Z",
        "time" => "09:00:00",
        "email" => "fuzz@example.com",
        "uri" => "https://example.com/",
        _ => "fuzz",
    };

    /// <summary>
    /// Values for every path parameter of the operations, read from the API itself where a list gives one: for
    /// <c>/api/v1/customers/{id}</c> the first customer of <c>GET /api/v1/customers</c> (its <c>id</c>, or the field named like the
    /// parameter, or its <c>code</c>/<c>number</c>/<c>name</c>). Items that mention <paramref name="avoid"/> (e.g. the caller's own
    /// user name) are skipped, so a write through the value cannot change the caller. Parameters no list answers get a
    /// schema sample (a well-formed id of nothing).
    /// </summary>
    public static async Task<Dictionary<string, Dictionary<string, string>>> PathValuesAsync(
        HttpClient client, IEnumerable<(string Path, HttpMethod Method, OpenApiOperation Operation)> operations, string avoid)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(operations);
        var lists = new Dictionary<string, JsonArray?>(StringComparer.Ordinal);
        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (path, _, operation) in operations)
        {
            if (result.ContainsKey(path))
            {
                continue;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var parameter in operation.ParametersIn(ParameterLocation.Path))
            {
                var name = parameter.Name!;
                var placeholder = "{" + name + "}";
                var list = FillPath(path[..path.IndexOf(placeholder, StringComparison.Ordinal)].TrimEnd('/'), values);
                if (!lists.TryGetValue(list, out var items))
                {
                    items = lists[list] = await ListAsync(client, list);
                }

                var item = items?.OfType<JsonObject>().FirstOrDefault(i => !i.ToJsonString().Contains('"' + avoid + '"', StringComparison.Ordinal));
                var value = item is null ? null : new[] { name, "id", "code", "number", "name" }
                    .Select(k => item.TryGetPropertyValue(k, out var v) && v is JsonValue j ? j.ToString() : null).FirstOrDefault(v => v is not null);
                values[name] = value ?? (parameter.Schema?.Sample() is JsonValue sample ? sample.ToString() : "fuzz");
            }

            result[path] = values;
        }

        return result;
    }

    private static async Task<JsonArray?> ListAsync(HttpClient client, string path)
    {
        if (path.Contains('{', StringComparison.Ordinal) || !path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return null;
        }

        using var response = await client.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return null;
        }

        return JsonNode.Parse(await response.Content.ReadAsStringAsync()) switch
        {
            JsonArray array => array,
            JsonObject o when o["items"] is JsonArray items => items,
            _ => null,
        };
    }
}
