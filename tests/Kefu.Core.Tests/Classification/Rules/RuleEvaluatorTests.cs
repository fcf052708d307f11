using Kefu.Core.Classification.Rules;
using static Kefu.Core.Tests.Classification.Rules.RuleTestData;

namespace Kefu.Core.Tests.Classification.Rules;

public class RuleEvaluatorTests
{
    private static bool Evaluate(string text, object? purchaseCount = null, object? totalSpent = null, object? region = null,
        object? isMember = null, object? tagged = null)
    {
        return RuleEvaluator.Evaluate(Parse(text),
            name => name switch
            {
                "purchase_count" => purchaseCount,
                "total_spent" => totalSpent,
                "region" => region,
                "is_member" => isMember,
                _ => null,
            },
            (name, _) => name == "tagged" ? tagged : null);
    }

    [Theory]
    [InlineData("purchase_count > 1", false)]
    [InlineData("purchase_count <= 1", false)]
    [InlineData("purchase_count = 1", false)]
    [InlineData("purchase_count != 1", false)]
    [InlineData("not (purchase_count = 1)", true)]
    [InlineData("purchase_count between 0 and 10", false)]
    [InlineData("purchase_count not between 0 and 10", false)]
    [InlineData("purchase_count in (1, 2)", false)]
    [InlineData("purchase_count not in (1, 2)", false)]
    [InlineData("purchase_count is null", true)]
    [InlineData("purchase_count + 1 is null", true)]
    [InlineData("is_member", false)]
    [InlineData("not is_member", true)]
    [InlineData("is_member = false", true)]
    [InlineData("is_member is null", true)]
    [InlineData("tagged('x')", false)]
    [InlineData("tagged('x') is null", true)]
    [InlineData("region = 'a' or region != 'a'", false)]
    public void Evaluate_MissingValues_MakeComparisonsFalse(string text, bool expected) =>
        Assert.Equal(expected, Evaluate(text));

    [Theory]
    [InlineData("purchase_count not between 5 and total_spent", 1, null, true)]
    [InlineData("purchase_count not between 0 and total_spent", 1, null, false)]
    [InlineData("purchase_count between 5 and total_spent", 1, null, false)]
    [InlineData("purchase_count in (1, total_spent)", 1, null, true)]
    [InlineData("purchase_count in (2, total_spent)", 1, null, false)]
    [InlineData("purchase_count not in (2, total_spent)", 1, null, false)]
    [InlineData("purchase_count not in (2, total_spent)", 1, 3, true)]
    [InlineData("total_spent / purchase_count > 1", 0, 10, false)]
    [InlineData("not (total_spent / purchase_count > 1)", 0, 10, true)]
    [InlineData("total_spent / purchase_count is null", 0, 10, true)]
    [InlineData("total_spent / purchase_count = 2.5", 4, 10, true)]
    public void Evaluate_FollowsSqlThreeValuedLogic_ThenTreatsUnknownAsFalse(string text, object? count, object? total, bool expected) =>
        Assert.Equal(expected, Evaluate(text, count, total));

    [Theory]
    [InlineData(3)]
    [InlineData(3L)]
    [InlineData(3.0)]
    [InlineData(3.0f)]
    [InlineData((short)3)]
    [InlineData((byte)3)]
    public void Evaluate_AcceptsAnyNumericType(object value) => Assert.True(Evaluate("purchase_count = 3", value));

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(1L, true)]
    [InlineData(0L, false)]
    public void Evaluate_BooleanFromDatabase_AcceptsBoolOrInteger(object value, bool expected) =>
        Assert.Equal(expected, Evaluate("is_member", isMember: value));

    [Fact]
    public void Evaluate_Overflow_IsMissingNotAnException()
    {
        Assert.False(Evaluate("purchase_count * 79228162514264337593543950335 > 0", 2));
        Assert.True(Evaluate("purchase_count * 79228162514264337593543950335 is null", 2));
        Assert.False(Evaluate("purchase_count > 0", double.NaN));
        Assert.False(Evaluate("purchase_count > 0", 1e300));
    }

    [Fact]
    public void Evaluate_FunctionReceivesEvaluatedArguments()
    {
        object?[]? received = null;
        var result = RuleEvaluator.Evaluate(Parse("abs(purchase_count - 5) = 2 and class('a' ) = 'B'"),
            _ => 3,
            (name, args) =>
            {
                if (name == "abs")
                {
                    received = args;
                    return Math.Abs((decimal)args[0]!);
                }

                return "B";
            });

        Assert.True(result);
        Assert.Equal(new object?[] { -2m }, received);
    }

    [Fact]
    public void Evaluate_TextComparison_IsOrdinalAndCaseSensitive()
    {
        Assert.True(Evaluate("region = '东区'", region: "东区"));
        Assert.False(Evaluate("region = 'North'", region: "north"));
    }
}

public class RuleVocabularyTests
{
    [Theory]
    [InlineData("and")]
    [InlineData("NULL")]
    [InlineData("1abc")]
    [InlineData("a-b")]
    [InlineData("且")]
    [InlineData("")]
    public void Constructor_InvalidName_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => new RuleVocabulary([new RuleVariable(name, RuleType.Number, "m.x", "")], []));

    [Fact]
    public void Constructor_DuplicateNameIgnoringCase_Throws() =>
        Assert.Throws<ArgumentException>(() => new RuleVocabulary(
            [new RuleVariable("x", RuleType.Number, "m.x", "")],
            [new RuleFunction("X", [], RuleType.Boolean, "TRUE", "")]));

    [Fact]
    public void Constructor_PlaceholderBeyondParameters_Throws() =>
        Assert.Throws<ArgumentException>(() => new RuleVocabulary([],
            [new RuleFunction("f", [RuleType.Text], RuleType.Boolean, "{0} = {1}", "")]));

    [Fact]
    public void Lookup_IsCaseInsensitive_AndParsesToTheVocabularySpelling()
    {
        var vocabulary = new RuleVocabulary([new RuleVariable("总额", RuleType.Number, "m.total", "")],
            [new RuleFunction("HasTag", [RuleType.Text], RuleType.Boolean, "{0} IS NOT NULL", "")]);

        var rule = RuleParser.Parse("总额 > 1 且 hastag('x')", vocabulary).Rule!;

        Assert.Equal("总额 > 1 and HasTag('x')", RuleParser.Format(rule));
        Assert.Same(vocabulary.Variables[0], vocabulary.FindVariable("总额"));
        Assert.NotNull(vocabulary.FindFunction("HASTAG"));
    }

    [Fact]
    public void Compile_ZeroArgumentFunction_UsesItsTemplate()
    {
        var vocabulary = new RuleVocabulary([], [new RuleFunction("is_new", [], RuleType.Boolean, "m.first_purchase IS NULL", "")]);

        var sql = RuleSqlCompiler.Compile(RuleParser.Parse("not is_new()", vocabulary).Rule!, vocabulary);

        Assert.Equal("(NOT (COALESCE((m.first_purchase IS NULL), FALSE)))", sql.Sql);
        Assert.Empty(sql.Parameters);
    }
}
