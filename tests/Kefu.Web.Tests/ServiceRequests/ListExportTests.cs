using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;
using MiniExcelLibs;

namespace Kefu.Web.Tests.ServiceRequests;

public abstract class ListExportTests(KefuApp app)
{
    private async Task<(string Number, string CustomerId)> RequestAsync(string text)
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var customer = await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA, "=HYPERLINK(\"x\")")), HttpStatusCode.Created);
        var r = await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/service-requests", new
        {
            type = "INST", channel = "phone", shortText = text, customerId = customer["id"], workCentreId = app.Org.WcA,
        }), HttpStatusCode.Created);
        return (r["number"]!.GetValue<string>(), customer["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExportCsv_ChosenColumnsInOrder_ChineseHeaders_FormulaNeutralised()
    {
        var (number, customer) = await RequestAsync("窗帘安装, 两幅");
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);

        var response = await assistant.GetAsync($"/api/v1/service-requests/export?format=csv&columns=number,shortText,customerName&customerId={customer}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("通知单号,描述,客户", lines[0]);
        Assert.Equal($"{number},\"窗帘安装, 两幅\",\"'=HYPERLINK(\"\"x\"\")\"", lines[1]);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public async Task ExportXlsx_EnglishHeaders_HasTheFilteredRows()
    {
        var (number, customer) = await RequestAsync("Excel export");
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);

        var response = await assistant.GetAsync($"/api/v1/service-requests/export?format=xlsx&customerId={customer}&culture=en&ui-culture=en");

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal(number, row["Number"]);
        Assert.Equal("outstanding", row["System status"]);
    }

    [Theory]
    [InlineData("format=pdf", "format")]
    [InlineData("format=csv&columns=number,secret", "columns")]
    [InlineData("format=csv&systemStatus=nap", "systemStatus")]
    public async Task Export_BadParameters_Return400(string query, string field)
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        await Api.AssertFieldErrorAsync(await assistant.GetAsync("/api/v1/service-requests/export?" + query), field);
    }

    [Fact]
    public async Task Export_RespectsScope()
    {
        var (number, _) = await RequestAsync("scope");
        using var other = await app.ClientForAsync(TestOrg.AssistantB);
        var csv = await other.GetStringAsync("/api/v1/service-requests/export?format=csv");
        Assert.DoesNotContain(number, csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavedViews_SaveReplaceListDelete_PerUser()
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var saved = await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/service-requests/views", new
        {
            name = "我的紧急单", filters = new { urgency = "emergency", systemStatuses = new[] { "outstanding" } }, columns = new[] { "number", "urgency" },
        }), HttpStatusCode.OK);
        await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/service-requests/views", new
        {
            name = "我的紧急单", filters = new { urgency = "high" }, columns = new[] { "createdAt", "number" },
        }), HttpStatusCode.OK);

        var views = await assistant.GetFromJsonAsync<JsonArray>("/api/v1/service-requests/views");
        var view = Assert.Single(views!, v => v!["name"]!.GetValue<string>() == "我的紧急单");
        Assert.Equal(["createdAt", "number"], view!["columns"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("high", view["filters"]!["urgency"]!.GetValue<string>());
        using var other = await app.ClientForAsync(TestOrg.AssistantB);
        Assert.DoesNotContain((await other.GetFromJsonAsync<JsonArray>("/api/v1/service-requests/views"))!, v => v!["name"]!.GetValue<string>() == "我的紧急单");
        await Api.AssertFieldErrorAsync(await assistant.PostAsJsonAsync("/api/v1/service-requests/views", new { name = "x", columns = new[] { "bogus" } }), "columns");
        Assert.Equal(HttpStatusCode.NoContent, (await assistant.DeleteAsync($"/api/v1/service-requests/views/{saved["id"]}")).StatusCode);
        Assert.Empty((await assistant.GetFromJsonAsync<JsonArray>("/api/v1/service-requests/views"))!);
    }
}

public sealed class ListExportSqliteTests(SqliteApp app) : ListExportTests(app), IClassFixture<SqliteApp>;

public sealed class ListExportPostgresTests(PostgresApp app) : ListExportTests(app), IClassFixture<PostgresApp>;
