using System.Globalization;

namespace Kefu.Core.Classification.Rules;

/// <summary>Parses and type-checks rule text against a vocabulary. Never throws on any text: every problem is a
/// <see cref="RuleError"/>. Syntax errors stop at the first one; name and type errors are all reported.</summary>
public static partial class RuleParser
{
    /// <summary>Longest accepted rule text, in characters.</summary>
    public const int MaxLength = 2000;

    /// <summary>Deepest accepted nesting (parentheses, not, unary minus, and the height of the rule's tree).</summary>
    public const int MaxDepth = 50;

    /// <summary>Most nodes a rule may have.</summary>
    public const int MaxNodes = 500;

    /// <summary>Most errors reported for one text.</summary>
    public const int MaxErrors = 20;

    public static RuleParseResult Parse(string text, RuleVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        text ??= "";
        if (text.Length > MaxLength)
        {
            return Failed(Error(RuleErrorCodes.TooLong, MaxLength, text.Length - MaxLength, Invariant(MaxLength)));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Failed(Error(RuleErrorCodes.Empty, 0, text.Length));
        }

        var (tokens, lexError) = RuleLexer.Tokenize(text);
        if (lexError is not null)
        {
            return Failed(lexError);
        }

        return new Parser(tokens, vocabulary).Run();
    }

    private static RuleParseResult Failed(RuleError error) => new(null, [error]);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string TypeName(RuleType type) => type switch
    {
        RuleType.Number => "number",
        RuleType.Text => "text",
        _ => "boolean",
    };

    internal static RuleError Error(string code, int position, int length, params string[] args)
    {
        string Arg(int i) => i < args.Length ? args[i] : "";
        var message = code switch
        {
            RuleErrorCodes.Empty => "The rule is empty.",
            RuleErrorCodes.TooLong => $"The rule is longer than {Arg(0)} characters.",
            RuleErrorCodes.TooDeep => $"The rule is nested more than {Arg(0)} levels deep.",
            RuleErrorCodes.TooComplex => $"The rule has more than {Arg(0)} parts.",
            RuleErrorCodes.UnterminatedString => "The text is not closed: add a ' at its end.",
            RuleErrorCodes.InvalidCharacter => $"The character '{Arg(0)}' cannot be used here.",
            RuleErrorCodes.InvalidNumber => $"'{Arg(0)}' is not a valid number.",
            RuleErrorCodes.ExpectedExpression => Arg(0).Length == 0
                ? "A value or condition is missing at the end."
                : $"Expected a value or condition but found '{Arg(0)}'.",
            RuleErrorCodes.ExpectedToken => Arg(1).Length == 0
                ? $"Expected '{Arg(0)}' at the end."
                : $"Expected '{Arg(0)}' but found '{Arg(1)}'.",
            RuleErrorCodes.TrailingText => $"Unexpected text after the end of the rule: '{Arg(0)}'.",
            RuleErrorCodes.UnknownName => Arg(1).Length > 0
                ? $"Unknown name '{Arg(0)}'. Did you mean '{Arg(1)}'?"
                : $"Unknown name '{Arg(0)}'. Known names: {Arg(2)}.",
            RuleErrorCodes.UnknownFunction => Arg(1).Length > 0
                ? $"Unknown function '{Arg(0)}'. Did you mean '{Arg(1)}'?"
                : $"Unknown function '{Arg(0)}'. Known functions: {Arg(2)}.",
            RuleErrorCodes.NotAFunction => $"'{Arg(0)}' is a value, not a function: remove the parentheses.",
            RuleErrorCodes.MissingArguments => $"'{Arg(0)}' is a function: write {Arg(0)}(…).",
            RuleErrorCodes.ArgumentCount => $"'{Arg(0)}' takes {Arg(1)} argument(s) but is given {Arg(2)}.",
            RuleErrorCodes.TypeMismatch => $"Expected a {Arg(0)} here but this is a {Arg(1)}.",
            RuleErrorCodes.NotBoolean => $"The rule must be a condition (true or false) but it is a {Arg(0)}.",
            _ => code,
        };
        return new RuleError(code, message, position, length) { Arguments = args };
    }

    /// <summary>An operand while parsing: the node (null when a part of it is in error), its type (null when
    /// unknown), its text span, and the height of its tree.</summary>
    private readonly record struct Operand(RuleNode? Node, RuleType? Type, int Start, int End, int Height)
    {
        public int Length => End - Start;
    }

    private sealed class Parser(List<Token> tokens, RuleVocabulary vocabulary)
    {
        private readonly List<RuleError> errors = [];
        private int index;
        private int depth;
        private int nodes;
        private bool stopped;

