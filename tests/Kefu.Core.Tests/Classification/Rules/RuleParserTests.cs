using Kefu.Core.Classification.Rules;
using static Kefu.Core.Tests.Classification.Rules.RuleTestData;

namespace Kefu.Core.Tests.Classification.Rules;

public class RuleParserTests
{
    private static bool Constant(string text) =>
        RuleEvaluator.Evaluate(Parse(text), _ => throw new InvalidOperationException(), (_, _) => throw new InvalidOperationException());

    [Fact]
    public void Parse_IssueExample_IsAnOrOfThreeConditions()
    {
        var rule = Parse("max_single_purchase > 3000 or consecutive_purchases >= 2 or tagged('potential')");

        var or = Assert.IsType<RuleLogical>(rule);
        Assert.Equal(RuleLogicalOperator.Or, or.Operator);
        Assert.Equal(3, or.Operands.Count);
        var first = Assert.IsType<RuleComparison>(or.Operands[0]);
        Assert.Equal(RuleComparisonOperator.Greater, first.Operator);
        Assert.Equal(new RuleVariableReference("max_single_purchase", RuleType.Number), first.Left);
        Assert.Equal(new RuleNumberLiteral(3000m), first.Right);
        var call = Assert.IsType<RuleFunctionCall>(or.Operands[2]);
        Assert.Equal("tagged", call.Name);
        Assert.Equal(new RuleTextLiteral("potential"), Assert.Single(call.Arguments));
    }

    [Theory]
    [InlineData("1 + 2 * 3 = 7")]
    [InlineData("(1 + 2) * 3 = 9")]
    [InlineData("10 - 4 - 3 = 3")]
    [InlineData("10 - (4 - 3) = 9")]
    [InlineData("12 / 3 / 2 = 2")]
    [InlineData("2 * 3 + 4 * 5 = 26")]
    [InlineData("-2 * 3 = -6")]
    [InlineData("- -2 = 2")]
    [InlineData("7 / 2 = 3.5")]
    [InlineData("0.1 + 0.2 = 0.3")]
    [InlineData("1 / 0 = 1 or not (1 / 0 = 1)")]
    [InlineData("true or false and false")]
    [InlineData("not false and true")]
    [InlineData("not (true and false)")]
    [InlineData("3 between 1 and 3")]
    [InlineData("4 not between 1 and 3")]
    [InlineData("2 in (1, 2, 3)")]
    [InlineData("'b' in ('a', 'b')")]
    [InlineData("'c' not in ('a', 'b')")]
    [InlineData("1 / 0 is null and 1 is not null and 'a' is not null")]
    [InlineData("'o''neil' = 'o''neil'")]
    [InlineData("1 != 2 and 1 <> 2 and 1 == 1 and 1 <= 1 and 1 >= 1 and 1 < 2 and 2 > 1")]
    [InlineData("(1 > 2) = false")]
    [InlineData("TRUE AnD NoT FALSE")]
    [InlineData("1 < 2 且 非 (2 < 1) 或 false")]
    [InlineData("true且true")]
    [InlineData("（1 + 1） = 2")]
    [InlineData("1 in （1， 2）")]
    [InlineData("\t1\n<\r\n2\u3000")]
    public void Evaluate_ConstantRule_IsTrue(string text) => Assert.True(Constant(text));

    [Theory]
    [InlineData("1 + 2 * 3 = 9")]
    [InlineData("true and false or false")]
    [InlineData("1 / 0 = 1")]
    [InlineData("1 / 0 != 1")]
    [InlineData("4 between 1 and 3")]
    [InlineData("not true")]
    [InlineData("'A' = 'a'")]
    public void Evaluate_ConstantRule_IsFalse(string text) => Assert.False(Constant(text));

    [Theory]
    [InlineData("a or b and c", "is_member or tagged('b') and tagged('c')", "Or(is_member, And(b, c))")]
    [InlineData("not a and b", "not is_member and tagged('b')", "And(Not(is_member), b)")]
    public void Parse_AndBindsTighterThanOr_NotTighterThanAnd(string _, string text, string shape)
    {
        var rule = Parse(text);
        Assert.Equal(shape, Shape(rule));
    }

    private static string Shape(RuleNode node) => node switch
    {
        RuleLogical l => $"{l.Operator}({string.Join(", ", l.Operands.Select(Shape))})",
        RuleNot n => $"Not({Shape(n.Operand)})",
        RuleVariableReference v => v.Name,
        RuleFunctionCall f => ((RuleTextLiteral)f.Arguments[0]).Value,
        _ => node.GetType().Name,
    };

