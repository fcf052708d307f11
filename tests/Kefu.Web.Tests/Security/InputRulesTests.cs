using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kefu.Core.Common;
using Kefu.Core.Transactions;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Tests.Security;

/// <summary>
/// Issue 19, points 1, 5 and 6: rules every input obeys, checked at the edge and not per endpoint — a null element of a list is a
/// 400 naming the element, a NUL character anywhere (JSON, query, path, headers, forms, import files) is refused on both
/// providers, and a refusal keeps only an excerpt of what it refused.
/// </summary>
public abstract class InputRulesTests(KefuApp app)
{
    private const string Nul = "\u0000";

    /// <summary>Every endpoint the probe of issue 19 answered 500 for a null list element, with the element it must name.</summary>
    public static TheoryData<string, string, string, string> NullElements => new()
    {
        { "PUT", "/api/v1/users/00000000-0000-0000-0000-000000000001", """{"version":"1","user":{"userName":"x","roles":[null]}}""", "user.roles[0]" },
        { "POST", "/api/v1/classification/schemes", """{"code":"nul1","kind":"abc","nameZh":"x","nameEn":"x","settings":{"measure":"revenue","basis":"value","cuts":[null],"rest":"C"}}""", "settings.cuts[0]" },
        { "POST", "/api/v1/classification/schemes/abc/preview", """{"settings":{"measure":"revenue","basis":"value","cuts":[null],"rest":"C"}}""", "settings.cuts[0]" },
        { "PUT", "/api/v1/classification/cost-settings", """{"windowMonths":12,"costPerRequest":1,"costPerVisit":1,"costPerComplaint":1,"costPerItemUnit":1,"complaintTypeCodes":[null],"version":1}""", "complaintTypeCodes[0]" },
        { "POST", "/api/v1/calendars", """{"code":"nul1","nameZh":"x","nameEn":"x","timeZone":"Asia/Shanghai","alwaysOpen":false,"hours":[null]}""", "hours[0]" },
        { "PUT", "/api/v1/calendars/nul1", """{"code":"nul1","nameZh":"x","nameEn":"x","timeZone":"Asia/Shanghai","alwaysOpen":false,"hours":[null]}""", "hours[0]" },
        { "PUT", "/api/v1/service-levels/gold", """{"code":"gold","nameZh":"x","nameEn":"x","targets":[null]}""", "targets[0]" },
        { "PUT", "/api/v1/request-types/Z1", """{"code":"Z1","statuses":[null]}""", "statuses[0]" },
        { "PUT", "/api/v1/request-types/Z1", """{"code":"Z1","transitions":[null]}""", "transitions[0]" },
        { "POST", "/api/v1/service-requests/views", """{"name":"x","columns":[null]}""", "columns[0]" },
        { "POST", "/api/v1/holiday-sets", """{"code":"nul1","nameZh":"x","nameEn":"x","entries":[null]}""", "entries[0]" },
    };