        private Token Current => stopped ? tokens[^1] : tokens[index];

        private Token PeekNext => stopped || index + 1 >= tokens.Count ? tokens[^1] : tokens[index + 1];

        public RuleParseResult Run()
        {
            var rule = ParseOr();
            if (!stopped && Current.Kind != TokenKind.End)
            {
                var first = Current;
                var last = tokens[^2];
                var text = string.Join(" ", tokens.Skip(index).SkipLast(1).Select(t => t.Text));
                Stop(Error(RuleErrorCodes.TrailingText, first.Position, last.End - first.Position, text));
            }

            if (errors.Count == 0 && rule.Type is { } type && type != RuleType.Boolean)
            {
                Report(Error(RuleErrorCodes.NotBoolean, rule.Start, rule.Length, TypeName(type)));
            }

            return errors.Count == 0 && rule.Node is not null
                ? new RuleParseResult(rule.Node, [])
                : new RuleParseResult(null, errors.Count > 0 ? errors : [Error(RuleErrorCodes.Empty, 0, 0)]);
        }

        private Token Advance()
        {
            var token = Current;
            if (!stopped && index < tokens.Count - 1)
            {
                index++;
            }

            return token;
        }

        private bool At(TokenKind kind) => Current.Kind == kind;

        private void Stop(RuleError error)
        {
            if (!stopped)
            {
                Report(error);
                stopped = true;
            }
        }

        /// <summary>Keeps the first <see cref="MaxErrors"/> errors: more would not help anyone.</summary>
        private void Report(RuleError error)
        {
            if (errors.Count < MaxErrors)
            {
                errors.Add(error);
            }
        }

        private static Operand Poisoned(RuleType? type, int start, int end) => new(null, type, start, end, 0);

        private bool Enter(Token token)
        {
            if (++depth > MaxDepth)
            {
                Stop(Error(RuleErrorCodes.TooDeep, token.Position, token.Length, Invariant(MaxDepth)));
                return false;
            }

            return true;
        }

        private void Leave() => depth--;

        private bool Expect(TokenKind kind, string symbol)
        {
            if (At(kind))
            {
                Advance();
                return true;
            }

            if (!stopped)
            {
                var found = Current;
                Stop(Error(RuleErrorCodes.ExpectedToken, found.Position, found.Length, symbol, found.Text));
            }

            return false;
        }

        /// <summary>Builds a node from operands, or a poisoned operand when one of them is poisoned.</summary>
        private Operand Make(RuleType type, int start, int end, ReadOnlySpan<Operand> children, Func<RuleNode> build, bool ok = true)
        {
            var height = 0;
            foreach (var child in children)
            {
                ok &= child.Node is not null;
                height = Math.Max(height, child.Height);
            }

            if (!ok || stopped)
            {
                return Poisoned(type, start, end);
            }

            if (height + 1 > MaxDepth)
            {
                Stop(Error(RuleErrorCodes.TooDeep, start, end - start, Invariant(MaxDepth)));
                return Poisoned(type, start, end);
            }

            if (++nodes > MaxNodes)
            {
                Stop(Error(RuleErrorCodes.TooComplex, start, end - start, Invariant(MaxNodes)));
                return Poisoned(type, start, end);
            }

            return new Operand(build(), type, start, end, height + 1);
        }

        /// <summary>Reports a type error unless the operand's type is unknown (already in error); true when it fits.</summary>
        private bool Require(Operand operand, RuleType expected)
        {
            if (operand.Type is not { } actual || actual == expected)
            {
                return operand.Type is not null;
            }

            if (!stopped)
            {
                Report(Error(RuleErrorCodes.TypeMismatch, operand.Start, operand.Length, TypeName(expected), TypeName(actual)));
            }

            return false;
        }

        private Operand ParseOr() => ParseLogical(TokenKind.Or, RuleLogicalOperator.Or, ParseAnd);

        private Operand ParseAnd() => ParseLogical(TokenKind.And, RuleLogicalOperator.And, ParseNot);

        private Operand ParseLogical(TokenKind kind, RuleLogicalOperator op, Func<Operand> operand)
        {
            var first = operand();
            if (!At(kind))
            {
                return first;
            }

            var operands = new List<Operand> { first };
            while (At(kind) && !stopped)
            {
                Advance();
                operands.Add(operand());
            }

            var ok = true;
            foreach (var item in operands)
            {
                ok &= Require(item, RuleType.Boolean);
            }

            return Make(RuleType.Boolean, first.Start, operands[^1].End, operands.ToArray(),
                () => new RuleLogical(op, [.. operands.Select(o => o.Node!)]), ok);
        }