    [Theory]
    [InlineData("max_single_purchase > 3000 or consecutive_purchases >= 2 or tagged('potential')",
        "max_single_purchase > 3000 or consecutive_purchases >= 2 or tagged('potential')")]
    [InlineData("MAX_SINGLE_PURCHASE>3000 OR Tagged( 'vip' )AND NOT Is_Member",
        "max_single_purchase > 3000 or tagged('vip') and not is_member")]
    [InlineData("max_single_purchase > 3000 或 tagged('potential') 且 非 is_member",
        "max_single_purchase > 3000 or tagged('potential') and not is_member")]
    [InlineData("is_member且tagged('vip')或非is_member", "is_member and tagged('vip') or not is_member")]
    [InlineData("((purchase_count)) between (1) and 5", "purchase_count between 1 and 5")]
    [InlineData("purchase_count not between 1 and 5 and region in ('north', 'south')",
        "purchase_count not between 1 and 5 and region in ('north', 'south')")]
    [InlineData("class('abc') not in ('A','B')", "class('abc') not in ('A', 'B')")]
    [InlineData("class('abc') = 'A'", "class('abc') = 'A'")]
    [InlineData("region = 'o''neil'", "region = 'o''neil'")]
    [InlineData("total_spent / (purchase_count - 1) >= 0.50", "total_spent / (purchase_count - 1) >= 0.50")]
    [InlineData("(is_member or tagged('a')) and (tagged('b') or tagged('c'))",
        "(is_member or tagged('a')) and (tagged('b') or tagged('c'))")]
    [InlineData("is_member or (tagged('a') or tagged('b'))", "is_member or (tagged('a') or tagged('b'))")]
    [InlineData("not not is_member", "not not is_member")]
    [InlineData("-(-purchase_count) < abs(-1)", "-(-purchase_count) < abs(-1)")]
    [InlineData("is_member = (purchase_count > 1)", "is_member = (purchase_count > 1)")]
    [InlineData("purchase_count <> 1", "purchase_count != 1")]
    [InlineData("purchase_count IS NULL or region is NOT null", "purchase_count is null or region is not null")]
    [InlineData("not purchase_count + 1 is null", "not purchase_count + 1 is null")]
    public void Format_GivesCanonicalText_ThatParsesToTheSameRule(string text, string canonical)
    {
        var result = RuleParser.Parse(text, Vocabulary);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        var formatted = RuleParser.Format(result.Rule!);
        Assert.Equal(canonical, formatted);
        Assert.Equal(formatted, RuleParser.Format(Parse(formatted)));
    }

    [Fact]
    public void Parse_TextLiteral_UnescapesDoubledQuotes()
    {
        var comparison = Assert.IsType<RuleComparison>(Parse("region = 'it''s ''quoted'''"));
        Assert.Equal(new RuleTextLiteral("it's 'quoted'"), comparison.Right);
    }

    [Fact]
    public void Parse_DecimalLiteral_KeepsItsExactValue()
    {
        var comparison = Assert.IsType<RuleComparison>(Parse("total_spent >= 1234.5678"));
        Assert.Equal(new RuleNumberLiteral(1234.5678m), comparison.Right);
    }

