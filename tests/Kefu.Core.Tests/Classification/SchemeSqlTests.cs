using System.Globalization;
using Kefu.Core.Classification;
using Kefu.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Tests.Classification;

/// <summary>The class assignment SQL of each scheme kind, run on SQLite over hand-made metrics rows.</summary>
public sealed class SchemeSqlTests : IDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private readonly KefuDb db;
    private int next;

    public SchemeSqlTests()
    {
        connection.Open();
        db = new KefuDb(new DbContextOptionsBuilder<KefuDb>().UseSqlite(connection).Options);
        db.Database.EnsureCreated();
    }

    public void Dispose()
    {
        db.Dispose();
        connection.Dispose();
    }

    private sealed record Assigned(Guid CustomerId, string? Class);

    private string Metric(
        double revenue = 0, int purchases = 0, double profit = double.NaN, int lifetimePurchases = -1, int? sinceFirst = null, int? sinceLast = null,
        double? interval = null, double lifetimeRevenue = double.NaN)
    {
        var id = new Guid(++next, 0, 0, new byte[8]);
        var p = double.IsNaN(profit) ? revenue : profit;
        var lp = lifetimePurchases < 0 ? purchases : lifetimePurchases;
        var lr = double.IsNaN(lifetimeRevenue) ? revenue : lifetimeRevenue;
        static string N(object? v) => v is null ? "NULL" : Convert.ToString(v, CultureInfo.InvariantCulture)!;
        var sql =
            "INSERT INTO customer_metrics (\"CustomerId\", \"RunId\", \"Revenue\", \"Purchases\", \"MaxSinglePurchase\", \"LifetimeRevenue\", \"LifetimePurchases\", " +
            "\"DaysSinceFirstPurchase\", \"DaysSinceLastPurchase\", \"MeanIntervalDays\", \"Requests\", \"Visits\", \"Complaints\", \"ItemUnits\", \"CostToServe\", \"Profit\", \"ConsecutivePurchases\") " +
            $"VALUES ('{id.ToString().ToUpperInvariant()}', '{Guid.Empty}', {N(revenue)}, {purchases}, 0, {N(lr)}, {lp}, {N(sinceFirst)}, {N(sinceLast)}, {N(interval)}, 0, 0, 0, 0, {N(revenue - p)}, {N(p)}, 0)";
        db.Database.ExecuteSqlRaw(sql);
        return id.ToString();
    }

    private Dictionary<string, string?> Assign(SchemeKind kind, object settings)
    {
        var sql = "SELECT a.\"CustomerId\", a.cls AS \"Class\" FROM (" + ClassificationSql.Assign(kind, settings).Sql + ") a";
        return db.Database.SqlQueryRaw<Assigned>(sql).ToList().ToDictionary(a => a.CustomerId.ToString(), a => a.Class);
    }

    private static AbcSettings Abc(string basis = "value") => new("revenue", basis, [new AbcCut("A", 0.8m), new AbcCut("B", 0.95m)], "C");

    [Fact]
    public void Abc_ByValueShare_CustomerCrossingTheCutOffIsIncluded()
    {
        var a = Metric(700);
        var b = Metric(200); // starts at 70% < 80%: A
        var c = Metric(60);  // starts at 90%: B
        var d = Metric(40);  // starts at 96%: C

        var classes = Assign(SchemeKind.Abc, Abc());

        Assert.Equal(["A", "A", "B", "C"], new[] { a, b, c, d }.Select(x => classes[x]));
    }

    [Fact]
    public void Abc_EqualValues_GetTheSameClass()
    {
        var top = Metric(500);
        var tie1 = Metric(200); // both start where the tie group starts (50%): A
        var tie2 = Metric(200);
        var low = Metric(100);  // starts at 90%: B

        var classes = Assign(SchemeKind.Abc, Abc());

        Assert.Equal("A", classes[top]);
        Assert.Equal("A", classes[tie1]);
        Assert.Equal("A", classes[tie2]);
        Assert.Equal("B", classes[low]);
    }

    [Fact]
    public void Abc_ZeroAndNegativeValues_AreAlwaysTheRestClass()
    {
        var buyer = Metric(100);
        var zero = Metric(0);
        var negative = Metric(-50);

        var classes = Assign(SchemeKind.Abc, Abc());

        Assert.Equal("A", classes[buyer]);
        Assert.Equal("C", classes[zero]);
        Assert.Equal("C", classes[negative]);
    }

    [Fact]
    public void Abc_ManyNonBuyers_LeaveTheBuyersTiesAndSharesAsTheyAre()
    {
        var nonBuyers = Enumerable.Range(0, 6).Select(i => Metric(i % 2 == 0 ? 0 : -20)).ToList();
        var top = Metric(600);
        var tie1 = Metric(150); // both start at 60%: A
        var tie2 = Metric(150);
        var low = Metric(100);  // starts at 90%: B

        foreach (var basis in new[] { "value", "count" })
        {
            var classes = Assign(SchemeKind.Abc, Abc(basis));

            Assert.All(nonBuyers, x => Assert.Equal("C", classes[x]));
            Assert.Equal(classes[tie1], classes[tie2]);
            // By count the four buyers start at 0, 25 %, 25 % and 75 % of the headcount: all A (the six non-buyers are not counted).
            Assert.Equal(basis == "value" ? ["A", "A", "B"] : ["A", "A", "A"], new[] { top, tie1, low }.Select(x => classes[x]));
        }
    }

    [Fact]
    public void Abc_TinyPopulations_OneBuyerIsA_NoBuyersAreAllRest()
    {
        var only = Metric(10);
        Assert.Equal("A", Assign(SchemeKind.Abc, Abc())[only]);

        db.Database.ExecuteSqlRaw("DELETE FROM customer_metrics");
        var nobody = Metric(0);
        var nobody2 = Metric(0);
        var classes = Assign(SchemeKind.Abc, Abc());
        Assert.Equal("C", classes[nobody]);
        Assert.Equal("C", classes[nobody2]);

        db.Database.ExecuteSqlRaw("DELETE FROM customer_metrics");
        Assert.Empty(Assign(SchemeKind.Abc, Abc()));
    }

    [Fact]
    public void Abc_ByCountShare_RanksBuyersByValueAndCutsByHeadcount()
    {
        var ids = Enumerable.Range(1, 10).Select(i => Metric(i * 10)).ToList(); // 10..100
        var classes = Assign(SchemeKind.Abc, new AbcSettings("revenue", "count", [new AbcCut("A", 0.2m), new AbcCut("B", 0.5m)], "C"));

        Assert.Equal(["A", "A"], ids.TakeLast(2).Select(x => classes[x]));
        Assert.Equal(["B", "B", "B"], ids.Skip(5).Take(3).Select(x => classes[x]));
        Assert.All(ids.Take(5), x => Assert.Equal("C", classes[x]));
    }

    [Fact]
    public void Tier_FirstMatchingRuleWins_LeadBelowZeroProfit()
    {
        var settings = new ThresholdSettings(
            [
                new ThresholdRule("platinum", new Dictionary<string, decimal> { ["profit"] = 20000, ["purchases"] = 3 }, null),
                new ThresholdRule("gold", new Dictionary<string, decimal> { ["profit"] = 5000 }, null),
                new ThresholdRule("iron", new Dictionary<string, decimal> { ["profit"] = 0 }, null),
            ],
            "lead");
        var platinum = Metric(30000, purchases: 3);
        var profitableButRare = Metric(30000, purchases: 2); // platinum needs 3 purchases: gold
        var gold = Metric(5000, purchases: 1);
        var iron = Metric(0);
        var lead = Metric(1000, purchases: 1, profit: -1);

        var classes = Assign(SchemeKind.Threshold, settings);

        Assert.Equal(["platinum", "gold", "gold", "iron", "lead"], new[] { platinum, profitableButRare, gold, iron, lead }.Select(x => classes[x]));
    }

    [Fact]
    public void Threshold_MaximumsLimitAClass()
    {
        var settings = new ThresholdSettings(
            [new ThresholdRule("quiet", new Dictionary<string, decimal> { ["revenue"] = 1 }, new Dictionary<string, decimal> { ["complaints"] = 0 })], "other");
        var quiet = Metric(10, purchases: 1);

        Assert.Equal("quiet", Assign(SchemeKind.Threshold, settings)[quiet]);
    }

    [Fact]
    public void Lifecycle_AtRiskAndLostFollowTheCustomersOwnRhythm()
    {
        var settings = new LifecycleSettings(NewDays: 90, AtRiskFactor: 2m, LostFactor: 4m, MinIntervalDays: 7, SinglePurchaseIntervalDays: 180, LoyalMinPurchases: 5, LoyalMinMonths: 12);
        var potential = Metric();
        var fresh = Metric(100, 1, sinceFirst: 30, sinceLast: 30);
        var weekly = Metric(100, 10, sinceFirst: 200, sinceLast: 20, interval: 7);      // 20 > 2×7: at risk though recent
        var weeklyGone = Metric(100, 10, sinceFirst: 200, sinceLast: 29, interval: 7);  // 29 > 4×7: lost
        var yearly = Metric(100, 3, sinceFirst: 900, sinceLast: 300, interval: 300);    // 300 < 2×300: active for a yearly buyer
        var slowed = Metric(100, 3, sinceFirst: 200, sinceLast: 130, interval: 35);     // 130 > 70: at risk
        var loyal = Metric(100, 6, sinceFirst: 500, sinceLast: 10, interval: 98);       // 6 purchases over 490 days
        var frequentButYoung = Metric(100, 6, sinceFirst: 200, sinceLast: 10, interval: 38); // under 12 months: active
        var single = Metric(100, 1, sinceFirst: 400, sinceLast: 400);                   // one purchase 400 days ago: 400 > 2×180
        var sameDay = Metric(100, 2, sinceFirst: 20, sinceLast: 20, interval: 0);       // same-day purchases: rhythm floored at 7 days, 20 > 2×7

        var classes = Assign(SchemeKind.Lifecycle, settings);

        Assert.Equal(Lifecycle.Potential, classes[potential]);
        Assert.Equal(Lifecycle.New, classes[fresh]);
        Assert.Equal(Lifecycle.AtRisk, classes[weekly]);
        Assert.Equal(Lifecycle.Lost, classes[weeklyGone]);
        Assert.Equal(Lifecycle.Active, classes[yearly]);
        Assert.Equal(Lifecycle.AtRisk, classes[slowed]);
        Assert.Equal(Lifecycle.Loyal, classes[loyal]);
        Assert.Equal(Lifecycle.Active, classes[frequentButYoung]);
        Assert.Equal(Lifecycle.AtRisk, classes[single]);
        Assert.Equal(Lifecycle.AtRisk, classes[sameDay]);
    }

    [Fact]
    public void Settings_Validation_NamesTheFields()
    {
        var bad = System.Text.Json.JsonDocument.Parse("""{"measure":"nope","basis":"value","cuts":[{"class":"A","upTo":0.9},{"class":"B","upTo":0.5}],"rest":"C"}""").RootElement;
        var result = SchemeSettings.Parse(SchemeKind.Abc, bad);

        Assert.False(result.IsSuccess);
        Assert.Contains("settings.measure", result.Error!.Fields!.Keys);
        Assert.Contains("settings.cuts[1].upTo", result.Error.Fields.Keys);
        var lifecycle = System.Text.Json.JsonDocument.Parse("""{"newDays":90,"atRiskFactor":3,"lostFactor":2,"minIntervalDays":7,"singlePurchaseIntervalDays":180,"loyalMinPurchases":5,"loyalMinMonths":12}""").RootElement;
        Assert.Contains("settings.lostFactor", SchemeSettings.Parse(SchemeKind.Lifecycle, lifecycle).Error!.Fields!.Keys);
    }

    [Theory]
    [InlineData("revenue", 6, true)]
    [InlineData("purchases", 1, true)]
    [InlineData("maxSinglePurchase", 120, true)]
    [InlineData("revenue", 0, false)]
    [InlineData("revenue", 121, false)]
    [InlineData("profit", 6, false)]
    [InlineData("lifetimeRevenue", 6, false)]
    public void AbcWindow_OnlyForTransactionMeasures_OneTo120Months(string measure, int months, bool valid)
    {
        var json = System.Text.Json.JsonDocument.Parse(
            $$"""{"measure":"{{measure}}","basis":"value","cuts":[{"class":"A","upTo":0.8}],"rest":"C","windowMonths":{{months}}}""").RootElement;
        var result = SchemeSettings.Parse(SchemeKind.Abc, json);

        Assert.Equal(valid, result.IsSuccess);
        if (valid)
        {
            Assert.Equal(months, ((AbcSettings)result.Value).WindowMonths);
            Assert.Contains("FROM transactions WHERE \"Date\" >= ", ClassificationSql.Assign(SchemeKind.Abc, result.Value, false, new DateOnly(2026, 3, 31)).Sql, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(["settings.windowMonths"], result.Error!.Fields!.Keys);
        }
    }

    [Fact]
    public void AbcWindow_Absent_KeepsStoredSettingsAndReadsTheSharedMetrics()
    {
        var settings = Abc();
        Assert.DoesNotContain("windowMonths", SchemeSettings.Serialize(settings), StringComparison.Ordinal);
        Assert.Null(((AbcSettings)SchemeSettings.Read(SchemeKind.Abc, SchemeSettings.Serialize(settings))).WindowMonths);
        Assert.DoesNotContain("transactions", ClassificationSql.Assign(SchemeKind.Abc, settings).Sql, StringComparison.Ordinal);
        Assert.Contains("2025-12-31", ClassificationSql.Assign(SchemeKind.Abc, settings with { WindowMonths = 3 }, true, new DateOnly(2026, 3, 31)).Sql, StringComparison.Ordinal);
    }
}
