using System.Text;
using Kefu.Core.Classification.Rules;
using static Kefu.Core.Tests.Classification.Rules.RuleTestData;

namespace Kefu.Core.Tests.Classification.Rules;

public class RuleHostileInputTests
{
    [Theory]
    [InlineData("tagged('x'') or 1=1 --')", "x') or 1=1 --")]
    [InlineData("region = ''' OR ''1''=''1'", "' OR '1'='1")]
    [InlineData("region = '; DROP TABLE m; --'", "; DROP TABLE m; --")]
    [InlineData("class('abc'' UNION SELECT password FROM users --') = 'A'", "abc' UNION SELECT password FROM users --")]
    [InlineData("region = '@r1 $1 {0} /* */ \\'", "@r1 $1 {0} /* */ \\")]
    public void Compile_InjectionAttempt_IsOnlyAParameterValue(string text, string value)
    {
        var sql = RuleSqlCompiler.Compile(Parse(text), Vocabulary);

        Assert.Contains(sql.Parameters, p => Equals(p.Value, value));
        Assert.DoesNotContain(value, sql.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("'", sql.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("--", sql.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain(";", sql.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_EveryLiteral_IsAParameter()
    {
        var sql = RuleSqlCompiler.Compile(
            Parse("purchase_count between 1 and 2.5 and region in ('a', 'b') or is_member = true"), Vocabulary, "p");

        Assert.Equal(["@p0", "@p1", "@p2", "@p3", "@p4"], sql.Parameters.Select(p => p.Name));
        Assert.Equal(new object[] { 1m, 2.5m, "a", "b", true }, sql.Parameters.Select(p => p.Value));
        Assert.DoesNotMatch(@"\d|TRUE", System.Text.RegularExpressions.Regex.Replace(sql.Sql, @"@p\d+", ""));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1x")]
    [InlineData("r 0")]
    [InlineData("r;")]
    public void Compile_BadParameterPrefix_IsRejected(string prefix) =>
        Assert.Throws<ArgumentException>(() => RuleSqlCompiler.Compile(Parse("is_member"), Vocabulary, prefix));

    [Fact]
    public void Parse_TooLong_IsRejectedWithoutParsing()
    {
        var text = string.Concat(Enumerable.Repeat("is_member or ", 200)) + "is_member";

        var error = Assert.Single(RuleParser.Parse(text, Vocabulary).Errors);

        Assert.Equal((RuleErrorCodes.TooLong, RuleParser.MaxLength, text.Length - RuleParser.MaxLength),
            (error.Code, error.Position, error.Length));
        Assert.Equal(["2000"], error.Arguments);
    }

    [Theory]
    [InlineData("(", "is_member", 400, 50)]
    [InlineData("not ", "is_member", 400, 200)]
    [InlineData("非", "is_member", 400, 50)]
    [InlineData("-", "1 > 0", 1000, 50)]
    [InlineData("abs(", "1", 300, 203)]
    [InlineData("1 in (", "1", 300, 305)]
    [InlineData("tagged(", "'a'", 200, 356)]
    public void Parse_DeepNesting_IsRejectedAtTheFirstTooDeepLevel(string open, string inner, int count, int position)
    {
        var text = string.Concat(Enumerable.Repeat(open, count)) + inner;

        var error = Assert.Single(RuleParser.Parse(text, Vocabulary).Errors);

        Assert.Equal((RuleErrorCodes.TooDeep, position), (error.Code, error.Position));
        Assert.Equal(["50"], error.Arguments);
    }

    [Fact]
    public void Parse_LongArithmeticChain_IsTooDeep()
    {
        var text = "1" + string.Concat(Enumerable.Repeat(" + 1", 60)) + " > 0";
        Assert.Equal(RuleErrorCodes.TooDeep, Assert.Single(RuleParser.Parse(text, Vocabulary).Errors).Code);
    }

    [Fact]
    public void Parse_LongOrChain_IsFine()
    {
        var text = string.Join(" or ", Enumerable.Range(0, 120).Select(i => $"tagged('{i}')"));
        var rule = Assert.IsType<RuleLogical>(Parse(text));
        Assert.Equal(120, rule.Operands.Count);
    }

    [Fact]
    public void Parse_TooManyNodes_IsRejected()
    {
        var text = "purchase_count in (" + string.Join(",", Enumerable.Repeat("1", 600)) + ")";
        Assert.Equal(RuleErrorCodes.TooComplex, Assert.Single(RuleParser.Parse(text, Vocabulary).Errors).Code);
    }

    [Fact]
    public void Parse_ManyErrors_ReportsTheFirstTwenty()
    {
        var text = string.Join(" or ", Enumerable.Range(0, 100).Select(i => $"x{i}"));

        var errors = RuleParser.Parse(text, Vocabulary).Errors;

        Assert.Equal(RuleParser.MaxErrors, errors.Count);
        Assert.Equal(["x0", "x19"], new[] { errors[0], errors[^1] }.Select(e => e.Arguments[0]));
    }

    [Fact]
    public void Parse_NullText_IsEmpty() =>
        Assert.Equal(RuleErrorCodes.Empty, Assert.Single(RuleParser.Parse(null!, Vocabulary).Errors).Code);

    private static readonly string[] Alphabet =
    [
        "(", ")", "（", "）", ",", "，", "not", "and", "or", "NOT", "且", "或", "非", "between", "in", "=", "==", "!=", "<>", "<", "<=",
        ">", ">=", "+", "-", "*", "/", "0", "1", "3000", "0.5", "1.", "99999999999999999999999999999", "'x'", "'x''y'", "'", "''",
        "purchase_count", "total_spent", "region", "level", "is_member", "tagged", "class", "abs", "foo", "true", "false",
        "#", ";", "--", "\"", "is", "null", "😀", "\u0000", "'abc'",
    ];

    [Fact]
    public void Parse_RandomTokenSoup_NeverThrows_AndValidRulesRoundTripCompileAndEvaluate()
    {
        var random = new Random(4);
        var valid = 0;
        for (var n = 0; n < 20000; n++)
        {
            var text = new StringBuilder();
            var count = random.Next(0, 14);
            for (var i = 0; i < count; i++)
            {
                text.Append(Alphabet[random.Next(Alphabet.Length)]);
                if (random.Next(4) != 0)
                {
                    text.Append(' ');
                }
            }

            valid += Check(text.ToString(), random) ? 1 : 0;
        }

        Assert.InRange(valid, 40, 20000);
    }

    [Fact]
    public void Parse_RandomCharacters_NeverThrow()
    {
        var random = new Random(5);
        const string chars = "()'',=<>!+-*/. 01239_aeinortsdbwxgclmp且或非（），\"#;\t\n😀";
        for (var n = 0; n < 20000; n++)
        {
            var length = random.Next(0, 30);
            var text = new string([.. Enumerable.Range(0, length).Select(_ => chars[random.Next(chars.Length)])]);
            Check(text, random);
        }
    }

    [Fact]
    public void Parse_RandomDeepNesting_NeverThrows()
    {
        var random = new Random(6);
        string[] parts = ["(", "not ", "-", "abs(", ")", "1", "is_member", " and ", " + ", " is null", " is not ", "tagged('a')", " in (", ",", " = "];
        for (var n = 0; n < 300; n++)
        {
            var text = new StringBuilder();
            var length = random.Next(100, 2100);
            while (text.Length < length)
            {
                text.Append(parts[random.Next(parts.Length)]);
            }

            Check(text.ToString(), random);
        }
    }

    private static bool Check(string text, Random random)
    {
        var result = RuleParser.Parse(text, Vocabulary);
        foreach (var error in result.Errors)
        {
            Assert.InRange(error.Position, 0, text.Length);
            Assert.InRange(error.Length, 0, text.Length - error.Position);
            Assert.False(string.IsNullOrEmpty(error.Message));
        }

        if (!result.IsValid)
        {
            Assert.Null(result.Rule);
            Assert.NotEmpty(result.Errors);
            return false;
        }

        var rule = result.Rule!;
        Assert.Equal(RuleType.Boolean, rule.Type);
        var formatted = RuleParser.Format(rule);
        var again = RuleParser.Parse(formatted, Vocabulary);
        Assert.True(again.IsValid, $"{text} → {formatted}: {string.Join("; ", again.Errors.Select(e => e.Message))}");
        Assert.Equal(formatted, RuleParser.Format(again.Rule!));
        var sql = RuleSqlCompiler.Compile(rule, Vocabulary);
        Assert.DoesNotContain("'", sql.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("--", sql.Sql, StringComparison.Ordinal);
        var customer = SampleCustomers[random.Next(SampleCustomers.Count)];
        Assert.Equal(Evaluate(rule, customer), Evaluate(again.Rule!, customer));
        return true;
    }
}