    [Theory]
    [MemberData(nameof(NullElements))]
    public async Task NullListElement_Is400_NamingTheElement(string method, string url, string body, string field)
    {
        using var admin = await app.AdminAsync();
        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = Json(body) });
        var problem = await Api.AssertFieldErrorAsync(response, field);
        Assert.Equal(JsonInput.NullElement, problem["errors"]![field]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task NullElement_DeeperInABody_IsNamedWithItsWholePath()
    {
        using var admin = await app.AdminAsync();
        var body = JsonSerializer.SerializeToNode(CustomerBodies.New(app.Org.RcA))!.AsObject();
        body["tags"] = new JsonArray("a", null);
        await Api.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/customers", body), "tags[1]");
    }

    [Fact]
    public async Task NulInJsonStrings_Is400_NamingTheField_AndStoresNothing()
    {
        using var admin = await app.AdminAsync();
        var customers = await app.CountAsync<Kefu.Core.Customers.Customer>();
        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (CustomerBodies.New(app.Org.RcA, name: "王" + Nul + "芳"), "name"),
            (Patch(CustomerBodies.New(app.Org.RcA), b => b["tags"] = new JsonArray("ok", "b" + Nul)), "tags[1]"),
            (Patch(CustomerBodies.New(app.Org.RcA), b => b["contacts"]![0]!["name"] = Nul), "contacts[0].name"),
            (Patch(CustomerBodies.New(app.Org.RcA), b => b["preferences"]!["hobbies"] = "x" + Nul), "preferences.hobbies"),
        })
        {
            var problem = await Api.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/customers", body), field);
            Assert.Equal(JsonInput.NulCharacter, problem["errors"]![field]![0]!.GetValue<string>());
        }

        // Free JSON (scheme settings) is checked as well.
        await Api.AssertFieldErrorAsync(
            await admin.PostAsync("/api/v1/classification/schemes/abc/preview", Json("""{"settings":{"measure":"revenue","basis":"value","cuts":[{"class":"A\u0000","upTo":0.5}],"rest":"C"}}""")),
            "settings.cuts[0].class");
        Assert.Equal(customers, await app.CountAsync<Kefu.Core.Customers.Customer>());
    }

    [Fact]
    public async Task NulInQueryPathAndHeaders_Is400Problem()
    {
        using var admin = await app.AdminAsync();
        await AssertNulProblemAsync(await admin.GetAsync("/api/v1/customers?q=a%00b"), "q");
        await AssertNulProblemAsync(await admin.GetAsync("/api/v1/sla/breaches?from=2026-01-01%00"), "from");

        var customers = await app.CountAsync<Kefu.Core.Customers.Customer>();
        var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customers") { Content = JsonContent.Create(CustomerBodies.New(app.Org.RcA)) };
        Assert.True(create.Headers.TryAddWithoutValidation("Idempotency-Key", "key" + Nul));
        await AssertNulProblemAsync(await admin.SendAsync(create), "Idempotency-Key");
        Assert.Equal(customers, await app.CountAsync<Kefu.Core.Customers.Customer>());
    }

    [Fact]
    public async Task UnknownCharset_Is415Problem_NotA500()
    {
        using var admin = await app.AdminAsync();
        var body = new StringContent("""{"name":"x"}""", Encoding.UTF8);
        body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=klingon");
        await Api.AssertProblemAsync(await admin.PostAsync("/api/v1/customer-groups", body), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task NulInFormFieldsAndFileNames_Is400Problem_AndNoImportIsQueued()
    {
        using var admin = await app.AdminAsync();
        var imports = await app.CountAsync<TransactionImport>();
        var badMode = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("客户编号,日期,金额,商品,渠道,支付方式\n")), "file", "t.csv" },
            { new StringContent("skip-bad-rows" + Nul), "mode" },
        };
        await AssertNulProblemAsync(await admin.PostAsync("/api/v1/transactions/imports", badMode), "mode");

        // HttpClient refuses to write such a file name; a browser or script may, so the multipart body is written by hand.
        var badName = new StringContent(
            "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t" + Nul + ".csv\"\r\nContent-Type: text/csv\r\n\r\n客户编号,日期\r\n--b--\r\n",
            Encoding.UTF8);
        badName.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        await AssertNulProblemAsync(await admin.PostAsync("/api/v1/transactions/imports", badName), "file");
        Assert.Equal(imports, await app.CountAsync<TransactionImport>());
    }

    [Fact]
    public async Task NulInARazorPagesForm_IsAFriendly400Page()
    {
        using var anonymous = app.CreateClient();
        var login = await anonymous.PostAsync("/Account/Login?culture=en&ui-culture=en", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "admin" + Nul, ["Password"] = "x",
        }));
        var page = await login.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.True(login.Content.Headers.ContentType?.MediaType == "text/html", page);
        Assert.Contains("contains a NUL character (U+0000)", page, StringComparison.Ordinal);

        // A signed-in page form (the customer editor) is refused the same way, in Chinese by default.
        using var admin = await app.AdminAsync();
        var edit = await admin.PostAsync("/Customers/Edit", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "王" + Nul }));
        Assert.Equal(HttpStatusCode.BadRequest, edit.StatusCode);
        Assert.Contains("空字符", await edit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await app.WithDbAsync(db => db.Customers.Select(c => c.Name).ToListAsync()), n => n.Contains('\0', StringComparison.Ordinal));
    }

    [Fact]
    public async Task NulInAnImportedCsvRow_IsARowError_AndTheOtherRowsAreImported()
    {
        using var admin = await app.AdminAsync();
        var customer = await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA)), HttpStatusCode.Created);
        var number = customer["number"]!.GetValue<string>();
        var day = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var csv = Encoding.UTF8.GetBytes(string.Join("\n",
            "客户编号,日期,金额,商品,渠道,支付方式,促销,单号",
            $"{number},{day},10.00,沙发{Nul}x1,线下,现金,,NUL-1",
            $"{number},{day},20.00,靠垫,线下,现金{Nul},,NUL-2",
            $"{number},{day},30.00,枕头,线下,现金,,NUL-3") + "\n");
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(csv), "file", "nul.csv" },
            { new StringContent("skip-bad-rows"), "mode" },
        };

        var import = await Api.FinishedImportAsync(admin, await admin.PostAsync("/api/v1/transactions/imports", form));

        Assert.Equal("succeeded", import["state"]!.GetValue<string>());
        Assert.Equal(1, import["writtenRows"]!.GetValue<int>());
        var errors = import["errors"]!.AsArray().Select(e => (Line: e!["line"]!.GetValue<int>(), Code: e["code"]!.GetValue<string>(), Field: e["field"]!.GetValue<string>(), Value: e["value"]!.GetValue<string>())).ToList();
        Assert.Equal([(2, "nul-character", "items", "沙发\u2400x1"), (3, "nul-character", "paymentMethod", "现金\u2400")], errors);
        Assert.Equal([30.00m], await app.WithDbAsync(db => db.Transactions.Where(t => t.Reference!.StartsWith("NUL-")).Select(t => t.Amount).ToListAsync()));
    }

    [Fact]
    public async Task NulInAHolidayFile_IsALineError_AndNothingIsSaved()
    {
        using var admin = await app.AdminAsync();
        var code = "NUL-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/holiday-sets", new { code, nameZh = "导入", nameEn = "Import", entries = Array.Empty<object>() }), HttpStatusCode.Created);

        var csv = "2026-10-01,holiday,国庆节\n2026-10-02,holiday,国庆" + Nul + "节\n";
        var response = await admin.PostAsync($"/api/v1/holiday-sets/{code}/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var problem = await Api.AssertFieldErrorAsync(response, "lines[2]");
        Assert.Contains("NUL", problem["errors"]!["lines[2]"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20261001\r\nSUMMARY:国庆" + Nul + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        await Api.AssertFieldErrorAsync(await admin.PostAsync($"/api/v1/holiday-sets/{code}/import", new StringContent(ics, Encoding.UTF8, "text/calendar")), "lines[6]");
        Assert.Empty((await admin.GetFromJsonAsync<JsonObject>($"/api/v1/holiday-sets/{code}"))!["entries"]!.AsArray());
    }

    [Fact]
    public async Task RefusedMegabyteBulkRow_KeepsOnlyExcerpts_InTheAnswer_TheImportAndItsAudit()
    {
        using var admin = await app.AdminAsync();
        var huge = new string('9', 1024 * 1024);
        var row = new { customerNumber = "C" + huge, date = "2026-" + huge, amount = 1m, items = "x" + huge, channel = "线" + huge, paymentMethod = "现金" };
        var imports = await app.WithDbAsync(db => db.Set<TransactionImport>().Select(i => i.Id).ToListAsync());

        var response = await admin.PostAsJsonAsync("/api/v1/transactions/bulk", new[] { row });

        var answer = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(answer.Length < 8 * 1024, $"The 400 answer is {answer.Length} characters long.");
        var problem = JsonNode.Parse(answer)!["errors"]!.AsObject();
        Assert.Contains("[0].date", problem.Select(p => p.Key));
        Assert.Contains("[0].channel", problem.Select(p => p.Key));

        var refused = await app.WithDbAsync(db => db.Set<TransactionImport>().AsNoTracking().Where(i => !imports.Contains(i.Id)).SingleAsync());
        Assert.Equal(ImportState.Rejected, refused.State);
        Assert.True(refused.Errors!.Length < 8 * 1024, $"The import stored {refused.Errors.Length} characters of errors.");
        var errors = JsonSerializer.Deserialize<List<RowError>>(refused.Errors, JsonSerializerOptions.Web)!;
        Assert.Equal(["channel", "customerNumber", "date", "items"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.True(e.Value is null || e.Value.Length <= Refused.ExcerptLength, $"{e.Field}: {e.Value?.Length} characters kept"));
        Assert.All(errors, e => Assert.True(e.Message.Length <= Refused.ExcerptLength + 100, $"{e.Field}: a message of {e.Message.Length} characters"));

        var key = refused.Id.ToString();
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Entity == nameof(TransactionImport) && a.EntityKey == key).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.True(entry.After!.Length < 12 * 1024, $"The audit entry of the refusal is {entry.After.Length} characters long.");
    }

    [Fact]
    public void Excerpt_CutsAt200_KeepsSurrogatePairs_AndShowsNul()
    {
        Assert.Equal(200, Refused.ExcerptLength);
        var cut = Refused.Excerpt(new string('a', 198) + "😀" + new string('b', 50));
        Assert.Equal(new string('a', 198) + "…", cut);
        Assert.Equal(cut, Refused.Excerpt(cut));
        Assert.Equal("a\u2400b", Refused.Excerpt("a\0b"));
        Assert.Equal(new string('x', 200), Refused.Excerpt(new string('x', 200)));
    }

    [Fact]
    public void StrictModifier_KeepsNullsWhereElementsAreNullable_AndNamesNestedElements()
    {
        var options = JsonInput.StrictOptions(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var ok = JsonSerializer.Deserialize<Outer>("""{"maybe":[null,"a"],"inner":[{"names":["x"]}]}""", options)!;
        Assert.Equal([null, "a"], ok.Maybe!);

        var nested = Assert.Throws<JsonInputException>(() => JsonSerializer.Deserialize<Outer>("""{"inner":[{"names":["x"]},{"names":["y",null]}]}""", options));
        Assert.Equal("inner[1].names[1]", JsonInput.FieldOf(nested));
        var nul = Assert.Throws<JsonInputException>(() => JsonSerializer.Deserialize<Outer>("""{"byKey":{"k":"v\u0000"}}""", options));
        Assert.Equal("byKey.k", JsonInput.FieldOf(nul));
        var array = Assert.Throws<JsonInputException>(() => JsonSerializer.Deserialize<Outer>("""{"items":[null]}""", options));
        Assert.Equal("items[0]", JsonInput.FieldOf(array));
    }

    private static async Task AssertNulProblemAsync(HttpResponseMessage response, string field)
    {
        var problem = await Api.AssertFieldErrorAsync(response, field);
        Assert.Equal("Request.NulCharacter", problem["code"]!.GetValue<string>());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static JsonObject Patch(object body, Action<JsonObject> change)
    {
        var node = JsonSerializer.SerializeToNode(body)!.AsObject();
        change(node);
        return node;
    }

    public sealed record Outer(IReadOnlyList<string?>? Maybe, IReadOnlyList<Inner>? Inner, Dictionary<string, string>? ByKey, string[]? Items);

    public sealed record Inner(List<string> Names);
}

public sealed class InputRulesSqliteTests(SqliteApp app) : InputRulesTests(app), IClassFixture<SqliteApp>;

public sealed class InputRulesPostgresTests(PostgresApp app) : InputRulesTests(app), IClassFixture<PostgresApp>;
