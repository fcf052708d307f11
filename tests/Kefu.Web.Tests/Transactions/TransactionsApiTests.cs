using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Kefu.Core.Audit;
using Kefu.Core.Transactions;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Kefu.Web.Tests.Transactions;

public abstract class TransactionsApiTests(KefuApp app)
{
    private string Day(int daysAgo) =>
        DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(-daysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<(Guid Id, string Number)> CustomerAsync(string user = TestOrg.AssistantA, Guid? unit = null)
    {
        using var client = await app.ClientForAsync(user);
        var c = await Api.JsonAsync(await client.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(unit ?? app.Org.RcA)), HttpStatusCode.Created);
        return (Guid.Parse(c["id"]!.GetValue<string>()), c["number"]!.GetValue<string>());
    }

    private Task<int> CountForAsync(Guid customer) => app.WithDbAsync(db => db.Transactions.CountAsync(t => t.CustomerId == customer));

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string name, bool dryRun, string mode = "all-or-nothing")
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(file), "file", name },
            { new StringContent(dryRun ? "true" : "false"), "dryRun" },
            { new StringContent(mode), "mode" },
        };
        return client.PostAsync("/api/v1/transactions/imports", form);
    }

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    private static List<(int Line, string Code)> ErrorsOf(JsonObject import) =>
        import["errors"]!.AsArray().Select(e => (e!["line"]!.GetValue<int>(), e["code"]!.GetValue<string>())).ToList();

    private string[] BadFile(string number, string other) =>
    [
        "客户编号,日期,金额,商品,渠道,支付方式,促销,单号",
        $"{number},{Day(10)},1280.00,沙发 x1,线下,微信支付,春节促销,SO-1",
        $"{other},{Day(9)},99.00,靠垫 x2,线上,支付宝,,SO-2",
        $"{number},2025-13-40,99.00,靠垫 x2,线上,支付宝,,SO-3",
        $"{number},{Day(8)},九十九,靠垫 x2,线上,支付宝,,SO-4",
        $"{number},{Day(8)},99.00,靠垫 x2,电话,支付宝,,SO-5",
        $"{number},{Day(8)},99.00,,线上,支付宝,,SO-6",
        $"{number},{Day(7)},\"1,099.50\",\"床垫, 双人\",online,现金,,SO-1",
        $"{number},{Day(6)},88.00,枕头,offline,现金,,SO-8",
    ];

    [Fact]
    public async Task DryRun_ReportsEveryBadRowWithLineAndReason_AndWritesNothing()
    {
        var (id, number) = await CustomerAsync();
        var (_, other) = await CustomerAsync(TestOrg.AssistantB, app.Org.RcB);
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);

        var import = await Api.FinishedImportAsync(assistant, await UploadAsync(assistant, Csv(BadFile(number, other)), "history.csv", dryRun: true));

        Assert.Equal("succeeded", import["state"]!.GetValue<string>());
        Assert.True(import["dryRun"]!.GetValue<bool>());
        Assert.Equal(8, import["totalRows"]!.GetValue<int>());
        Assert.Equal(100, import["percent"]!.GetValue<int>());
        Assert.Equal(6, import["badRows"]!.GetValue<int>());
        Assert.Equal(0, import["writtenRows"]!.GetValue<int>());
        Assert.Equal(
            [(3, "unknown-customer"), (4, "bad-date"), (5, "bad-amount"), (6, "bad-channel"), (7, "missing-field"), (8, "duplicate-reference")],
            ErrorsOf(import).OrderBy(e => e.Line));
        Assert.True(import["canImport"]!.GetValue<bool>());
        Assert.Equal(0, await CountForAsync(id));
    }

    [Fact]
    public async Task Import_AuditsEachWrittenRowOnceAsTheUploader_InTheCustomersHistory()
    {
        var (a, numberA) = await CustomerAsync();
        var (b, numberB) = await CustomerAsync();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var file = Csv(
            "客户编号,日期,金额,商品,渠道,支付方式,促销,单号",
            $"{numberA},{Day(10)},1280.50,\"沙发 x1, \"\"真皮\"\"\",线下,微信支付,春节促销,AUD-1",
            $"{numberA},{Day(9)},99.00,靠垫 x2,线上,支付宝,,AUD-2",
            $"{numberB},{Day(8)},-20.00,退货,online,现金,,");

        var import = await Api.FinishedImportAsync(assistant, await UploadAsync(assistant, file, "audit.csv", dryRun: false));
        Assert.Equal("succeeded", import["state"]!.GetValue<string>());
        Assert.Equal(3, import["writtenRows"]!.GetValue<int>());

        var importId = Guid.Parse(import["id"]!.GetValue<string>());
        var (rows, audits) = await app.WithDbAsync(async db =>
        {
            var written = await db.Transactions.AsNoTracking().Where(t => t.ImportId == importId).ToListAsync();
            var keys = written.Select(t => t.Id.ToString()).ToList();
            var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Entity == nameof(CustomerTransaction) && keys.Contains(e.EntityKey)).ToListAsync();
            return (written, entries);
        });
        Assert.Equal(3, rows.Count);
        Assert.Equal(rows.Select(r => r.Id.ToString()).Order(StringComparer.Ordinal), audits.Select(e => e.EntityKey).Order(StringComparer.Ordinal));
        foreach (var entry in audits)
        {
            var row = rows.Single(r => r.Id.ToString() == entry.EntityKey);
            Assert.Equal(AuditAction.Insert, entry.Action);
            Assert.Equal(TestOrg.AssistantA, entry.UserName);
            Assert.NotNull(entry.UserId);
            Assert.Equal(row.CustomerId, entry.CustomerId);
            Assert.Null(entry.Before);
            var after = JsonNode.Parse(entry.After!)!.AsObject();
            Assert.Equal(
                ["Id", "Amount", "Channel", "CreatedAt", "CustomerId", "Date", "ImportId", "Items", "PaymentMethod", "Promotion", "Reference"],
                after.Select(p => p.Key));
            Assert.Equal(row.Amount, after["Amount"]!.GetValue<decimal>());
            Assert.Equal((int)row.Channel, after["Channel"]!.GetValue<int>());
            Assert.Equal(row.CreatedAt, after["CreatedAt"]!.GetValue<DateTime>().ToUniversalTime());
            Assert.Equal(row.CustomerId, after["CustomerId"]!.GetValue<Guid>());
            Assert.Equal(row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), after["Date"]!.GetValue<string>());
            Assert.Equal(importId, after["ImportId"]!.GetValue<Guid>());
            Assert.Equal(row.Items, after["Items"]!.GetValue<string>());
            Assert.Equal(row.PaymentMethod, after["PaymentMethod"]!.GetValue<string>());
            Assert.Equal(row.Promotion, after["Promotion"]?.GetValue<string>());
            Assert.Equal(row.Reference, after["Reference"]?.GetValue<string>());
        }

        Assert.Contains(rows, r => r.Items == "沙发 x1, \"真皮\"");
        using var admin = await app.AdminAsync();
        var history = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{a}/history?limit=200"))!["items"]!.AsArray();
        Assert.Equal(2, history.Count(h => h!["entity"]!.GetValue<string>() == nameof(CustomerTransaction) && h["action"]!.GetValue<string>() == "insert"));
        Assert.Single((await admin.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{b}/history?limit=200"))!["items"]!.AsArray(),
            h => h!["entity"]!.GetValue<string>() == nameof(CustomerTransaction));
    }

    [Fact]
    public async Task AllOrNothing_WithABadRow_WritesNothing()
    {
        var (id, number) = await CustomerAsync();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);

        var import = await Api.FinishedImportAsync(assistant, await UploadAsync(assistant, Csv(BadFile(number, "C99999999")), "history.csv", dryRun: false));

        Assert.Equal("rejected", import["state"]!.GetValue<string>());
        Assert.Equal(0, import["writtenRows"]!.GetValue<int>());
        Assert.Equal(6, import["badRows"]!.GetValue<int>());
        Assert.Equal(0, await CountForAsync(id));
    }

    [Fact]
    public async Task SkipBadRows_WritesOnlyTheGoodRows_AuditsEachOfThemAndTheImportOnce()
    {
        var (id, number) = await CustomerAsync();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);

        var import = await Api.FinishedImportAsync(assistant, await UploadAsync(assistant, Csv(BadFile(number, "C99999999")), "history.csv", false, "skip-bad-rows"));

        Assert.Equal("succeeded", import["state"]!.GetValue<string>());
        Assert.Equal(2, import["writtenRows"]!.GetValue<int>());
        Assert.Equal(6, import["badRows"]!.GetValue<int>());
        var page = await Api.JsonAsync(await assistant.GetAsync($"/api/v1/customers/{id}/transactions"), HttpStatusCode.OK);
        var items = page["items"]!.AsArray();
        Assert.Equal(["枕头", "沙发 x1"], items.Select(i => i!["items"]!.GetValue<string>()));
        Assert.Equal("offline", items[0]!["channel"]!.GetValue<string>());
        Assert.Equal(88.00m, items[0]!["amount"]!.GetValue<decimal>());
        var importId = Guid.Parse(import["id"]!.GetValue<string>());
        var keys = await app.WithDbAsync(db => db.Transactions.Where(t => t.CustomerId == id).Select(t => t.Id).ToListAsync());
        var rowKeys = keys.Select(k => k.ToString()).ToList();
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => rowKeys.Contains(a.EntityKey) && a.Action == AuditAction.Insert)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityKey == importId.ToString())));
    }

    [Fact]
    public async Task DryRunThenImport_UsesTheCheckedFile()
    {
        var (id, number) = await CustomerAsync();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var check = await Api.FinishedImportAsync(assistant, await UploadAsync(assistant, Csv(BadFile(number, "C99999999")), "history.csv", dryRun: true));

        var import = await Api.FinishedImportAsync(assistant, await assistant.PostAsync($"/api/v1/transactions/imports/{check["id"]}/import?mode=skip-bad-rows", null));

        Assert.Equal(2, import["writtenRows"]!.GetValue<int>());
        Assert.Equal(2, await CountForAsync(id));
        var again = await assistant.PostAsync($"/api/v1/transactions/imports/{check["id"]}/import?mode=skip-bad-rows", null);
        await Api.AssertProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Xlsx_WithEnglishHeaders_IsImported()
    {
        var (id, number) = await CustomerAsync();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var rows = new[]
        {
            new Dictionary<string, object> { ["customer_number"] = number, ["date"] = DateTime.Parse(Day(30), CultureInfo.InvariantCulture), ["amount"] = 1999.9, ["items"] = "desk", ["channel"] = "online", ["payment_method"] = "card", ["promotion"] = "", ["reference"] = "X-1" },
            new Dictionary<string, object> { ["customer_number"] = number, ["date"] = Day(20), ["amount"] = "25.5", ["items"] = "lamp", ["channel"] = "线下", ["payment_method"] = "cash", ["promotion"] = "618", ["reference"] = "X-2" },
        };
        using var ms = new MemoryStream();
        ms.SaveAs(rows, excelType: ExcelType.XLSX);

        var import = await Api.FinishedImportAsync(assistant, await UploadAsync(assistant, ms.ToArray(), "history.xlsx", dryRun: false));

        Assert.Equal("succeeded", import["state"]!.GetValue<string>());
        Assert.Equal(2, import["writtenRows"]!.GetValue<int>());
        var totals = await Api.JsonAsync(await assistant.GetAsync($"/api/v1/customers/{id}/transactions/totals"), HttpStatusCode.OK);
        Assert.Equal(2, totals["count"]!.GetValue<int>());
        Assert.Equal(2025.4m, totals["sum"]!.GetValue<decimal>());
        Assert.Equal(Day(20), totals["lastPurchase"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("csv", "zh", "客户编号")]
    [InlineData("csv", "en", "customer_number")]
    [InlineData("xlsx", "zh", "客户编号")]
    public async Task Template_HasTheHeadersAndReimportsAsADryRun(string format, string lang, string firstHeader)
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var response = await assistant.GetAsync($"/api/v1/transactions/template?format={format}&lang={lang}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var stream = new MemoryStream(bytes);
        var first = TransactionFile.Read(stream, format == "csv" ? TransactionFileFormat.Csv : TransactionFileFormat.Xlsx).First();
        Assert.Equal("C00000001", first[TransactionField.CustomerNumber]);
        if (format == "csv")
        {
            Assert.StartsWith(firstHeader, Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'), StringComparison.Ordinal);
        }

        await Api.AssertFieldErrorAsync(await assistant.GetAsync("/api/v1/transactions/template?format=pdf"), "format");
    }

    [Fact]
    public async Task Bulk_WithBadRows_Answers400ByIndex_AndWritesNothing()
    {
        var (id, number) = await CustomerAsync();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var body = new object[]
        {
            new { customerId = id, date = Day(5), amount = 100.5m, items = "茶几", channel = "offline", paymentMethod = "cash" },
            new { customerNumber = number, date = "yesterday", amount = 100m, items = "茶几", channel = "offline", paymentMethod = "cash" },
            new { customerNumber = "C99999998", date = Day(5), amount = 100m, items = "茶几", channel = "offline", paymentMethod = "cash" },
            new { customerId = id, date = Day(5), amount = 100.555m, items = "茶几", channel = "offline", paymentMethod = "cash" },
        };

        var problem = await Api.AssertFieldErrorAsync(await assistant.PostAsJsonAsync("/api/v1/transactions/bulk", body), "[1].date");

        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("[2].customerNumber"));
        Assert.True(errors.ContainsKey("[3].amount"));
        Assert.False(errors.ContainsKey("[0].date"));
        Assert.Equal(0, await CountForAsync(id));
    }

    [Fact]
    public async Task Bulk_AllGood_Answers201_AndIsIdempotent()
    {
        var (id, number) = await CustomerAsync();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var body = new object[]
        {
            new { customerId = id, date = Day(5), amount = 100.5m, items = "茶几", channel = "offline", paymentMethod = "cash", reference = "B-1" },
            new { customerNumber = number, date = Day(4), amount = -20m, items = "退货", channel = "online", paymentMethod = "alipay", promotion = "双11" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/transactions/bulk") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var retry = new HttpRequestMessage(HttpMethod.Post, "/api/v1/transactions/bulk") { Content = JsonContent.Create(body) };
        retry.Headers.Add("Idempotency-Key", request.Headers.GetValues("Idempotency-Key").First());

        var first = await Api.JsonAsync(await assistant.SendAsync(request), HttpStatusCode.Created);
        var second = await Api.JsonAsync(await assistant.SendAsync(retry), HttpStatusCode.Created);

        Assert.Equal(2, first["count"]!.GetValue<int>());
        Assert.Equal(first["importId"]!.ToString(), second["importId"]!.ToString());
        Assert.Equal(2, await CountForAsync(id));

        // The same reference again is refused as already imported.
        var dup = await Api.AssertFieldErrorAsync(await assistant.PostAsJsonAsync("/api/v1/transactions/bulk", new[] { body[0] }), "[0].reference");
        Assert.Contains("already-imported", dup.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_TooManyRows_Answers413_AndATechnicianMayNotImport()
    {
        var (id, _) = await CustomerAsync();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var row = new { customerId = id, date = Day(5), amount = 1m, items = "x", channel = "offline", paymentMethod = "cash" };
        await Api.AssertProblemAsync(
            await assistant.PostAsJsonAsync("/api/v1/transactions/bulk", Enumerable.Repeat(row, TransactionService.MaxBulkRows + 1)),
            HttpStatusCode.RequestEntityTooLarge);

        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
        await Api.AssertProblemAsync(await technician.PostAsJsonAsync("/api/v1/transactions/bulk", new[] { row }), HttpStatusCode.Forbidden);
        await Api.AssertProblemAsync(await UploadAsync(technician, Csv("customer_number,date,amount,items,channel,payment_method"), "a.csv", true), HttpStatusCode.Forbidden);
        Assert.Equal(0, await CountForAsync(id));
    }

    [Fact]
    public async Task CustomerOutsideTheCallersUnits_IsAnUnknownCustomer()
    {
        var (otherId, other) = await CustomerAsync(TestOrg.AssistantB, app.Org.RcB);
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);

        var byNumber = await Api.AssertFieldErrorAsync(await assistant.PostAsJsonAsync("/api/v1/transactions/bulk", new[]
        {
            new { customerNumber = other, date = Day(5), amount = 1m, items = "x", channel = "offline", paymentMethod = "cash" },
        }), "[0].customerNumber");
        Assert.Contains("unknown-customer", byNumber.ToJsonString(), StringComparison.Ordinal);
        await Api.AssertFieldErrorAsync(await assistant.PostAsJsonAsync("/api/v1/transactions/bulk", new[]
        {
            new { customerId = otherId, date = Day(5), amount = 1m, items = "x", channel = "offline", paymentMethod = "cash" },
        }), "[0].customerId");
        await Api.AssertProblemAsync(await assistant.GetAsync($"/api/v1/customers/{otherId}/transactions"), HttpStatusCode.NotFound);
        Assert.Equal(0, await CountForAsync(otherId));
    }

    [Fact]
    public async Task CustomerTransactions_PageByKeyset_NewestFirst()
    {
        var (id, _) = await CustomerAsync();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var body = Enumerable.Range(1, 5).Select(i => new
        {
            customerId = id, date = Day(i % 3), amount = i * 10m, items = "item " + i, channel = "online", paymentMethod = "card",
        }).ToArray();
        await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/transactions/bulk", body), HttpStatusCode.Created);

        var seen = new List<(string Date, string Id)>();
        string? after = null;
        do
        {
            var page = await Api.JsonAsync(
                await assistant.GetAsync($"/api/v1/customers/{id}/transactions?limit=2" + (after is null ? "" : "&after=" + after)), HttpStatusCode.OK);
            seen.AddRange(page["items"]!.AsArray().Select(i => (i!["date"]!.GetValue<string>(), i["id"]!.GetValue<string>())));
            after = page["next"]?.GetValue<string>();
        }
        while (after is not null);

        Assert.Equal(5, seen.Count);
        Assert.Equal(5, seen.Select(s => s.Id).Distinct().Count());
        Assert.Equal(seen.Select(s => s.Date).OrderDescending(), seen.Select(s => s.Date));
        Assert.Equal(Day(0), seen[0].Date);
        await Api.AssertFieldErrorAsync(await assistant.GetAsync($"/api/v1/customers/{id}/transactions?after=garbage"), "after");
    }

    [Fact]
    public async Task DeletingACustomerWithPurchases_Answers409()
    {
        var (id, _) = await CustomerAsync();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/transactions/bulk", new[]
        {
            new { customerId = id, date = Day(5), amount = 1m, items = "x", channel = "offline", paymentMethod = "cash" },
        }), HttpStatusCode.Created);
        using var admin = await app.AdminAsync();

        var response = await admin.DeleteAsync($"/api/v1/customers/{id}");

        await Api.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("Customer.HasTransactions", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_MovesThePurchases_WithOneAuditRowEach()
    {
        var (survivor, _) = await CustomerAsync();
        var (duplicate, _) = await CustomerAsync();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/transactions/bulk", Enumerable.Range(1, 3).Select(i => new
        {
            customerId = duplicate, date = Day(i), amount = 1m * i, items = "x", channel = "offline", paymentMethod = "cash",
        })), HttpStatusCode.Created);

        await Api.JsonAsync(await assistant.PostAsJsonAsync($"/api/v1/customers/{survivor}/merge", new { duplicateId = duplicate }), HttpStatusCode.OK);

        Assert.Equal(3, await CountForAsync(survivor));
        Assert.Equal(0, await CountForAsync(duplicate));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == nameof(CustomerTransaction) && a.CustomerId == duplicate).ToListAsync());
        Assert.Equal(3, audit.Count(a => a.Action == AuditAction.Insert));
        audit = audit.Where(a => a.Action == AuditAction.Update).ToList();
        Assert.Equal(3, audit.Count);
        Assert.All(audit, entry =>
        {
            Assert.Equal($"{{\"CustomerId\":\"{survivor}\"}}", entry.After);
            Assert.Equal(TestOrg.AssistantA, entry.UserName);
        });
    }
}

public sealed class TransactionsApiSqliteTests(SqliteApp app) : TransactionsApiTests(app), IClassFixture<SqliteApp>;

public sealed class TransactionsApiPostgresTests(PostgresApp app) : TransactionsApiTests(app), IClassFixture<PostgresApp>;
