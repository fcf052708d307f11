using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json.Nodes;
using Kefu.Core.Common;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.OpenApi;

namespace Kefu.Web.Tests.ApiContract;

/// <summary>API-1: the OpenAPI document describes every operation and every fixed set of values, so a client can rely on it.</summary>
public abstract class OpenApiDocumentTests(KefuApp app)
{
    /// <summary>Names that are enum-valued wherever they appear (request type codes and user statuses are data, not listed).</summary>
    private static readonly HashSet<string> EnumNamed = new(StringComparer.OrdinalIgnoreCase)
    {
        "kind", "nature", "channel", "phase", "chargeMode", "urgency", "priority", "billingPeriod", "decision", "accountManagerLevel",
        "systemStatus", "slaState", "state", "mode", "source", "trigger", "outcome", "format", "sort", "role", "roles", "lang",
    };

    [Fact]
    public async Task EveryOperation_DocumentsItsSuccessSchemaAndProblemResponses()
    {
        var document = await ApiDocument.ReadAsync(app);
        var missing = new List<string>();
        var operations = document.Operations().Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        foreach (var (path, method, operation) in operations)
        {
            var responses = operation.Responses ?? [];
            var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
            if (success.Count == 0 || !success.All(r => HasSchema(r.Value) || r.Key is "204" || (r.Key is "202" && r.Value.Content is null or { Count: 0 })))
            {
                missing.Add($"{method} {path}: no success schema");
            }

            var problems = responses.Where(r => r.Key.StartsWith('4')).ToList();
            if (problems.Count == 0 || !problems.All(r => r.Value.Content?.Keys.SequenceEqual(["application/problem+json"]) == true && HasSchema(r.Value)))
            {
                missing.Add($"{method} {path}: problem responses missing or not application/problem+json with a schema");
            }
        }

        Assert.True(operations.Count > 100, $"Only {operations.Count} operations found.");
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public async Task EveryEnumField_ListsItsValues()
    {
        var document = await ApiDocument.ReadAsync(app);
        var missing = new List<string>();
        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            var enumProperties = EnumPropertiesOf(name);
            foreach (var (property, propertySchema) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                if ((EnumNamed.Contains(property) || enumProperties.Contains(property)) && propertySchema.AllowedValues().Count == 0)
                {
                    missing.Add($"{name}.{property}");
                }
            }
        }

        foreach (var (path, method, operation) in document.Operations())
        {
            foreach (var parameter in operation.Parameters ?? [])
            {
                if (EnumNamed.Contains(parameter.Name!) && parameter.Schema!.AllowedValues().Count == 0)
                {
                    missing.Add($"{method} {path} ?{parameter.Name}");
                }
            }
        }

        Assert.True(missing.Count == 0, "Enum-valued fields without values: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task EveryCreate_DocumentsTheIdempotencyKey()
    {
        var document = await ApiDocument.ReadAsync(app);
        var creates = document.Operations().Where(o => o.Operation.Responses!.Keys.Any(k => k is "201" or "202")).ToList();

        Assert.Contains(creates, c => c.Path == "/api/v1/service-requests" && c.Method == HttpMethod.Post);
        Assert.All(creates, c => Assert.Contains(c.Operation.Parameters!, p => p.Name == "Idempotency-Key" && p.In == ParameterLocation.Header));
    }

    [Fact]
    public async Task CustomerAndRequest_CreatedWithValuesReadFromTheDocument()
    {
        var document = await ApiDocument.ReadAsync(app);
        var customerSchema = document.Operation(HttpMethod.Post, "/api/v1/customers").RequestSchema();
        var requestSchema = document.Operation(HttpMethod.Post, "/api/v1/service-requests").RequestSchema();
        using var client = await app.ClientForAsync(TestOrg.AssistantA);

        var customer = await Api.JsonAsync(await client.PostAsJsonAsync("/api/v1/customers", new
        {
            kind = customerSchema.Property("kind").FirstValue(),
            nature = customerSchema.Property("nature").FirstValue(),
            name = "文档客户",
            orgUnitId = app.Org.RcA,
            contacts = new[] { new { name = "文档客户", phone = Customers.CustomerBodies.UniquePhone() } },
            addresses = new[] { new { province = "上海市", city = "上海市", street = "文档路1号", isMaster = true } },
            keyDates = new[] { new { kind = customerSchema.Property("keyDates").Items!.Property("kind").FirstValue(), date = "1990-01-01" } },
        }), HttpStatusCode.Created);
        var type = (await client.GetFromJsonAsync<JsonArray>("/api/v1/request-types"))![0]!["code"]!.GetValue<string>();
        var values = new[] { "channel", "phase", "chargeMode", "urgency" }.ToDictionary(f => f, f => requestSchema.Property(f).FirstValue());
        var request = await Api.JsonAsync(await client.PostAsJsonAsync("/api/v1/service-requests", new
        {
            type,
            channel = values["channel"],
            phase = values["phase"],
            chargeMode = values["chargeMode"],
            urgency = values["urgency"],
            shortText = "按文档录入",
            customerId = customer["id"],
        }), HttpStatusCode.Created);

        Assert.Equal(customerSchema.Property("nature").FirstValue(), customer["nature"]!.GetValue<string>());
        Assert.All(values, v => Assert.Equal(v.Value, request[v.Key]!.GetValue<string>()));
    }

    private static bool HasSchema(IOpenApiResponse response) => response.Content?.Values.All(m => m.Schema is not null) == true && response.Content.Count > 0;

    /// <summary>Properties of the Kefu type behind a schema that are C# enums or declare <see cref="OneOfAttribute"/> values.</summary>
    private static HashSet<string> EnumPropertiesOf(string schemaName)
    {
        var types = new[] { typeof(Result<>).Assembly, typeof(Kefu.Web.KefuHost).Assembly }.SelectMany(a => a.GetExportedTypes()).Where(t => t.Name == schemaName);
        return types.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => IsEnum(p.PropertyType) || p.GetCustomAttribute<OneOfAttribute>() is not null)
            .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..])
            .ToHashSet(StringComparer.Ordinal);
    }

    private static bool IsEnum(Type type)
    {
        var element = type == typeof(string) ? type : type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0] ?? type;
        return (Nullable.GetUnderlyingType(element) ?? element).IsEnum;
    }
}

public sealed class OpenApiDocumentSqliteTests(SqliteApp app) : OpenApiDocumentTests(app), IClassFixture<SqliteApp>;

public sealed class OpenApiDocumentPostgresTests(PostgresApp app) : OpenApiDocumentTests(app), IClassFixture<PostgresApp>;