        private Operand ParseNot()
        {
            if (!At(TokenKind.Not))
            {
                return ParseComparison();
            }

            var not = Advance();
            if (!Enter(not))
            {
                return Poisoned(RuleType.Boolean, not.Position, not.End);
            }

            var operand = ParseNot();
            Leave();
            var ok = Require(operand, RuleType.Boolean);
            return Make(RuleType.Boolean, not.Position, operand.End, [operand], () => new RuleNot(operand.Node!), ok);
        }

        private Operand ParseComparison()
        {
            var left = ParseAdditive();
            var negated = false;
            if (At(TokenKind.Not) && PeekNext.Kind is TokenKind.Between or TokenKind.In)
            {
                Advance();
                negated = true;
            }

            switch (Current.Kind)
            {
                case TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual
                    or TokenKind.Greater or TokenKind.GreaterOrEqual when !negated:
                {
                    var op = Advance().Kind switch
                    {
                        TokenKind.Equal => RuleComparisonOperator.Equal,
                        TokenKind.NotEqual => RuleComparisonOperator.NotEqual,
                        TokenKind.Less => RuleComparisonOperator.Less,
                        TokenKind.LessOrEqual => RuleComparisonOperator.LessOrEqual,
                        TokenKind.Greater => RuleComparisonOperator.Greater,
                        _ => RuleComparisonOperator.GreaterOrEqual,
                    };
                    var right = ParseAdditive();
                    var ordering = op is not (RuleComparisonOperator.Equal or RuleComparisonOperator.NotEqual);
                    var ok = ordering
                        ? Require(left, RuleType.Number) & Require(right, RuleType.Number)
                        : left.Type is { } leftType && Require(right, leftType);
                    return Make(RuleType.Boolean, left.Start, right.End, [left, right],
                        () => new RuleComparison(op, left.Node!, right.Node!), ok);
                }

                case TokenKind.Is when !negated:
                {
                    Advance();
                    var isNot = At(TokenKind.Not);
                    if (isNot)
                    {
                        Advance();
                    }

                    var nullToken = Current;
                    Expect(TokenKind.Null, "null");
                    return Make(RuleType.Boolean, left.Start, nullToken.End, [left],
                        () => new RuleIsNull(left.Node!, isNot), left.Type is not null);
                }

                case TokenKind.Between:
                {
                    Advance();
                    var low = ParseAdditive();
                    Expect(TokenKind.And, "and");
                    var high = ParseAdditive();
                    var ok = Require(left, RuleType.Number) & Require(low, RuleType.Number) & Require(high, RuleType.Number);
                    return Make(RuleType.Boolean, left.Start, high.End, [left, low, high],
                        () => new RuleBetween(left.Node!, low.Node!, high.Node!, negated), ok);
                }

                case TokenKind.In:
                {
                    Advance();
                    var open = Current;
                    if (!Expect(TokenKind.OpenParen, "(") || !Enter(open))
                    {
                        return Poisoned(RuleType.Boolean, left.Start, open.End);
                    }

                    var items = new List<Operand> { ParseOr() };
                    while (At(TokenKind.Comma) && !stopped)
                    {
                        Advance();
                        items.Add(ParseOr());
                    }

                    Leave();
                    var close = Current;
                    Expect(TokenKind.CloseParen, ")");
                    var ok = left.Type is not null;
                    foreach (var item in items)
                    {
                        ok &= left.Type is { } type ? Require(item, type) : item.Type is not null;
                    }

                    return Make(RuleType.Boolean, left.Start, close.End, [left, .. items],
                        () => new RuleIn(left.Node!, [.. items.Select(i => i.Node!)], negated), ok);
                }

                default:
                    return left;
            }
        }

        private Operand ParseAdditive()
        {
            var left = ParseMultiplicative();
            while (At(TokenKind.Plus) || At(TokenKind.Minus))
            {
                var op = Advance().Kind == TokenKind.Plus ? RuleArithmeticOperator.Add : RuleArithmeticOperator.Subtract;
                var right = ParseMultiplicative();
                left = Arithmetic(op, left, right);
            }

            return left;
        }

        private Operand ParseMultiplicative()
        {
            var left = ParseUnary();
            while (At(TokenKind.Star) || At(TokenKind.Slash))
            {
                var op = Advance().Kind == TokenKind.Star ? RuleArithmeticOperator.Multiply : RuleArithmeticOperator.Divide;
                var right = ParseUnary();
                left = Arithmetic(op, left, right);
            }

            return left;
        }

        private Operand Arithmetic(RuleArithmeticOperator op, Operand left, Operand right)
        {
            var ok = Require(left, RuleType.Number) & Require(right, RuleType.Number);
            return Make(RuleType.Number, left.Start, right.End, [left, right],
                () => new RuleArithmetic(op, left.Node!, right.Node!), ok);
        }

