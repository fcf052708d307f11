using Kefu.Core.Classification.Rules;
using static Kefu.Core.Tests.Classification.Rules.RuleTestData;

namespace Kefu.Core.Tests.Classification.Rules;

/// <summary>Random well-typed rules over <see cref="RuleTestData.Vocabulary"/>. Numbers stay exact in binary floating
/// point (multiples of 0.25, multiplication only by small integers; division only directly compared with a literal) so
/// SQLite's doubles, PostgreSQL's numeric and the evaluator's decimals agree.</summary>
internal sealed class RuleGenerator(Random random)
{
    private static readonly string[] NumberVariables = ["max_single_purchase", "purchase_count", "consecutive_purchases", "total_spent"];
    private static readonly RuleComparisonOperator[] Operators = Enum.GetValues<RuleComparisonOperator>();

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public RuleNode Condition(int depth)
    {
        var choice = random.Next(depth > 0 ? 13 : 5);
        switch (choice)
        {
            case 0:
                return new RuleComparison(Pick(Operators), Number(depth - 1), Number(depth - 1));
            case 1:
                return new RuleFunctionCall("tagged", [new RuleTextLiteral(Pick(TagNames))], RuleType.Boolean);
            case 2:
                return new RuleVariableReference("is_member", RuleType.Boolean);
            case 3:
                return new RuleComparison(random.Next(2) == 0 ? RuleComparisonOperator.Equal : RuleComparisonOperator.NotEqual,
                    Text(), Text());
            case 4:
                return random.Next(4) == 0 ? new RuleBooleanLiteral(random.Next(2) == 0)
                    : new RuleComparison(Pick(Operators), NumberVariable(), Literal());
            case 5:
            case 6:
                var operands = Enumerable.Range(0, random.Next(2, 4)).Select(_ => Condition(depth - 1)).ToList();
                return new RuleLogical(random.Next(2) == 0 ? RuleLogicalOperator.And : RuleLogicalOperator.Or, operands);
            case 7:
                return new RuleNot(Condition(depth - 1));
            case 8:
                return new RuleBetween(Number(depth - 1), Number(0), Number(0), random.Next(2) == 0);
            case 9:
                return random.Next(2) == 0
                    ? new RuleIn(Number(depth - 1), [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Number(0))], random.Next(2) == 0)
                    : new RuleIn(Text(), [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Text())], random.Next(2) == 0);
            case 10:
                return new RuleComparison(Pick(Operators),
                    new RuleArithmetic(RuleArithmeticOperator.Divide, NumberLeaf(), NumberLeaf()), Literal());
            case 11:
                return new RuleIsNull(random.Next(3) switch
                {
                    0 => Number(depth - 1),
                    1 => Text(),
                    _ => random.Next(2) == 0 ? new RuleVariableReference("is_member", RuleType.Boolean) : Condition(depth - 1),
                }, random.Next(2) == 0);
            default:
                return new RuleComparison(random.Next(2) == 0 ? RuleComparisonOperator.Equal : RuleComparisonOperator.NotEqual,
                    Condition(depth - 1), Condition(depth - 1));
        }
    }

    private RuleNode Number(int depth)
    {
        if (depth <= 0)
        {
            return NumberLeaf();
        }

        return random.Next(6) switch
        {
            0 => new RuleArithmetic(RuleArithmeticOperator.Add, Number(depth - 1), Number(depth - 1)),
            1 => new RuleArithmetic(RuleArithmeticOperator.Subtract, Number(depth - 1), Number(depth - 1)),
            2 => new RuleArithmetic(RuleArithmeticOperator.Multiply, Number(depth - 1), new RuleNumberLiteral(random.Next(0, 5))),
            3 => new RuleNegation(Number(depth - 1)),
            4 => new RuleFunctionCall("abs", [Number(depth - 1)], RuleType.Number),
            _ => NumberLeaf(),
        };
    }

    private RuleNode NumberLeaf() => random.Next(3) == 0 ? Literal() : NumberVariable();

    private RuleVariableReference NumberVariable() => new(Pick(NumberVariables), RuleType.Number);

    private RuleNumberLiteral Literal() => new(random.Next(4) switch
    {
        0 => random.Next(0, 6),
        1 => random.Next(0, 10001) / 2m,
        2 => random.Next(0, 80001) / 4m,
        _ => random.Next(0, 20) / 4m,
    });

    private RuleNode Text() => random.Next(5) switch
    {
        0 => new RuleVariableReference("region", RuleType.Text),
        1 => new RuleVariableReference("level", RuleType.Text),
        2 => new RuleFunctionCall("class", [new RuleTextLiteral(Pick(Schemes))], RuleType.Text),
        3 => new RuleTextLiteral(Pick(Levels)),
        _ => new RuleTextLiteral(Pick(Regions)),
    };
}
