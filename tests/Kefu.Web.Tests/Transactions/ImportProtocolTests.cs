using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Kefu.Core.Transactions;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Tests.Transactions;

/// <summary>
/// The import protocol end to end through the upload API: references already written by an earlier import are found once, at the
/// end, with one set-based query; skipped rows are removed again; errors come back sorted by line; a file larger than one batch
/// streams its rows (on PostgreSQL one COPY kept open across batches) and still finds references in any batch.
/// </summary>
public abstract class ImportProtocolTests(KefuApp app)
{
    private const string Header = "客户编号,日期,金额,商品,渠道,支付方式,促销,单号";

    private string Day(int daysAgo) =>
        DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(-daysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string Line(string number, string? reference, decimal amount = 10m, string? date = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{number},{date ?? Day(5)},{amount:0.00},商品,线下,现金,,{reference}");

    private async Task<(Guid Id, string Number)> CustomerAsync()
    {
        using var client = await app.ClientForAsync(TestOrg.AssistantA);
        var c = await Api.JsonAsync(await client.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA)), HttpStatusCode.Created);
        return (Guid.Parse(c["id"]!.GetValue<string>()), c["number"]!.GetValue<string>());
    }

    private static byte[] Csv(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(Header + "\n" + string.Join("\n", lines) + "\n");

    /// <summary>Uploads a file, waits for the background worker to finish it and returns the import as the API shows it.</summary>
    private async Task<JsonObject> ImportAsync(IEnumerable<string> lines, string mode, bool dryRun = false)
    {
        using var client = await app.ClientForAsync(TestOrg.AssistantA);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Csv(lines)), "file", "history.csv" },
            { new StringContent(dryRun ? "true" : "false"), "dryRun" },
            { new StringContent(mode), "mode" },
        };
        var created = await Api.JsonAsync(await client.PostAsync("/api/v1/transactions/imports", form), HttpStatusCode.Accepted);
        var id = created["id"]!.GetValue<string>();
        for (var i = 0; i < 900; i++)
        {
            var import = await Api.JsonAsync(await client.GetAsync($"/api/v1/transactions/imports/{id}"), HttpStatusCode.OK);
            if (import["finished"]!.GetValue<bool>())
            {
                return import;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The import did not finish.");
    }

    private static Guid IdOf(JsonObject import) => Guid.Parse(import["id"]!.GetValue<string>());

    /// <summary>The errors in the order the API returns them (no sorting here: the importer must sort them).</summary>
    private static List<(int Line, string Code)> ErrorsOf(JsonObject import) =>
        import["errors"]!.AsArray().Select(e => (e!["line"]!.GetValue<int>(), e["code"]!.GetValue<string>())).ToList();

    /// <summary>The rows an import wrote, as stored (ordered by customer and reference so two snapshots compare).</summary>
    private Task<List<(Guid Id, Guid Customer, string? Reference, decimal Amount)>> RowsOfAsync(Guid importId) =>
        app.WithDbAsync(async db => (await db.Transactions.AsNoTracking().Where(t => t.ImportId == importId)
                .Select(t => new { t.Id, t.CustomerId, t.Reference, t.Amount }).ToListAsync())
            .Select(t => (t.Id, t.CustomerId, t.Reference, t.Amount)).OrderBy(t => t.CustomerId).ThenBy(t => t.Reference, StringComparer.Ordinal).ToList());

    private Task<int> CountOfImportAsync(Guid importId) => app.WithDbAsync(db => db.Transactions.CountAsync(t => t.ImportId == importId));

    private Task<int> CountForAsync(Guid customer) => app.WithDbAsync(db => db.Transactions.CountAsync(t => t.CustomerId == customer));

    private static void AssertSucceeded(JsonObject import, int written, int bad)
    {
        Assert.True(import["state"]!.GetValue<string>() == "succeeded", import.ToJsonString());
        Assert.Equal(written, import["writtenRows"]!.GetValue<int>());
        Assert.Equal(bad, import["badRows"]!.GetValue<int>());
    }

    [Fact]
    public async Task SkipBadRows_AlreadyImportedReferences_AreReportedByLineAmongOtherBadRows_AndOnlyTheOthersAreWritten()
    {
        var (a, numberA) = await CustomerAsync();
        var (b, numberB) = await CustomerAsync();
        var earlier = await ImportAsync([Line(numberA, "R-1", 1m), Line(numberA, "R-3", 3m), Line(numberB, "R-9", 9m)], "all-or-nothing");
        AssertSucceeded(earlier, written: 3, bad: 0);
        var earlierRows = await RowsOfAsync(IdOf(earlier));
        Assert.Equal(3, earlierRows.Count);

        var import = await ImportAsync(
        [
            Line(numberA, "R-1", 100m),                      // line 2: already imported (for A)
            Line("C99999999", "R-2", 100m),                  // line 3: unknown customer
            Line(numberA, "R-2", 200m),                      // line 4: written
            Line(numberA, "R-5", 100m, date: "2025-13-40"),  // line 5: bad date
            Line(numberB, "R-9", 100m),                      // line 6: already imported (for B)
            Line(numberB, "R-1", 300m),                      // line 7: written (R-1 was imported for A, not for B)
            Line(numberA, "R-3", 100m),                      // line 8: already imported (for A)
            Line(numberA, null, 400m),                       // line 9: written (no reference)
        ], "skip-bad-rows");

        AssertSucceeded(import, written: 3, bad: 5);
        // Sorted by line although they were found in three different passes (field rules, customers, references at the end).
        Assert.Equal(
            [(2, "already-imported"), (3, "unknown-customer"), (5, "bad-date"), (6, "already-imported"), (8, "already-imported")],
            ErrorsOf(import));
        var written = await RowsOfAsync(IdOf(import));
        Assert.Equal(import["writtenRows"]!.GetValue<int>(), written.Count);
        Assert.Equal(
            new[] { (a, (string?)null, 400m), (a, "R-2", 200m), (b, "R-1", 300m) }.OrderBy(r => r.Item1).ThenBy(r => r.Item2, StringComparer.Ordinal),
            written.Select(r => (r.Customer, r.Reference, r.Amount)));
        Assert.Equal(earlierRows, await RowsOfAsync(IdOf(earlier)));
        Assert.Equal(4, await CountForAsync(a));
        Assert.Equal(2, await CountForAsync(b));
    }

    [Fact]
    public async Task AllOrNothing_WithOneAlreadyImportedReference_WritesNothing()
    {
        var (a, numberA) = await CustomerAsync();
        var earlier = await ImportAsync([Line(numberA, "AON-1")], "all-or-nothing");
        AssertSucceeded(earlier, written: 1, bad: 0);

        var import = await ImportAsync([Line(numberA, "AON-2"), Line(numberA, "AON-3"), Line(numberA, "AON-1"), Line(numberA, "AON-4")], "all-or-nothing");

        Assert.Equal("rejected", import["state"]!.GetValue<string>());
        Assert.Equal(0, import["writtenRows"]!.GetValue<int>());
        Assert.Equal(1, import["badRows"]!.GetValue<int>());
        Assert.Equal([(4, "already-imported")], ErrorsOf(import));
        Assert.Equal(0, await CountOfImportAsync(IdOf(import)));
        Assert.Equal(1, await CountForAsync(a));
    }

    [Fact]
    public async Task DryRun_ReportsAlreadyImported_WithoutWriting()
    {
        var (a, numberA) = await CustomerAsync();
        var earlier = await ImportAsync([Line(numberA, "DRY-1")], "all-or-nothing");
        AssertSucceeded(earlier, written: 1, bad: 0);

        var check = await ImportAsync([Line(numberA, "DRY-2"), Line(numberA, "DRY-1"), Line("C99999999", "DRY-3")], "skip-bad-rows", dryRun: true);

        AssertSucceeded(check, written: 0, bad: 2);
        Assert.True(check["dryRun"]!.GetValue<bool>());
        Assert.Equal([(3, "already-imported"), (4, "unknown-customer")], ErrorsOf(check));
        Assert.Equal(0, await CountOfImportAsync(IdOf(check)));
        Assert.Equal(1, await CountForAsync(a));
        Assert.Equal(1, await CountOfImportAsync(IdOf(earlier)));
    }

    [Fact]
    public async Task SameReference_ForAnotherCustomer_IsNotAlreadyImported()
    {
        var (a, numberA) = await CustomerAsync();
        var (b, numberB) = await CustomerAsync();
        AssertSucceeded(await ImportAsync([Line(numberA, "SAME-1")], "all-or-nothing"), written: 1, bad: 0);

        var import = await ImportAsync([Line(numberB, "SAME-1")], "all-or-nothing");

        AssertSucceeded(import, written: 1, bad: 0);
        Assert.Empty(ErrorsOf(import));
        Assert.Equal(1, await CountForAsync(a));
        Assert.Equal(1, await CountForAsync(b));
    }

    [Fact]
    public async Task FileLargerThanOneBatch_FindsAlreadyImportedReferencesInEveryBatch_AndWritesTheRest()
    {
        const int rows = 12_000;
        Assert.True(rows > 2 * TransactionImporter.BatchSize, "the file must span three batches");
        var (a, numberA) = await CustomerAsync();
        var (b, numberB) = await CustomerAsync();
        string NumberOf(int i) => i % 2 == 0 ? numberA : numberB;
        static string Ref(int i) => "BIG-" + i.ToString("D5", CultureInfo.InvariantCulture);
        // Row i is on line i + 2. Already imported: one reference in the first batch, one in the second, one in the last.
        int[] imported = [100, 5001, 11_990];
        const int unknownAt = 7000;
        var earlier = await ImportAsync(imported.Select(i => Line(NumberOf(i), Ref(i), 1m)), "all-or-nothing");
        AssertSucceeded(earlier, written: 3, bad: 0);
        var earlierRows = await RowsOfAsync(IdOf(earlier));
        string RowLine(int i, bool withUnknown) => Line(withUnknown && i == unknownAt ? "C99999999" : NumberOf(i), Ref(i), 5m + (i % 100));

        // All or nothing, no bad row until the references are checked at the end: every batch is streamed, then rolled back.
        var rejected = await ImportAsync(Enumerable.Range(0, rows).Select(i => RowLine(i, withUnknown: false)), "all-or-nothing");
        Assert.Equal("rejected", rejected["state"]!.GetValue<string>());
        Assert.Equal(rows, rejected["processedRows"]!.GetValue<int>());
        Assert.Equal(0, rejected["writtenRows"]!.GetValue<int>());
        Assert.Equal([(102, "already-imported"), (5003, "already-imported"), (11_992, "already-imported")], ErrorsOf(rejected));
        Assert.Equal(0, await CountOfImportAsync(IdOf(rejected)));

        var import = await ImportAsync(Enumerable.Range(0, rows).Select(i => RowLine(i, withUnknown: true)), "skip-bad-rows");

        AssertSucceeded(import, written: rows - 4, bad: 4);
        Assert.Equal(
            [(102, "already-imported"), (5003, "already-imported"), (7002, "unknown-customer"), (11_992, "already-imported")],
            ErrorsOf(import));
        var written = await RowsOfAsync(IdOf(import));
        Assert.Equal(rows - 4, written.Count);
        var writtenRefs = written.Select(r => r.Reference).ToHashSet(StringComparer.Ordinal);
        Assert.All(imported.Append(unknownAt), i => Assert.DoesNotContain(Ref(i), writtenRefs));
        Assert.Equal(rows - 4, writtenRefs.Count);
        Assert.Equal(earlierRows, await RowsOfAsync(IdOf(earlier)));
        Assert.Equal(rows - 1, await CountForAsync(a) + await CountForAsync(b));
    }
}

public sealed class ImportProtocolSqliteTests(SqliteApp app) : ImportProtocolTests(app), IClassFixture<SqliteApp>;

public sealed class ImportProtocolPostgresTests(PostgresApp app) : ImportProtocolTests(app), IClassFixture<PostgresApp>;
