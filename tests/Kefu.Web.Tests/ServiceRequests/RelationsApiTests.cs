using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.ServiceRequests;

public abstract class RelationsApiTests(KefuApp app)
{
    private async Task<JsonObject> CustomerAsync()
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        return await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA)), HttpStatusCode.Created);
    }

    private async Task<JsonObject> RequestAsync(JsonObject customer, string text, params string[] materials)
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        return await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/service-requests", new
        {
            type = "REP", channel = "phone", shortText = text, longText = text + "（长文本）", customerId = customer["id"], workCentreId = app.Org.WcA,
            items = materials.Select(m => new { material = m, quantity = 1 }).ToArray(),
        }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Merge_SurvivorKeepsBothHistoriesAndItems_DuplicateIsCompletedAndLinked()
    {
        var customer = await CustomerAsync();
        var survivor = await RequestAsync(customer, "沙发维修", "SOFA-1");
        var duplicate = await RequestAsync(customer, "沙发维修（重复来电）", "SOFA-2");
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);

        var merged = await Api.JsonAsync(
            await assistant.PostAsJsonAsync($"/api/v1/service-requests/{survivor["number"]}/merge", new { duplicate = duplicate["number"] }), HttpStatusCode.OK);

        Assert.Equal(["SOFA-1", "SOFA-2"], merged["items"]!.AsArray().Select(i => i!["material"]!.GetValue<string>()));
        var texts = merged["log"]!.AsArray().Select(l => l!["text"]!.GetValue<string>()).ToList();
        Assert.Contains("沙发维修（长文本）", texts);
        Assert.Contains("沙发维修（重复来电）（长文本）", texts);
        Assert.Equal(2, merged["timeline"]!.AsArray().Count(s => s!["from"] is null));
        var dup = await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests/{duplicate["number"]}");
        Assert.Equal("completed", dup!["status"]!["systemStatus"]!.GetValue<string>());
        var links = await assistant.GetFromJsonAsync<JsonArray>($"/api/v1/service-requests/{survivor["number"]}/links");
        var link = Assert.Single(links!);
        Assert.Equal("merged-into", link!["kind"]!.GetValue<string>());
        Assert.Equal(duplicate["number"]!.GetValue<string>(), link["number"]!.GetValue<string>());

        await Api.AssertFieldErrorAsync(
            await assistant.PostAsJsonAsync($"/api/v1/service-requests/{survivor["number"]}/merge", new { duplicate = duplicate["number"] }), "duplicate");
    }

    [Fact]
    public async Task Merge_OtherCustomer_IsRefusedAndChangesNothing()
    {
        var a = await RequestAsync(await CustomerAsync(), "甲", "A-1");
        var b = await RequestAsync(await CustomerAsync(), "乙", "B-1");
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        await Api.AssertFieldErrorAsync(await assistant.PostAsJsonAsync($"/api/v1/service-requests/{a["number"]}/merge", new { duplicate = b["number"] }), "duplicate");
        var after = await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests/{b["number"]}");
        Assert.Equal("outstanding", after!["status"]!["systemStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Split_MovesChosenItemsToANewLinkedRequest()
    {
        var source = await RequestAsync(await CustomerAsync(), "全屋家具维修", "TABLE-1", "CHAIR-2", "BED-3");
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);

        var response = await assistant.PostAsJsonAsync($"/api/v1/service-requests/{source["number"]}/split", new { lines = new[] { 2, 3 }, shortText = "椅子和床" });
        var split = await Api.JsonAsync(response, HttpStatusCode.Created);

        Assert.NotEqual(source["number"]!.GetValue<string>(), split["number"]!.GetValue<string>());
        Assert.Equal("椅子和床", split["shortText"]!.GetValue<string>());
        Assert.Equal(["CHAIR-2", "BED-3"], split["items"]!.AsArray().Select(i => i!["material"]!.GetValue<string>()));
        Assert.Equal(source["customerId"]!.GetValue<string>(), split["customerId"]!.GetValue<string>());
        var rest = await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests/{source["number"]}");
        Assert.Equal(["TABLE-1"], rest!["items"]!.AsArray().Select(i => i!["material"]!.GetValue<string>()));
        var links = await assistant.GetFromJsonAsync<JsonArray>($"/api/v1/service-requests/{split["number"]}/links");
        Assert.Equal("split-from", Assert.Single(links!)!["kind"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 1, 2 })]
    [InlineData(new[] { 7 })]
    public async Task Split_BadLines_Returns400AndChangesNothing(int[] lines)
    {
        var source = await RequestAsync(await CustomerAsync(), "两件", "X-1", "Y-2");
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        await Api.AssertFieldErrorAsync(await assistant.PostAsJsonAsync($"/api/v1/service-requests/{source["number"]}/split", new { lines }), "lines");
        var after = await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests/{source["number"]}");
        Assert.Equal(2, after!["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task CustomerMerge_MovesTheDuplicatesRequests_AndACustomerWithRequestsCannotBeDeleted()
    {
        var survivor = await CustomerAsync();
        var duplicate = await CustomerAsync();
        var request = await RequestAsync(duplicate, "重复客户的通知单", "M-1");
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);

        await Api.AssertProblemAsync(await assistant.DeleteAsync($"/api/v1/customers/{duplicate["id"]}"), HttpStatusCode.Conflict);
        var merged = await assistant.PostAsJsonAsync($"/api/v1/customers/{survivor["id"]}/merge", new { duplicateId = duplicate["id"] });
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);

        var moved = await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests/{request["number"]}");
        Assert.Equal(survivor["id"]!.GetValue<string>(), moved!["customerId"]!.GetValue<string>());
        var list = await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests?customerId={survivor["id"]}");
        Assert.Contains(list!["items"]!.AsArray(), i => i!["number"]!.GetValue<string>() == request["number"]!.GetValue<string>());
        var history = await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{survivor["id"]}/history");
        Assert.Contains(history!["items"]!.AsArray(), h => h!["entity"]!.GetValue<string>() == "ServiceRequest" && h["action"]!.GetValue<string>() == "update");
    }

    [Fact]
    public async Task Link_RelatedRequests_ShowsOnBothSidesOnce()
    {
        var customer = await CustomerAsync();
        var a = await RequestAsync(customer, "甲", "A");
        var b = await RequestAsync(customer, "乙", "B");
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        Assert.Equal(HttpStatusCode.OK, (await assistant.PostAsJsonAsync($"/api/v1/service-requests/{a["number"]}/links", new { to = b["number"] })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await assistant.PostAsJsonAsync($"/api/v1/service-requests/{b["number"]}/links", new { to = a["number"] })).StatusCode);

        var fromB = await assistant.GetFromJsonAsync<JsonArray>($"/api/v1/service-requests/{b["number"]}/links");
        var link = Assert.Single(fromB!);
        Assert.Equal(a["number"]!.GetValue<string>(), link!["number"]!.GetValue<string>());
        Assert.False(link["outgoing"]!.GetValue<bool>());
        await Api.AssertFieldErrorAsync(await assistant.PostAsJsonAsync($"/api/v1/service-requests/{a["number"]}/links", new { to = "REP-9999999" }), "to");
    }
}

public sealed class RelationsApiSqliteTests(SqliteApp app) : RelationsApiTests(app), IClassFixture<SqliteApp>;

public sealed class RelationsApiPostgresTests(PostgresApp app) : RelationsApiTests(app), IClassFixture<PostgresApp>;
