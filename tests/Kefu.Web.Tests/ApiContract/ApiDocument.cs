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
}
