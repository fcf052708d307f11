using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Kefu.Core.Data;
using Kefu.Core.ServiceRequests;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Startup;

/// <summary>The app as <c>dotnet run</c> starts it in Development: demo data on (the default there), on an empty database.</summary>
public abstract class DemoApp(DatabaseProvider provider) : KefuApp(provider)
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Kefu:DemoData", "true");
}

public sealed class SqliteDemoApp() : DemoApp(DatabaseProvider.Sqlite);

public sealed class PostgresDemoApp() : DemoApp(DatabaseProvider.PostgreSql);

/// <summary>
/// The living demo (issue 12 point 4): on an empty database the start-up writes, through the capabilities' own use cases, requests of
/// every shipped type in every user status in both regions, the work plan, approvals, contracts with schedules, notifications and
/// two classification runs; and the SLA scan finds the late requests breached. The demo users share the administrator's password.
/// </summary>
public abstract class DemoDataTests(KefuApp app)
{
    private static readonly string[] Regions = ["SH", "GZ"];

    [Fact]
    public async Task Startup_OnEmptyDatabase_EveryShippedTypeInEveryUserStatusInBothRegions()
    {
        var admin = await app.AdminAsync();
        var centres = await CentresAsync();
        var rows = await AllRequestsAsync(admin, "");
        foreach (var type in DefaultProfiles.All)
        {
            foreach (var status in type.Statuses)
            {
                foreach (var region in Regions)
                {
                    Assert.True(
                        rows.Any(r => Str(r, "type") == type.Code && Str(r, "userStatus") == status.Code && Str(r, "responsibilityCentreId") == centres[region].ToString()),
                        $"no {type.Code} request in status {status.Code} in {region}");
                }
            }
        }

        Assert.Contains(rows, r => Str(r, "urgency") == "emergency");
        Assert.Contains(rows, r => Str(r, "systemStatus") == "postponed");
        Assert.Contains(rows, r => Str(r, "systemStatus") == "completed");
        // The preventive-maintenance job turned the schedules that are due into requests of their contracts.
        Assert.Contains(rows, r => Str(r, "shortText")!.StartsWith("预防性维护", StringComparison.Ordinal));

        // The demo users log in with the administrator's password and see their own region's requests only.
        var assistant = await app.ClientForAsync("assistant", KefuApp.AdminPassword);
        var own = await AllRequestsAsync(assistant, "");
        Assert.NotEmpty(own);
        Assert.All(own, r => Assert.Equal(centres["SH"].ToString(), Str(r, "responsibilityCentreId")));
        var timeline = await Api.JsonAsync(await assistant.GetAsync($"/api/v1/service-requests/{Str(own.First(r => Str(r, "userStatus") == "WC"), "number")}"), HttpStatusCode.OK);
        Assert.True(timeline["timeline"]!.AsArray().Count >= 3, "a completed request shows its steps: " + timeline["timeline"]!.ToJsonString());
    }

