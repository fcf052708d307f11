using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Kefu.Web.Tests.Infrastructure;

public static class Api
{
    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static async Task<Guid> IdOfAsync(HttpResponseMessage response)
    {
        var json = await JsonAsync(response, HttpStatusCode.Created);
        return Guid.Parse(json["id"]!.GetValue<string>());
    }

    /// <summary>Asserts an RFC 9457 validation problem that names <paramref name="field"/>.</summary>
    public static async Task<JsonObject> AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var errors = problem["errors"]?.AsObject();
        Assert.True(errors is not null && errors.ContainsKey(field), $"Expected an error on '{field}', got: {problem.ToJsonString()}");
        return problem;
    }

    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        if (body.Length > 0)
        {
            Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            Assert.Equal((int)expected, JsonNode.Parse(body)!["status"]!.GetValue<int>());
        }
    }

    /// <summary>Waits for the background import an upload (202) queued, and returns it finished (30 s at most).</summary>
    public static async Task<JsonObject> FinishedImportAsync(HttpClient client, HttpResponseMessage upload)
    {
        ArgumentNullException.ThrowIfNull(client);
        var created = await JsonAsync(upload, HttpStatusCode.Accepted);
        var id = created["id"]!.GetValue<string>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            var import = await JsonAsync(await client.GetAsync($"/api/v1/transactions/imports/{id}"), HttpStatusCode.OK);
            if (import["finished"]!.GetValue<bool>())
            {
                return import;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The import did not finish within 30 s.");
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);
}