        private Operand ParseUnary()
        {
            if (!At(TokenKind.Minus))
            {
                return ParsePrimary();
            }

            var minus = Advance();
            if (!Enter(minus))
            {
                return Poisoned(RuleType.Number, minus.Position, minus.End);
            }

            var operand = ParseUnary();
            Leave();
            var ok = Require(operand, RuleType.Number);
            return Make(RuleType.Number, minus.Position, operand.End, [operand], () => new RuleNegation(operand.Node!), ok);
        }

        private Operand ParsePrimary()
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Number:
                    Advance();
                    return Make(RuleType.Number, token.Position, token.End, [], () => new RuleNumberLiteral(token.Number));
                case TokenKind.Text:
                    Advance();
                    return Make(RuleType.Text, token.Position, token.End, [], () => new RuleTextLiteral(token.Text));
                case TokenKind.True or TokenKind.False:
                    Advance();
                    return Make(RuleType.Boolean, token.Position, token.End, [],
                        () => new RuleBooleanLiteral(token.Kind == TokenKind.True));
                case TokenKind.Identifier:
                    Advance();
                    return At(TokenKind.OpenParen) ? ParseCall(token) : Variable(token);
                case TokenKind.OpenParen:
                {
                    Advance();
                    if (!Enter(token))
                    {
                        return Poisoned(null, token.Position, token.End);
                    }

                    var inner = ParseOr();
                    Leave();
                    var close = Current;
                    Expect(TokenKind.CloseParen, ")");
                    return inner with { Start = token.Position, End = close.End };
                }

                default:
                    Stop(Error(RuleErrorCodes.ExpectedExpression, token.Position, token.Length, token.Text));
                    return Poisoned(null, token.Position, token.End);
            }
        }

        private Operand Variable(Token name)
        {
            if (vocabulary.FindVariable(name.Text) is { } variable)
            {
                return Make(variable.Type, name.Position, name.End, [],
                    () => new RuleVariableReference(variable.Name, variable.Type));
            }

            if (vocabulary.FindFunction(name.Text) is { } function)
            {
                Report(Error(RuleErrorCodes.MissingArguments, name.Position, name.Length, function.Name));
                return Poisoned(function.Returns, name.Position, name.End);
            }

            var known = vocabulary.Variables.Select(v => v.Name).ToList();
            Report(Error(RuleErrorCodes.UnknownName, name.Position, name.Length,
                name.Text, Suggest(name.Text, known) ?? "", string.Join(", ", known)));
            return Poisoned(null, name.Position, name.End);
        }

        private Operand ParseCall(Token name)
        {
            var open = Advance();
            if (!Enter(open))
            {
                return Poisoned(null, name.Position, open.End);
            }

            var arguments = new List<Operand>();
            if (!At(TokenKind.CloseParen))
            {
                arguments.Add(ParseOr());
                while (At(TokenKind.Comma) && !stopped)
                {
                    Advance();
                    arguments.Add(ParseOr());
                }
            }

            Leave();
            var close = Current;
            Expect(TokenKind.CloseParen, ")");
            var function = vocabulary.FindFunction(name.Text);
            if (function is null)
            {
                if (vocabulary.FindVariable(name.Text) is { } variable)
                {
                    Report(Error(RuleErrorCodes.NotAFunction, name.Position, name.Length, variable.Name));
                    return Poisoned(variable.Type, name.Position, close.End);
                }

                var known = vocabulary.Functions.Select(f => f.Name).ToList();
                Report(Error(RuleErrorCodes.UnknownFunction, name.Position, name.Length,
                    name.Text, Suggest(name.Text, known) ?? "", string.Join(", ", known)));
                return Poisoned(null, name.Position, close.End);
            }

            var ok = true;
            if (arguments.Count != function.Parameters.Count)
            {
                Report(Error(RuleErrorCodes.ArgumentCount, name.Position, close.End - name.Position, function.Name,
                    Invariant(function.Parameters.Count), Invariant(arguments.Count)));
                ok = false;
            }
            else
            {
                for (var i = 0; i < arguments.Count; i++)
                {
                    ok &= Require(arguments[i], function.Parameters[i]);
                }
            }

            return Make(function.Returns, name.Position, close.End, arguments.ToArray(),
                () => new RuleFunctionCall(function.Name, [.. arguments.Select(a => a.Node!)], function.Returns), ok);
        }
    }

    /// <summary>The known name closest to <paramref name="name"/> (edit distance, ignoring case), if close enough.</summary>
    internal static string? Suggest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(name.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best is not null && bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