    [Fact]
    public async Task Startup_OnEmptyDatabase_WorkPlanApprovalsBreachesAndNotificationsAreFilled()
    {
        var admin = await app.AdminAsync();
        var centres = await CentresAsync();
        // The app's own business date (its clock, the organisation's time zone), as the work plan counts days.
        var dates = app.Services.GetRequiredService<Kefu.Core.Common.BusinessDate>();
        var today = dates.Today();
        var from = dates.StartOf(today).ToString("O", CultureInfo.InvariantCulture);
        var before = dates.StartOf(today.AddDays(7)).ToString("O", CultureInfo.InvariantCulture);
        foreach (var region in Regions)
        {
            // The work plan of the coming week: open field work with a required start and an assigned technician.
            var plan = await AllRequestsAsync(admin,
                $"&responsibilityCentreId={centres[region]}&systemStatus=outstanding&systemStatus=in-process&systemStatus=postponed" +
                $"&requiredStartFrom={Uri.EscapeDataString(from)}&requiredStartBefore={Uri.EscapeDataString(before)}");
            Assert.True(plan.Count(r => r["responsiblePersonName"] is not null) >= 3, $"{region}: work plan has assigned entries");

            var breached = await AllRequestsAsync(admin, $"&responsibilityCentreId={centres[region]}&slaState=breached");
            Assert.NotEmpty(breached);
        }

        // Each region's supervisor has requests waiting for a decision.
        foreach (var supervisor in new[] { "supervisor", "supervisor.gz" })
        {
            var client = await app.ClientForAsync(supervisor, KefuApp.AdminPassword);
            var queue = JsonNode.Parse(await client.GetStringAsync("/api/v1/service-requests/approvals"))!.AsArray();
            Assert.True(queue.Count >= 2, $"{supervisor}: approval queue has {queue.Count}");
            var notices = await Api.JsonAsync(await client.GetAsync("/api/v1/notifications"), HttpStatusCode.OK);
            Assert.True(notices["unreadCount"]!.GetValue<int>() > 0, $"{supervisor} has breach notifications");
        }

        var technician = await app.ClientForAsync("technician", KefuApp.AdminPassword);
        var emergency = await Api.JsonAsync(await technician.GetAsync("/api/v1/notifications"), HttpStatusCode.OK);
        Assert.Contains(emergency["items"]!.AsArray(), n => Str(n!, "kind") == "emergency-request");
        Assert.True(await app.WithDbAsync(db => db.Set<Kefu.Core.Sla.SlaBreach>().AnyAsync()), "the SLA scan recorded breaches");
    }

    [Fact]
    public async Task Startup_OnEmptyDatabase_ContractsWithSchedulesAndAFinishedClassificationWithHistory()
    {
        var admin = await app.AdminAsync();
        var contracts = (await Api.JsonAsync(await admin.GetAsync("/api/v1/contracts?limit=100"), HttpStatusCode.OK))["items"]!.AsArray();
        Assert.True(contracts.Count(c => Str(c!, "state") == "active") >= 4, contracts.ToJsonString());
        Assert.Contains(contracts, c => Str(c!, "state") == "draft");
        Assert.Contains(contracts, c => c!["expiringSoon"]!.GetValue<bool>());
        var first = await Api.JsonAsync(await admin.GetAsync($"/api/v1/contracts/{Str(contracts.First(c => Str(c!, "serviceLevelCode") == "full")!, "number")}"), HttpStatusCode.OK);
        Assert.Equal(2, first["objects"]!.AsArray().Count);
        Assert.Equal(2, first["schedules"]!.AsArray().Count);
        Assert.NotEmpty(first["requests"]!.AsArray());

        var runs = JsonNode.Parse(await admin.GetStringAsync("/api/v1/classification/runs"))!.AsArray();
        Assert.True(runs.Count(r => Str(r!, "state") == "succeeded") >= 2, runs.ToJsonString());
        var pyramid = await Api.JsonAsync(await admin.GetAsync("/api/v1/classification/schemes/abc/pyramid"), HttpStatusCode.OK);
        Assert.True(pyramid["layers"]!.AsArray().Count(l => l!["customers"]!.GetValue<int>() > 0) >= 2, pyramid.ToJsonString());
        var customer = await app.WithDbAsync(db => db.Set<Kefu.Core.Classification.ClassChange>().Select(c => c.CustomerId).FirstAsync());
        var history = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/customers/{customer}/class-history"))!.AsArray();
        Assert.NotEmpty(history);
    }

    private async Task<Dictionary<string, Guid>> CentresAsync() =>
        await app.WithDbAsync(db => db.OrgUnits.Where(u => Regions.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Id));

    private static async Task<List<JsonObject>> AllRequestsAsync(HttpClient client, string filter)
    {
        var rows = new List<JsonObject>();
        string? after = null;
        do
        {
            var page = await Api.JsonAsync(
                await client.GetAsync($"/api/v1/service-requests?limit=200{filter}" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after))), HttpStatusCode.OK);
            rows.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            after = page["next"]?.GetValue<string>();
        }
        while (after is not null);
        return rows;
    }

    private static string? Str(JsonNode node, string name) => node[name]?.GetValue<string>();
}

public sealed class DemoDataSqliteTests(SqliteDemoApp app) : DemoDataTests(app), IClassFixture<SqliteDemoApp>;

public sealed class DemoDataPostgresTests(PostgresDemoApp app) : DemoDataTests(app), IClassFixture<PostgresDemoApp>;
