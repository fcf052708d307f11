using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Core.Transactions;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Classification;

/// <summary>Customers with purchase histories and service requests, and helpers to run classification and read the result.</summary>
public static class ClassificationData
{
    public static async Task<Guid> CustomerAsync(KefuApp app, string name)
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        return await Api.IdOfAsync(await assistant.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA, name)));
    }

    /// <summary>Purchases <paramref name="daysAgo"/> days before the app's today, as the import would write them.</summary>
    public static Task BuyAsync(KefuApp app, Guid customer, params (int DaysAgo, decimal Amount)[] purchases) =>
        app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var today = DateOnly.FromDateTime(now);
            foreach (var (daysAgo, amount) in purchases)
            {
                db.Add(CustomerTransaction.Create(customer, today.AddDays(-daysAgo), amount, "沙发 x1", SalesChannel.Offline, "card", null, null, null, now));
            }

            return await db.SaveChangesAsync();
        });

    public static async Task RequestAsync(KefuApp app, Guid customer, string type, Guid? workCentre, decimal? quantity = null)
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var body = new JsonObject
        {
            ["type"] = type,
            ["channel"] = "phone",
            ["shortText"] = "客户来电 " + type,
            ["customerId"] = customer.ToString(),
        };
        if (workCentre is Guid wc)
        {
            body["workCentreId"] = wc.ToString();
        }

        if (quantity is decimal q)
        {
            body["items"] = new JsonArray(new JsonObject { ["categoryLevel1"] = "沙发", ["quantity"] = q, ["reasonCode"] = "REPAIR" });
        }

        await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/service-requests", body), HttpStatusCode.Created);
    }

    /// <summary>Starts a run (202) and waits until the background worker finished it.</summary>
    public static async Task<JsonObject> RunAsync(KefuApp app, string? scheme = null)
    {
        using var admin = await app.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/classification/runs", new { scheme });
        var run = await Api.JsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal($"/api/v1/classification/runs/{run["id"]}", response.Headers.Location?.ToString());
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            run = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/classification/runs/{run["id"]}"))!;
            if (run["state"]!.GetValue<string>() is "succeeded" or "failed" or "cancelled")
            {
                return run;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The run did not finish: " + run.ToJsonString());
    }

    public static async Task<JsonObject> ClassesAsync(KefuApp app, Guid customer)
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var c = (await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{customer}"))!;
        return c["classes"]!.AsObject();
    }

    public static Dictionary<string, string> Map(JsonObject classes) =>
        classes.ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>(), StringComparer.Ordinal);
}