    [Theory]
    [InlineData("", RuleErrorCodes.Empty, 0, 0)]
    [InlineData("   ", RuleErrorCodes.Empty, 0, 3)]
    [InlineData("max_single_purchse > 3000", RuleErrorCodes.UnknownName, 0, 18)]
    [InlineData("purchase_count > 1 and foo", RuleErrorCodes.UnknownName, 23, 3)]
    [InlineData("tagged(1)", RuleErrorCodes.TypeMismatch, 7, 1)]
    [InlineData("region > 3", RuleErrorCodes.TypeMismatch, 0, 6)]
    [InlineData("purchase_count = 'x'", RuleErrorCodes.TypeMismatch, 17, 3)]
    [InlineData("purchase_count > 1 and 2 + 2", RuleErrorCodes.TypeMismatch, 23, 5)]
    [InlineData("not (1 + 2)", RuleErrorCodes.TypeMismatch, 4, 7)]
    [InlineData("region between 1 and 2", RuleErrorCodes.TypeMismatch, 0, 6)]
    [InlineData("region in ('a', 2)", RuleErrorCodes.TypeMismatch, 16, 1)]
    [InlineData("-region = 1", RuleErrorCodes.TypeMismatch, 1, 6)]
    [InlineData("purchase_count + 1", RuleErrorCodes.NotBoolean, 0, 18)]
    [InlineData("class('abc')", RuleErrorCodes.NotBoolean, 0, 12)]
    [InlineData("region = 'north", RuleErrorCodes.UnterminatedString, 9, 6)]
    [InlineData("region = 'it''", RuleErrorCodes.UnterminatedString, 9, 5)]
    [InlineData("purchase_count > > 1", RuleErrorCodes.ExpectedExpression, 17, 1)]
    [InlineData("purchase_count >", RuleErrorCodes.ExpectedExpression, 16, 0)]
    [InlineData("not", RuleErrorCodes.ExpectedExpression, 3, 0)]
    [InlineData("() or true", RuleErrorCodes.ExpectedExpression, 1, 1)]
    [InlineData("purchase_count > 1 2", RuleErrorCodes.TrailingText, 19, 1)]
    [InlineData("purchase_count > 1) and is_member", RuleErrorCodes.TrailingText, 18, 15)]
    [InlineData("purchase_count > 1 is_member  ", RuleErrorCodes.TrailingText, 19, 9)]
    [InlineData("1 < 2 < 3", RuleErrorCodes.TrailingText, 6, 3)]
    [InlineData("(purchase_count > 1", RuleErrorCodes.ExpectedToken, 19, 0)]
    [InlineData("purchase_count between 1 5", RuleErrorCodes.ExpectedToken, 25, 1)]
    [InlineData("region in 'a'", RuleErrorCodes.ExpectedToken, 10, 3)]
    [InlineData("tagged('a'", RuleErrorCodes.ExpectedToken, 10, 0)]
    [InlineData("tagged", RuleErrorCodes.MissingArguments, 0, 6)]
    [InlineData("region('x') = 'a'", RuleErrorCodes.NotAFunction, 0, 6)]
    [InlineData("taged('x')", RuleErrorCodes.UnknownFunction, 0, 5)]
    [InlineData("tagged('a', 'b')", RuleErrorCodes.ArgumentCount, 0, 16)]
    [InlineData("tagged()", RuleErrorCodes.ArgumentCount, 0, 8)]
    [InlineData("purchase_count > 1 # 2", RuleErrorCodes.InvalidCharacter, 19, 1)]
    [InlineData("purchase_count = null", RuleErrorCodes.ExpectedExpression, 17, 4)]
    [InlineData("purchase_count is 1", RuleErrorCodes.ExpectedToken, 18, 1)]
    [InlineData("purchase_count is not", RuleErrorCodes.ExpectedToken, 21, 0)]
    [InlineData("region = \"north\"", RuleErrorCodes.InvalidCharacter, 9, 1)]
    [InlineData("purchase_count > 1; drop table m", RuleErrorCodes.InvalidCharacter, 18, 1)]
    [InlineData("1 = 1 😀", RuleErrorCodes.InvalidCharacter, 6, 2)]
    [InlineData("purchase_count > 1.2.3", RuleErrorCodes.InvalidNumber, 17, 5)]
    [InlineData("purchase_count > 12abc", RuleErrorCodes.InvalidNumber, 17, 5)]
    [InlineData("purchase_count > 1.", RuleErrorCodes.InvalidNumber, 17, 2)]
    [InlineData("purchase_count > .5", RuleErrorCodes.InvalidCharacter, 17, 1)]
    [InlineData("purchase_count > 99999999999999999999999999999999", RuleErrorCodes.InvalidNumber, 17, 32)]
    public void Parse_InvalidRule_ReportsTheErrorWhereItIs(string text, string code, int position, int length)
    {
        var result = RuleParser.Parse(text, Vocabulary);

        Assert.False(result.IsValid);
        Assert.Null(result.Rule);
        var error = result.Errors[0];
        Assert.Equal((code, position, length), (error.Code, error.Position, error.Length));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.InRange(error.Position + error.Length, 0, text.Length);
    }

    [Fact]
    public void Parse_UnknownName_SuggestsTheClosestNameAndListsTheKnownOnes()
    {
        var error = Assert.Single(RuleParser.Parse("max_single_purchse > 3000", Vocabulary).Errors);

        Assert.Equal(["max_single_purchse", "max_single_purchase"], error.Arguments.Take(2));
        Assert.Contains("consecutive_purchases", error.Arguments[2], StringComparison.Ordinal);
        Assert.Equal("Unknown name 'max_single_purchse'. Did you mean 'max_single_purchase'?", error.Message);
    }

    [Fact]
    public void Parse_UnknownNameWithNothingClose_ListsTheKnownNames()
    {
        var error = Assert.Single(RuleParser.Parse("zzz = 1", Vocabulary).Errors);

        Assert.Equal("", error.Arguments[1]);
        Assert.StartsWith("Unknown name 'zzz'. Known names: consecutive_purchases, is_member, level,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownFunction_SuggestsAFunction()
    {
        var error = Assert.Single(RuleParser.Parse("taged('x')", Vocabulary).Errors);
        Assert.Equal("tagged", error.Arguments[1]);
    }

    [Fact]
    public void Parse_TypeMismatch_NamesBothTypes()
    {
        var error = Assert.Single(RuleParser.Parse("purchase_count = 'x'", Vocabulary).Errors);
        Assert.Equal(["number", "text"], error.Arguments);
    }

    [Fact]
    public void Parse_SeveralNameAndTypeErrors_ReportsThemAll()
    {
        var errors = RuleParser.Parse("foo > 1 and bar or tagged(2) or region > 1", Vocabulary).Errors;

        Assert.Equal(
            [(RuleErrorCodes.UnknownName, 0, 3), (RuleErrorCodes.UnknownName, 12, 3),
             (RuleErrorCodes.TypeMismatch, 26, 1), (RuleErrorCodes.TypeMismatch, 32, 6)],
            errors.Select(e => (e.Code, e.Position, e.Length)));
    }

    [Fact]
    public void Parse_UnknownName_DoesNotCascadeIntoTypeErrors()
    {
        var errors = RuleParser.Parse("(foo + 1) * 2 > 3 and not foo", Vocabulary).Errors;

        Assert.Equal([(RuleErrorCodes.UnknownName, 1), (RuleErrorCodes.UnknownName, 26)], errors.Select(e => (e.Code, e.Position)));
    }
}
