using System.Data.Common;
using Kefu.Core.Classification.Rules;
using Microsoft.Data.Sqlite;
using Npgsql;
using static Kefu.Core.Tests.Classification.Rules.RuleTestData;

namespace Kefu.Core.Tests.Classification.Rules;

/// <summary>Runs compiled rules on a real database holding <see cref="RuleTestData.SampleCustomers"/> and checks that they
/// select exactly the customers <see cref="RuleEvaluator"/> accepts.</summary>
public abstract class RuleSqlEquivalenceTests : IDisposable
{
    private readonly DbConnection connection;

    protected RuleSqlEquivalenceTests()
    {
        connection = Open();
        Execute("""
            CREATE TEMPORARY TABLE m (
                customer_id INTEGER PRIMARY KEY, max_single_purchase NUMERIC, purchase_count INTEGER,
                consecutive_purchases INTEGER, total_spent NUMERIC, region TEXT, level TEXT, is_member BOOLEAN)
            """);
        Execute("CREATE TEMPORARY TABLE customer_tags (customer_id INTEGER NOT NULL, tag TEXT NOT NULL)");
        Execute("CREATE TEMPORARY TABLE customer_classes (customer_id INTEGER NOT NULL, scheme TEXT NOT NULL, class_code TEXT NOT NULL)");
        using var transaction = connection.BeginTransaction();
        foreach (var c in SampleCustomers)
        {
            Execute("INSERT INTO m VALUES (@id, @max, @count, @consecutive, @total, @region, @level, @member)", transaction,
                ("@id", c.Id), ("@max", c.MaxSinglePurchase), ("@count", c.PurchaseCount), ("@consecutive", c.ConsecutivePurchases),
                ("@total", c.TotalSpent), ("@region", c.Region), ("@level", c.Level), ("@member", c.IsMember));
            foreach (var tag in c.Tags)
            {
                Execute("INSERT INTO customer_tags VALUES (@id, @tag)", transaction, ("@id", c.Id), ("@tag", tag));
            }

            foreach (var (scheme, code) in c.Classes)
            {
                Execute("INSERT INTO customer_classes VALUES (@id, @scheme, @code)", transaction,
                    ("@id", c.Id), ("@scheme", scheme), ("@code", code));
            }
        }

        transaction.Commit();
    }

    protected abstract DbConnection Open();

    public virtual void Dispose()
    {
        connection.Dispose();
        GC.SuppressFinalize(this);
    }

    private void Execute(string sql, DbTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        command.ExecuteNonQuery();
    }

    private List<int> Select(RuleSql rule)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT m.customer_id FROM m WHERE " + rule.Sql + " ORDER BY m.customer_id";
        foreach (var p in rule.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = p.Name;
            parameter.Value = p.Value;
            command.Parameters.Add(parameter);
        }

        using var reader = command.ExecuteReader();
        var ids = new List<int>();
        while (reader.Read())
        {
            ids.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return ids;
    }

    private static List<int> Expected(RuleNode rule) => [.. SampleCustomers.Where(c => Evaluate(rule, c)).Select(c => c.Id)];

    private List<int> AssertSameAsEvaluator(string text)
    {
        var rule = Parse(text);
        var sql = RuleSqlCompiler.Compile(rule, Vocabulary);
        var selected = Select(sql);
        var expected = Expected(rule);
        Assert.True(expected.SequenceEqual(selected),
            $"{text}\n{sql.Sql}\nevaluator: {string.Join(",", expected)}\nsql:       {string.Join(",", selected)}");
        return selected;
    }

