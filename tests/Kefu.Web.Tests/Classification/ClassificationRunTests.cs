using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Kefu.Web.Tests.Classification.ClassificationData;

namespace Kefu.Web.Tests.Classification;

/// <summary>A run over a known data set (its own database, so ABC shares are exactly these customers').</summary>
public abstract class ClassificationRunTests(KefuApp app)
{
    private static Dictionary<string, string> Expect(string abc, string tier, string membership, string lifecycle) => new(StringComparer.Ordinal)
    {
        ["abc"] = abc, ["tier"] = tier, ["membership"] = membership, ["lifecycle"] = lifecycle,
    };

    [Fact]
    public async Task Run_KnownDataSet_ClassifiesRecordsHistoryAndReclassifiesChanges()
    {
        // Window revenue: big 125000, mid 20000, small 4000, slowing 3000, costly 500 → total 152500.
        var big = await CustomerAsync(app, "大客户");
        await BuyAsync(app, big, (29, 60000), (120, 35000), (210, 20000), (300, 10000), (760, 5000));
        var mid = await CustomerAsync(app, "中客户");
        await BuyAsync(app, mid, (46, 15000), (171, 5000));
        await RequestAsync(app, mid, "REP", app.Org.WcA, quantity: 2);
        await RequestAsync(app, mid, "CMP", null);
        var small = await CustomerAsync(app, "新客户");
        await BuyAsync(app, small, (20, 4000));
        var slowing = await CustomerAsync(app, "放缓客户");
        await BuyAsync(app, slowing, (166, 1000), (136, 1000), (106, 1000));
        var lapsed = await CustomerAsync(app, "流失客户");
        await BuyAsync(app, lapsed, (546, 1000), (516, 1000), (486, 1000));
        var costly = await CustomerAsync(app, "高成本客户");
        await BuyAsync(app, costly, (102, 500));
        for (var i = 0; i < 3; i++)
        {
            await RequestAsync(app, costly, "CMP", null);
        }

        var prospect = await CustomerAsync(app, "潜在客户");

        var run = await RunAsync(app);

        Assert.Equal("succeeded", run["state"]!.GetValue<string>());
        Assert.Equal(7, run["customers"]!.GetValue<int>());
        Assert.Equal(5, run["stepsTotal"]!.GetValue<int>());
        Assert.Equal(5, run["stepsDone"]!.GetValue<int>());
        Assert.All(run["schemes"]!.AsArray(), s => Assert.Equal("succeeded", s!["state"]!.GetValue<string>()));
        Assert.Equal(Expect("A", "platinum", "diamond", "loyal"), Map(await ClassesAsync(app, big)));
        Assert.Equal(Expect("B", "gold", "silver", "active"), Map(await ClassesAsync(app, mid)));
        Assert.Equal(Expect("C", "iron", "ordinary", "new"), Map(await ClassesAsync(app, small)));
        Assert.Equal(Expect("C", "iron", "ordinary", "at-risk"), Map(await ClassesAsync(app, slowing)));
        Assert.Equal(Expect("C", "iron", "ordinary", "lost"), Map(await ClassesAsync(app, lapsed)));
        Assert.Equal(Expect("C", "lead", "ordinary", "active"), Map(await ClassesAsync(app, costly)));
        Assert.Equal(Expect("C", "iron", "ordinary", "potential"), Map(await ClassesAsync(app, prospect)));

        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var metrics = (await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{mid}/metrics"))!;
        Assert.Equal(20000, metrics["revenue"]!.GetValue<double>());
        Assert.Equal(2, metrics["requests"]!.GetValue<int>());
        Assert.Equal(1, metrics["visits"]!.GetValue<int>());
        Assert.Equal(1, metrics["complaints"]!.GetValue<int>());
        Assert.Equal(100 + 200 + 300 + 40, metrics["costToServe"]!.GetValue<double>()); // 2 requests, 1 visit, 1 complaint, 2 item units
        Assert.Equal(20000 - 640, metrics["profit"]!.GetValue<double>());
        Assert.Equal(125, metrics["meanIntervalDays"]!.GetValue<double>());

        var history = (await assistant.GetFromJsonAsync<JsonArray>($"/api/v1/customers/{big}/class-history"))!;
        Assert.Equal(4, history.Count);
        Assert.All(history, h =>
        {
            Assert.Null(h!["from"]);
            Assert.Equal(run["id"]!.GetValue<string>(), h["runId"]!.GetValue<string>());
        });
        Assert.Contains(history, h => h!["scheme"]!.GetValue<string>() == "abc" && h["to"]!.GetValue<string>() == "A");

        // A big purchase moves the new customer up: 34000 of 182500 after big's 125000 → A; tier gold; membership gold.
        await BuyAsync(app, small, (1, 30000));
        var second = await RunAsync(app);

        Assert.Equal("succeeded", second["state"]!.GetValue<string>());
        Assert.Equal(Expect("A", "gold", "gold", "new"), Map(await ClassesAsync(app, small)));
        Assert.Equal(Expect("A", "platinum", "diamond", "loyal"), Map(await ClassesAsync(app, big)));
        var smallHistory = (await assistant.GetFromJsonAsync<JsonArray>($"/api/v1/customers/{small}/class-history"))!;
        var moves = smallHistory.Where(h => h!["runId"]!.GetValue<string>() == second["id"]!.GetValue<string>())
            .Select(h => $"{h!["scheme"]}:{h["from"]}>{h["to"]}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["abc:C>A", "membership:ordinary>gold", "tier:iron>gold"], moves);
        Assert.Equal(4, (await assistant.GetFromJsonAsync<JsonArray>($"/api/v1/customers/{big}/class-history"))!.Count);

        var listA = (await assistant.GetFromJsonAsync<JsonObject>("/api/v1/customers?class=abc:A"))!["items"]!.AsArray();
        Assert.Equal(
            new[] { big.ToString(), small.ToString() }.Order(StringComparer.Ordinal).ToArray(),
            listA.Select(c => c!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray());
        await Api.AssertFieldErrorAsync(await assistant.GetAsync("/api/v1/customers?class=abc"), "class");

        // The request list filters by the class of the request's customer: mid (B) has two requests, costly (lead) three.
        async Task<string[]> RequestCustomersAsync(string customerClass) =>
            (await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests?customerClass={customerClass}"))!["items"]!.AsArray()
                .Select(r => r!["customerId"]!.GetValue<string>()).ToArray();
        Assert.Equal([mid.ToString(), mid.ToString()], await RequestCustomersAsync("abc:B"));
        Assert.Equal(Enumerable.Repeat(costly.ToString(), 3), await RequestCustomersAsync("tier:lead"));
        Assert.Empty(await RequestCustomersAsync("abc:A"));
        await Api.AssertFieldErrorAsync(await assistant.GetAsync("/api/v1/service-requests?customerClass=abc"), "customerClass");

        var pyramid = (await assistant.GetFromJsonAsync<JsonObject>("/api/v1/classification/schemes/abc/pyramid"))!;
        Assert.Equal(7, pyramid["total"]!.GetValue<int>());
        Assert.Equal(["A:2", "B:1", "C:4"], pyramid["layers"]!.AsArray().Select(l => $"{l!["class"]}:{l["customers"]}").ToArray());

        // Another unit's assistant sees neither the classes nor the history of these customers.
        using var other = await app.ClientForAsync(TestOrg.AssistantB);
        await Api.AssertProblemAsync(await other.GetAsync($"/api/v1/customers/{big}/class-history"), HttpStatusCode.NotFound);
        var otherPyramid = (await other.GetFromJsonAsync<JsonObject>("/api/v1/classification/schemes/abc/pyramid"))!;
        Assert.Equal(0, otherPyramid["total"]!.GetValue<int>());
    }
}

public sealed class ClassificationRunSqliteTests(SqliteApp app) : ClassificationRunTests(app), IClassFixture<SqliteApp>;

public sealed class ClassificationRunPostgresTests(PostgresApp app) : ClassificationRunTests(app), IClassFixture<PostgresApp>
{
    /// <summary>The metrics snapshot is rebuilt (truncated, filled, analysed) by every run: no write-ahead log, no autovacuum.</summary>
    [Fact]
    public async Task MetricsSnapshot_IsUnloggedAndLeftAloneByAutovacuum()
    {
        var (persistence, options) = await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT relpersistence::text, array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'customer_metrics'";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            return (reader.GetString(0), reader.IsDBNull(1) ? "" : reader.GetString(1));
        });
        Assert.Equal("u", persistence);
        Assert.Contains("autovacuum_enabled=false", options, StringComparison.Ordinal);
    }
}
