using System.Globalization;

namespace Kefu.Core.Classification.Rules;

/// <summary>Evaluates a parsed rule in memory with the same semantics as <see cref="RuleSqlCompiler"/> (see its
/// remarks): used to explain one customer's class and to check the SQL.</summary>
public static class RuleEvaluator
{
    /// <param name="rule">A rule from <see cref="RuleParser.Parse"/>.</param>
    /// <param name="variable">The value of a variable by its vocabulary name: a number (any numeric type), a string,
    /// a bool, or null when missing.</param>
    /// <param name="function">The result of a function by its vocabulary name and its evaluated arguments
    /// (<see cref="decimal"/>, <see cref="string"/>, <see cref="bool"/> or null).</param>
    public static bool Evaluate(RuleNode rule, Func<string, object?> variable, Func<string, object?[], object?> function)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(function);
        return new Evaluator(variable, function).Condition(rule);
    }

    private sealed class Evaluator(Func<string, object?> variable, Func<string, object?[], object?> function)
    {
        public bool Condition(RuleNode node) => node switch
        {
            RuleBooleanLiteral b => b.Value,
            RuleVariableReference v => ToBoolean(variable(v.Name)) ?? false,
            RuleFunctionCall f => ToBoolean(Call(f)) ?? false,
            RuleNot not => !Condition(not.Operand),
            RuleLogical { Operator: RuleLogicalOperator.And } l => l.Operands.All(Condition),
            RuleLogical l => l.Operands.Any(Condition),
            RuleComparison c => Compare(c) ?? false,
            RuleBetween b => Between(b) ?? false,
            RuleIn i => In(i) ?? false,
            RuleIsNull n => (n.Value switch
            {
                RuleVariableReference { Type: RuleType.Boolean } v => ToBoolean(variable(v.Name)),
                RuleFunctionCall { Type: RuleType.Boolean } f => ToBoolean(Call(f)),
                _ => Value(n.Value),
            } is null) != n.Negated,
            _ => throw new ArgumentException($"{node.GetType().Name} is not a condition.", nameof(node)),
        };

        private object? Value(RuleNode node) => node.Type switch
        {
            RuleType.Number => Number(node),
            RuleType.Text => Text(node),
            _ => Condition(node),
        };

        private object? Call(RuleFunctionCall call) =>
            function(call.Name, [.. call.Arguments.Select(Value)]);

        private decimal? Number(RuleNode node)
        {
            switch (node)
            {
                case RuleNumberLiteral n:
                    return n.Value;
                case RuleVariableReference v:
                    return ToNumber(variable(v.Name));
                case RuleFunctionCall f:
                    return ToNumber(Call(f));
                case RuleNegation neg:
                    return -Number(neg.Operand);
                case RuleArithmetic a:
                    var left = Number(a.Left);
                    var right = Number(a.Right);
                    if (left is not { } l || right is not { } r)
                    {
                        return null;
                    }

                    try
                    {
                        return a.Operator switch
                        {
                            RuleArithmeticOperator.Add => l + r,
                            RuleArithmeticOperator.Subtract => l - r,
                            RuleArithmeticOperator.Multiply => l * r,
                            _ => r == 0 ? null : l / r,
                        };
                    }
                    catch (OverflowException)
                    {
                        return null;
                    }

                default:
                    throw new ArgumentException($"{node.GetType().Name} is not a number.", nameof(node));
            }
        }

        private string? Text(RuleNode node) => node switch
        {
            RuleTextLiteral t => t.Value,
            RuleVariableReference v => ToText(variable(v.Name)),
            RuleFunctionCall f => ToText(Call(f)),
            _ => throw new ArgumentException($"{node.GetType().Name} is not text.", nameof(node)),
        };

        /// <summary>SQL's three-valued comparison: null when either side is missing.</summary>
        private static bool? Compare(RuleComparisonOperator op, object? left, object? right)
        {
            if (left is null || right is null)
            {
                return null;
            }

            var order = (left, right) switch
            {
                (decimal l, decimal r) => l.CompareTo(r),
                (string l, string r) => string.CompareOrdinal(l, r),
                (bool l, bool r) => l.CompareTo(r),
                _ => throw new ArgumentException("Operands of different types."),
            };
            return op switch
            {
                RuleComparisonOperator.Equal => order == 0,
                RuleComparisonOperator.NotEqual => order != 0,
                RuleComparisonOperator.Less => order < 0,
                RuleComparisonOperator.LessOrEqual => order <= 0,
                RuleComparisonOperator.Greater => order > 0,
                _ => order >= 0,
            };
        }

        private bool? Compare(RuleComparison c) => Compare(c.Operator, Value(c.Left), Value(c.Right));

        private bool? Between(RuleBetween b)
        {
            var value = Number(b.Value);
            var inside = And(
                Compare(RuleComparisonOperator.GreaterOrEqual, value, Number(b.Low)),
                Compare(RuleComparisonOperator.LessOrEqual, value, Number(b.High)));
            return b.Negated ? !inside : inside;
        }

        private bool? In(RuleIn i)
        {
            var value = Value(i.Value);
            bool? found = false;
            foreach (var item in i.Items)
            {
                var equal = Compare(RuleComparisonOperator.Equal, value, Value(item));
                if (equal == true)
                {
                    found = true;
                    break;
                }

                if (equal is null)
                {
                    found = null;
                }
            }

            return i.Negated ? !found : found;
        }

        private static bool? And(bool? left, bool? right) =>
            left == false || right == false ? false : left is null || right is null ? null : true;
    }

    private static decimal? ToNumber(object? value)
    {
        try
        {
            return value switch
            {
                null or DBNull => null,
                decimal d => d,
                double d => double.IsFinite(d) ? (decimal)d : null,
                float f => float.IsFinite(f) ? (decimal)f : null,
                bool b => b ? 1m : 0m,
                IConvertible c when value is not string and not char => c.ToDecimal(CultureInfo.InvariantCulture),
                _ => null,
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static string? ToText(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static bool? ToBoolean(object? value) => value switch
    {
        null or DBNull => null,
        bool b => b,
        _ => ToNumber(value) is { } n ? n != 0 : null,
    };
}
