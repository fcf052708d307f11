using System.Globalization;
using System.Text;
using Kefu.Core.Transactions;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Cli.Tests;

public sealed class SqliteImportCliTests() : ImportCliTests(new SqliteTestDatabase());

public sealed class PostgreSqlImportCliTests() : ImportCliTests(new PostgreSqlTestDatabase());

/// <summary><c>kefu import transactions</c> against a fresh database of each provider.</summary>
public abstract class ImportCliTests(TestDatabase database) : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("kefu-import-").FullName;
    private List<string> numbers = [];

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await Kefu("migrate")).Code);
        Assert.Equal(0, (await Kefu("seed", "demo", "--customers", "3", "--password", "Demo-Passw0rd!")).Code);
        await using var db = database.Open();
        numbers = await db.Customers.OrderBy(c => c.Number).Select(c => c.Number).ToListAsync();
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        await database.DisposeAsync();
    }

    private static string Day(int daysAgo) => DateOnly.FromDateTime(DateTime.UnixEpoch.AddDays(20000 - daysAgo)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string File(params string[] rows)
    {
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".csv");
        System.IO.File.WriteAllText(path, "客户编号,日期,金额,商品,渠道,支付方式,促销,单号\n" + string.Join("\n", rows) + "\n", Encoding.UTF8);
        return path;
    }

    private async Task<int> ImportedAsync()
    {
        await using var db = database.Open();
        return await db.Transactions.CountAsync(t => t.ImportId != null);
    }

    [Fact]
    public async Task GoodFile_IsImportedWithASummary_AndRecorded()
    {
        var path = File($"{numbers[0]},{Day(3)},120.50,沙发,线下,现金,,A-1", $"{numbers[1]},{Day(2)},88,台灯,线上,支付宝,双11,A-2");

        var run = await Kefu("import", "transactions", path);

        Assert.Equal(0, run.Code);
        Assert.Contains("Imported: 2 transaction(s) written, 0 bad row(s) skipped", run.Out, StringComparison.Ordinal);
        Assert.Equal(2, await ImportedAsync());
        await using var db = database.Open();
        var import = await db.Set<TransactionImport>().SingleAsync();
        Assert.Equal((ImportSource.Cli, ImportState.Succeeded, 2, "cli"), (import.Source, import.State, import.WrittenRows, import.UserName));
    }

    [Fact]
    public async Task BadRow_AllOrNothing_ExitsOne_NamesTheLine_AndWritesNothing()
    {
        var path = File($"{numbers[0]},{Day(3)},120.50,沙发,线下,现金,,A-1", $"C99999999,{Day(2)},88,台灯,线上,支付宝,,A-2");

        var run = await Kefu("import", "transactions", path);

        Assert.Equal(1, run.Code);
        Assert.Contains("line 3: unknown-customer", run.Out, StringComparison.Ordinal);
        Assert.Contains("nothing was written", run.Out, StringComparison.Ordinal);
        Assert.Equal(0, await ImportedAsync());
    }

    [Fact]
    public async Task SkipBadRows_WritesTheGoodRows()
    {
        var path = File($"{numbers[0]},{Day(3)},120.50,沙发,线下,现金,,A-1", $"{numbers[0]},not-a-date,88,台灯,线上,支付宝,,A-2");

        var run = await Kefu("import", "transactions", path, "--skip-bad-rows");

        Assert.Equal(0, run.Code);
        Assert.Contains("line 3: bad-date", run.Out, StringComparison.Ordinal);
        Assert.Contains("1 transaction(s) written, 1 bad row(s) skipped", run.Out, StringComparison.Ordinal);
        Assert.Equal(1, await ImportedAsync());
    }

    [Fact]
    public async Task DryRun_ReportsAndWritesNothing()
    {
        var path = File($"{numbers[0]},{Day(3)},120.50,沙发,线下,现金,,A-1", $"{numbers[0]},{Day(3)},-1.234,台灯,线上,支付宝,,A-2");

        var run = await Kefu("import", "transactions", path, "--dry-run");

        Assert.Equal(1, run.Code);
        Assert.Contains("line 3: bad-amount", run.Out, StringComparison.Ordinal);
        Assert.Contains("Dry run: 2 row(s) checked, 1 good, 1 bad; nothing written.", run.Out, StringComparison.Ordinal);
        Assert.Equal(0, await ImportedAsync());
    }

    [Fact]
    public async Task MissingFileOrBadHeader_ExitsOne()
    {
        Assert.Equal(1, (await Kefu("import", "transactions", Path.Combine(folder, "none.csv"))).Code);
        var bad = Path.Combine(folder, "bad.csv");
        await System.IO.File.WriteAllTextAsync(bad, "name,date\nx,2026-01-01\n");
        var run = await Kefu("import", "transactions", bad);
        Assert.Equal(1, run.Code);
        Assert.Contains("Unknown column", run.Err, StringComparison.Ordinal);
    }

    private async Task<CliRun> Kefu(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await KefuCli.RunAsync(["--provider", database.Provider, "--connection", database.ConnectionString, .. args], output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private sealed record CliRun(int Code, string Out, string Err);
}
