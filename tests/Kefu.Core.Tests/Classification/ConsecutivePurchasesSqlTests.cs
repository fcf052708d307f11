using Kefu.Core.Classification;
using Kefu.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Tests.Classification;

/// <summary><c>consecutive_purchases</c>: the longest run of consecutive calendar months with a purchase (gaps and islands), on SQLite.</summary>
public sealed class ConsecutivePurchasesSqlTests : IDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private readonly KefuDb db;

    public ConsecutivePurchasesSqlTests()
    {
        connection.Open();
        db = new KefuDb(new DbContextOptionsBuilder<KefuDb>().UseSqlite(connection).Options);
    }

    public void Dispose()
    {
        db.Dispose();
        connection.Dispose();
    }

    private sealed record Row(string Cid, int Months);

    private Dictionary<string, int> Run(DateOnly from, params (string Customer, string Date)[] purchases)
    {
        var values = string.Join(" UNION ALL ", purchases.Select(p => $"SELECT '{p.Customer}' AS \"CustomerId\", '{p.Date}' AS \"Date\""));
        var sql = $"SELECT cid AS \"Cid\", CAST(months AS INTEGER) AS \"Months\" FROM ({new ClassificationSql(false).ConsecutiveMonths("(" + values + ")", from)}) r";
        return db.Database.SqlQueryRaw<Row>(sql).ToList().ToDictionary(r => r.Cid, r => r.Months);
    }

    [Fact]
    public void LongestRun_CountsDistinctConsecutiveMonths()
    {
        var runs = Run(new DateOnly(2025, 1, 1),
            ("a", "2025-01-05"), ("a", "2025-01-28"), ("a", "2025-02-01"), ("a", "2025-03-31"), // Jan–Mar: 3 (two in January count once)
            ("a", "2025-05-10"), ("a", "2025-06-10"),                                          // gap in April, then 2
            ("b", "2025-02-10"), ("b", "2025-04-10"), ("b", "2025-06-10"),                     // every other month: 1
            ("c", "2025-11-30"), ("c", "2025-12-01"), ("c", "2026-01-02"), ("c", "2026-02-15")); // across the new year: 4

        Assert.Equal(3, runs["a"]);
        Assert.Equal(1, runs["b"]);
        Assert.Equal(4, runs["c"]);
    }

    [Fact]
    public void PurchasesBeforeTheWindow_AreIgnored()
    {
        var runs = Run(new DateOnly(2025, 3, 1),
            ("a", "2025-01-05"), ("a", "2025-02-05"), ("a", "2025-03-05"), ("a", "2025-04-05"),
            ("b", "2024-12-05"));

        Assert.Equal(2, runs["a"]);
        Assert.False(runs.ContainsKey("b"));
    }
}
