using System.Globalization;
using System.Text;

namespace Kefu.Core.Classification.Rules;

/// <summary>Compiles a parsed rule to a boolean SQL predicate that works in a <c>WHERE</c> clause on SQLite and
/// PostgreSQL. Every literal of the rule is a parameter; the only SQL text comes from the vocabulary.</summary>
/// <remarks>Semantics (the same as <see cref="RuleEvaluator"/>):
/// a comparison, <c>between</c> or <c>in</c> with a missing (NULL) value is false — also when negated
/// (<c>!=</c>, <c>not between</c>, <c>not in</c>), while <c>not (…)</c> of a false comparison is true;
/// a missing boolean variable or function result is false; arithmetic with a missing value is missing;
/// division by zero is missing (<c>NULLIF</c>); division is never integer division; <c>x is [not] null</c> tests
/// for a missing value (for a boolean variable or function: its raw value).
/// Numbers are <c>NUMERIC</c> on PostgreSQL (exact) and floating point on SQLite.</remarks>
public static class RuleSqlCompiler
{
    public static RuleSql Compile(RuleNode rule, RuleVocabulary vocabulary, string parameterPrefix = "r")
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (string.IsNullOrEmpty(parameterPrefix) || !(char.IsAsciiLetter(parameterPrefix[0]) || parameterPrefix[0] == '_')
            || !parameterPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException("The parameter prefix must be an ASCII identifier.", nameof(parameterPrefix));
        }

        if (rule.Type != RuleType.Boolean)
        {
            throw new ArgumentException("A rule must be a condition.", nameof(rule));
        }

        var compiler = new Compiler(vocabulary, parameterPrefix);
        return new RuleSql(compiler.Emit(rule), compiler.Parameters);
    }

    private sealed class Compiler(RuleVocabulary vocabulary, string prefix)
    {
        public List<RuleSqlParameter> Parameters { get; } = [];

        private string Parameter(object value)
        {
            var name = "@" + prefix + Parameters.Count.ToString(CultureInfo.InvariantCulture);
            Parameters.Add(new RuleSqlParameter(name, value));
            return name;
        }

        private static string NotNull(string predicate) => "COALESCE(" + predicate + ", FALSE)";

        public string Emit(RuleNode node) => node switch
        {
            RuleNumberLiteral n => "CAST(" + Parameter(n.Value) + " AS NUMERIC)",
            RuleTextLiteral t => Parameter(t.Value),
            RuleBooleanLiteral b => Parameter(b.Value),
            RuleVariableReference v => Variable(v, coalesce: true),
            RuleFunctionCall f => Call(f, coalesce: true),
            RuleNegation neg => "(-(" + Emit(neg.Operand) + "))",
            RuleNot not => "(NOT (" + Emit(not.Operand) + "))",
            RuleArithmetic { Operator: RuleArithmeticOperator.Divide } a =>
                "((" + Emit(a.Left) + ") * 1.0 / NULLIF((" + Emit(a.Right) + "), 0))",
            RuleArithmetic a => "((" + Emit(a.Left) + ") " + a.Operator switch
            {
                RuleArithmeticOperator.Add => "+",
                RuleArithmeticOperator.Subtract => "-",
                _ => "*",
            } + " (" + Emit(a.Right) + "))",
            RuleComparison c => NotNull("(" + Emit(c.Left) + ") " + c.Operator switch
            {
                RuleComparisonOperator.Equal => "=",
                RuleComparisonOperator.NotEqual => "<>",
                RuleComparisonOperator.Less => "<",
                RuleComparisonOperator.LessOrEqual => "<=",
                RuleComparisonOperator.Greater => ">",
                _ => ">=",
            } + " (" + Emit(c.Right) + ")"),
            RuleBetween b => NotNull("(" + Emit(b.Value) + (b.Negated ? ") NOT BETWEEN (" : ") BETWEEN (")
                + Emit(b.Low) + ") AND (" + Emit(b.High) + ")"),
            // One item is an equality: "x IN ((SELECT …))" would be read as a subquery, not a one-item list.
            RuleIn { Items.Count: 1 } i => NotNull("(" + Emit(i.Value) + (i.Negated ? ") <> (" : ") = (") + Emit(i.Items[0]) + ")"),
            RuleIn i => NotNull("(" + Emit(i.Value) + (i.Negated ? ") NOT IN (" : ") IN (")
                + string.Join(", ", i.Items.Select(item => "(" + Emit(item) + ")")) + ")"),
            RuleIsNull n => "((" + (n.Value switch
            {
                RuleVariableReference v => Variable(v, coalesce: false),
                RuleFunctionCall { Type: RuleType.Boolean } f => Call(f, coalesce: false),
                _ => Emit(n.Value),
            }) + (n.Negated ? ") IS NOT NULL)" : ") IS NULL)"),
            RuleLogical l => "(" + string.Join(l.Operator == RuleLogicalOperator.And ? " AND " : " OR ",
                l.Operands.Select(o => "(" + Emit(o) + ")")) + ")",
            _ => throw new ArgumentException($"Unknown rule node {node.GetType().Name}.", nameof(node)),
        };

        private string Variable(RuleVariableReference reference, bool coalesce)
        {
            var variable = vocabulary.FindVariable(reference.Name)
                ?? throw new ArgumentException($"The vocabulary has no variable '{reference.Name}'.", nameof(reference));
            var sql = "(" + variable.Sql + ")";
            return coalesce && variable.Type == RuleType.Boolean ? NotNull(sql) : sql;
        }

        private string Call(RuleFunctionCall call, bool coalesce)
        {
            var function = vocabulary.FindFunction(call.Name)
                ?? throw new ArgumentException($"The vocabulary has no function '{call.Name}'.", nameof(call));
            if (call.Arguments.Count != function.Parameters.Count)
            {
                throw new ArgumentException($"'{call.Name}' takes {function.Parameters.Count} arguments.", nameof(call));
            }

            var arguments = call.Arguments.Select(a => "(" + Emit(a) + ")").ToList();
            var sql = "(" + RuleVocabulary.Placeholder().Replace(function.SqlTemplate,
                m => arguments[int.Parse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture)]) + ")";
            return coalesce && function.Returns == RuleType.Boolean ? NotNull(sql) : sql;
        }
    }
}
