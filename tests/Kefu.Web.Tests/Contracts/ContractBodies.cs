using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Core.Common;
using Kefu.Core.Contracts;
using Kefu.Core.Scheduling;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Contracts;

/// <summary>Helpers of the contract tests: a customer, a contract, the business "today" and running a job through DI.</summary>
public static class ContractBodies
{
    public static DateOnly Today(KefuApp app) => Dates(app).Today();

    /// <summary>The app's business-date source (Asia/Shanghai by default, on the app's clock).</summary>
    public static BusinessDate Dates(KefuApp app) => app.Services.GetRequiredService<BusinessDate>();

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<JsonObject> CustomerAsync(KefuApp app, Guid? unit = null)
    {
        using var assistant = await app.ClientForAsync(unit == app.Org.RcB ? TestOrg.AssistantB : TestOrg.AssistantA);
        return await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(unit ?? app.Org.RcA)), HttpStatusCode.Created);
    }

    public static JsonObject New(Guid customerId, DateOnly start, DateOnly end, params string[] types) => new()
    {
        ["customerId"] = customerId.ToString(),
        ["serviceLevelCode"] = "full",
        ["startDate"] = Day(start),
        ["endDate"] = Day(end),
        ["fee"] = 12000.50m,
        ["billingPeriod"] = "yearly",
        ["coveredRequestTypes"] = new JsonArray(types.Select(t => (JsonNode)t).ToArray()),
        ["notes"] = "含每季度保养",
    };

    /// <summary>Creates (as supervisor.a) and optionally activates a contract for a new customer of RC-A.</summary>
    public static async Task<JsonObject> ContractAsync(KefuApp app, DateOnly start, DateOnly end, bool activate = true, Action<JsonObject>? change = null, params string[] types)
    {
        var customer = await CustomerAsync(app);
        var body = New(Guid.Parse(customer["id"]!.GetValue<string>()), start, end, types);
        change?.Invoke(body);
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        var contract = await Api.JsonAsync(await supervisor.PostAsJsonAsync("/api/v1/contracts", body), HttpStatusCode.Created);
        if (!activate)
        {
            return contract;
        }

        return await Api.JsonAsync(
            await supervisor.PostAsJsonAsync($"/api/v1/contracts/{contract["number"]}/activate", new { version = contract["version"]!.GetValue<int>() }),
            HttpStatusCode.OK);
    }

    public static async Task<JsonObject> AddAsync(KefuApp app, string url, object body)
    {
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        return await Api.JsonAsync(await supervisor.PostAsJsonAsync(url, body), HttpStatusCode.Created);
    }

    public static async Task<JsonObject> GetAsync(KefuApp app, string number)
    {
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        return await Api.JsonAsync(await supervisor.GetAsync($"/api/v1/contracts/{number}"), HttpStatusCode.OK);
    }

    /// <summary>Runs a scheduled job once with the app's clock moved to noon (Shanghai) of <paramref name="day"/>, then puts the clock back.</summary>
    public static async Task<string> RunJobOnAsync(KefuApp app, string name, DateOnly day)
    {
        app.Clock.SetUtcNow(new DateTimeOffset(Dates(app).ToUtc(day, new TimeOnly(12, 0))));
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var job = scope.ServiceProvider.GetRequiredService<IEnumerable<IScheduledJob>>().Single(j => j.Name == name);
            return await job.RunAsync(CancellationToken.None);
        }
        finally
        {
            app.Clock.Reset();
        }
    }
}
