namespace Kefu.Core.Classification.Rules;

/// <summary>A node of a parsed, type-checked rule. Nodes are immutable; <see cref="RuleParser.Format"/> gives their
/// canonical text.</summary>
public abstract record RuleNode
{
    /// <summary>The type of the value this node produces.</summary>
    public abstract RuleType Type { get; }
}

public sealed record RuleNumberLiteral(decimal Value) : RuleNode
{
    public override RuleType Type => RuleType.Number;
}

public sealed record RuleTextLiteral(string Value) : RuleNode
{
    public override RuleType Type => RuleType.Text;
}

public sealed record RuleBooleanLiteral(bool Value) : RuleNode
{
    public override RuleType Type => RuleType.Boolean;
}

/// <summary>A vocabulary variable, by its vocabulary name.</summary>
public sealed record RuleVariableReference(string Name, RuleType ValueType) : RuleNode
{
    public override RuleType Type => ValueType;
}

/// <summary>A call of a vocabulary function, by its vocabulary name.</summary>
public sealed record RuleFunctionCall(string Name, IReadOnlyList<RuleNode> Arguments, RuleType Returns) : RuleNode
{
    public override RuleType Type => Returns;
}

/// <summary>Unary minus.</summary>
public sealed record RuleNegation(RuleNode Operand) : RuleNode
{
    public override RuleType Type => RuleType.Number;
}

public sealed record RuleNot(RuleNode Operand) : RuleNode
{
    public override RuleType Type => RuleType.Boolean;
}

public enum RuleArithmeticOperator { Add, Subtract, Multiply, Divide }

public sealed record RuleArithmetic(RuleArithmeticOperator Operator, RuleNode Left, RuleNode Right) : RuleNode
{
    public override RuleType Type => RuleType.Number;
}

public enum RuleComparisonOperator { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

public sealed record RuleComparison(RuleComparisonOperator Operator, RuleNode Left, RuleNode Right) : RuleNode
{
    public override RuleType Type => RuleType.Boolean;
}

/// <summary><c>value [not] between low and high</c> (inclusive).</summary>
public sealed record RuleBetween(RuleNode Value, RuleNode Low, RuleNode High, bool Negated) : RuleNode
{
    public override RuleType Type => RuleType.Boolean;
}

/// <summary><c>value [not] in (item, …)</c>.</summary>
public sealed record RuleIn(RuleNode Value, IReadOnlyList<RuleNode> Items, bool Negated) : RuleNode
{
    public override RuleType Type => RuleType.Boolean;
}

/// <summary><c>value is [not] null</c>: whether the value is missing. This is the only way to test for a missing
/// value, since comparisons with one are false.</summary>
public sealed record RuleIsNull(RuleNode Value, bool Negated) : RuleNode
{
    public override RuleType Type => RuleType.Boolean;
}

public enum RuleLogicalOperator { And, Or }

/// <summary>Two or more conditions joined by one operator (a chain <c>a or b or c</c> is one node).</summary>
public sealed record RuleLogical(RuleLogicalOperator Operator, IReadOnlyList<RuleNode> Operands) : RuleNode
{
    public override RuleType Type => RuleType.Boolean;
}