    [Theory]
    [InlineData("max_single_purchase > 3000 or consecutive_purchases >= 2 or tagged('potential')")]
    [InlineData("max_single_purchase > 3000 或 consecutive_purchases >= 2 或 tagged('potential')")]
    [InlineData("not (max_single_purchase > 3000)")]
    [InlineData("max_single_purchase <= 3000")]
    [InlineData("purchase_count != 3")]
    [InlineData("not (purchase_count = 3)")]
    [InlineData("total_spent / purchase_count > 1000")]
    [InlineData("total_spent / 0 > 1 or not (total_spent / 0 > 1)")]
    [InlineData("not (total_spent / (purchase_count - purchase_count) < 1)")]
    [InlineData("7 / 2 = 3.5 and purchase_count / 2 = 0.5")]
    [InlineData("total_spent between 1000 and 10000.5")]
    [InlineData("total_spent not between 1000 and max_single_purchase")]
    [InlineData("purchase_count in (1, 3, consecutive_purchases)")]
    [InlineData("purchase_count not in (1, 3, consecutive_purchases)")]
    [InlineData("region in ('north', '东区', level)")]
    [InlineData("region not in ('north', 'o''neil')")]
    [InlineData("region = ''")]
    [InlineData("'A' not in (class('abc'))")]
    [InlineData("'A' in (class('abc'))")]
    [InlineData("'A' not in (class('abc'), class('rfm'))")]
    [InlineData("class('abc') = 'A' and class('rfm') != 'C'")]
    [InlineData("class('abc') = class('rfm')")]
    [InlineData("class('missing') = 'A' or not (class('missing') = 'A')")]
    [InlineData("is_member")]
    [InlineData("is_member is null")]
    [InlineData("is_member is not null and not is_member")]
    [InlineData("purchase_count is null or total_spent / purchase_count is null")]
    [InlineData("class('rfm') is not null and level is null")]
    [InlineData("tagged('vip') is null")]
    [InlineData("(purchase_count > 1) is null")]
    [InlineData("not is_member")]
    [InlineData("is_member = false")]
    [InlineData("is_member = (purchase_count > 2)")]
    [InlineData("tagged('vip') and not tagged('lost')")]
    [InlineData("tagged('x'') or 1=1 --')")]
    [InlineData("abs(total_spent - max_single_purchase * 2) < 500")]
    [InlineData("-purchase_count < -2")]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("(purchase_count + consecutive_purchases) * 2 - 1 >= 7")]
    public void CompiledRule_SelectsTheCustomersTheEvaluatorAccepts(string text) => AssertSameAsEvaluator(text);

    [Fact]
    public void InjectionAttempt_SelectsOnlyCustomersWithThatLiteralTag()
    {
        var selected = AssertSameAsEvaluator("tagged('x'') or 1=1 --')");

        Assert.Equal(SampleCustomers.Where(c => c.Tags.Contains(InjectionTag)).Select(c => c.Id), selected);
        Assert.NotEmpty(selected);
        Assert.True(selected.Count < SampleCustomers.Count);
    }

    [Fact]
    public void MissingValues_ComparisonsAreFalse_NegatedComparisonsTrue()
    {
        var missing = SampleCustomers.Where(c => c.PurchaseCount is null).Select(c => c.Id).ToList();
        Assert.NotEmpty(missing);

        Assert.DoesNotContain(missing[0], AssertSameAsEvaluator("purchase_count >= 0"));
        Assert.DoesNotContain(missing[0], AssertSameAsEvaluator("purchase_count != 1"));
        Assert.DoesNotContain(missing[0], AssertSameAsEvaluator("purchase_count not in (1)"));
        Assert.Contains(missing[0], AssertSameAsEvaluator("not (purchase_count >= 0)"));
    }

    [Fact]
    public void DivisionByZero_IsMissing_NotAnError()
    {
        Assert.Empty(AssertSameAsEvaluator("total_spent / 0 >= 0"));
        Assert.Equal(SampleCustomers.Count, AssertSameAsEvaluator("not (total_spent / 0 >= 0)").Count);
    }

    [Fact]
    public void GeneratedRules_SelectTheCustomersTheEvaluatorAccepts()
    {
        var generator = new RuleGenerator(new Random(1125));
        var nonTrivial = 0;
        for (var n = 0; n < 400; n++)
        {
            var text = RuleParser.Format(generator.Condition(3));
            var reparsed = Parse(text);
            Assert.Equal(text, RuleParser.Format(reparsed));
            var selected = AssertSameAsEvaluator(text);
            nonTrivial += selected.Count > 0 && selected.Count < SampleCustomers.Count ? 1 : 0;
        }

        Assert.InRange(nonTrivial, 100, 400);
    }
}

public sealed class RuleSqlEquivalenceSqliteTests : RuleSqlEquivalenceTests
{
    private string? path;

    protected override DbConnection Open()
    {
        path = Path.Combine(Path.GetTempPath(), $"kefu-rules-{Guid.NewGuid():N}.db");
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    public override void Dispose()
    {
        base.Dispose();
        if (path is not null)
        {
            File.Delete(path);
        }
    }
}

public sealed class RuleSqlEquivalencePostgresTests : RuleSqlEquivalenceTests
{
    protected override DbConnection Open()
    {
        var connectionString = Environment.GetEnvironmentVariable("KEFU_TEST_POSTGRES")
            ?? throw new InvalidOperationException(
                "KEFU_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL and sets it, or set it to a server you own.");
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }
}
