using System.Globalization;
using System.Text;

namespace Kefu.Core.Classification.Rules;

public static partial class RuleParser
{
    /// <summary>The canonical text of a rule: English lower-case keywords, single spaces, only the parentheses the
    /// structure needs, vocabulary spelling of names. Parsing it gives the same tree back.</summary>
    public static string Format(RuleNode rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var text = new StringBuilder();
        Write(text, rule, 0);
        return text.ToString();
    }

    private static int Precedence(RuleNode node) => node switch
    {
        RuleLogical { Operator: RuleLogicalOperator.Or } => 1,
        RuleLogical => 2,
        RuleNot => 3,
        RuleComparison or RuleBetween or RuleIn or RuleIsNull => 4,
        RuleArithmetic { Operator: RuleArithmeticOperator.Add or RuleArithmeticOperator.Subtract } => 5,
        RuleArithmetic => 6,
        RuleNegation => 7,
        RuleNumberLiteral { Value: < 0 } => 7,
        _ => 8,
    };

    private static void Write(StringBuilder text, RuleNode node, int minimum)
    {
        var parenthesise = Precedence(node) < minimum;
        if (parenthesise)
        {
            text.Append('(');
        }

        switch (node)
        {
            case RuleNumberLiteral n:
                text.Append(n.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case RuleTextLiteral t:
                text.Append('\'').Append(t.Value.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
                break;
            case RuleBooleanLiteral b:
                text.Append(b.Value ? "true" : "false");
                break;
            case RuleVariableReference v:
                text.Append(v.Name);
                break;
            case RuleFunctionCall f:
                text.Append(f.Name).Append('(');
                WriteList(text, f.Arguments);
                text.Append(')');
                break;
            case RuleNegation neg:
                text.Append('-');
                var start = text.Length;
                Write(text, neg.Operand, 7);
                if (text.Length > start && text[start] == '-')
                {
                    text.Insert(start, '(').Append(')');
                }

                break;
            case RuleNot not:
                text.Append("not ");
                Write(text, not.Operand, 3);
                break;
            case RuleArithmetic a:
                var precedence = Precedence(a);
                Write(text, a.Left, precedence);
                text.Append(a.Operator switch
                {
                    RuleArithmeticOperator.Add => " + ",
                    RuleArithmeticOperator.Subtract => " - ",
                    RuleArithmeticOperator.Multiply => " * ",
                    _ => " / ",
                });
                Write(text, a.Right, precedence + 1);
                break;
            case RuleComparison c:
                Write(text, c.Left, 5);
                text.Append(c.Operator switch
                {
                    RuleComparisonOperator.Equal => " = ",
                    RuleComparisonOperator.NotEqual => " != ",
                    RuleComparisonOperator.Less => " < ",
                    RuleComparisonOperator.LessOrEqual => " <= ",
                    RuleComparisonOperator.Greater => " > ",
                    _ => " >= ",
                });
                Write(text, c.Right, 5);
                break;
            case RuleBetween b:
                Write(text, b.Value, 5);
                text.Append(b.Negated ? " not between " : " between ");
                Write(text, b.Low, 5);
                text.Append(" and ");
                Write(text, b.High, 5);
                break;
            case RuleIn i:
                Write(text, i.Value, 5);
                text.Append(i.Negated ? " not in (" : " in (");
                WriteList(text, i.Items);
                text.Append(')');
                break;
            case RuleIsNull n:
                Write(text, n.Value, 5);
                text.Append(n.Negated ? " is not null" : " is null");
                break;
            case RuleLogical l:
                var keyword = l.Operator == RuleLogicalOperator.Or ? " or " : " and ";
                var operandMinimum = l.Operator == RuleLogicalOperator.Or ? 2 : 3;
                for (var k = 0; k < l.Operands.Count; k++)
                {
                    if (k > 0)
                    {
                        text.Append(keyword);
                    }

                    Write(text, l.Operands[k], operandMinimum);
                }

                break;
            default:
                throw new ArgumentException($"Unknown rule node {node.GetType().Name}.", nameof(node));
        }

        if (parenthesise)
        {
            text.Append(')');
        }
    }

    private static void WriteList(StringBuilder text, IReadOnlyList<RuleNode> items)
    {
        for (var k = 0; k < items.Count; k++)
        {
            if (k > 0)
            {
                text.Append(", ");
            }

            Write(text, items[k], 0);
        }
    }
}
