using System.Globalization;
using System.Text.RegularExpressions;

namespace Kefu.Core.Classification.Rules;

/// <summary>The type of a rule expression or of a vocabulary entry.</summary>
public enum RuleType { Number, Text, Boolean }

/// <summary>A customer aggregate a rule may name, e.g. <c>max_single_purchase</c>; <paramref name="Sql"/> is the
/// SQL expression that reads it (e.g. <c>m.max_single_purchase</c>). It may be NULL (no data): comparisons with a
/// missing value are false and a missing boolean counts as false.</summary>
public sealed record RuleVariable(string Name, RuleType Type, string Sql, string Description);

/// <summary>A function a rule may call, e.g. <c>tagged('potential')</c>. <paramref name="SqlTemplate"/> uses
/// <c>{0}</c>, <c>{1}</c>… for the compiled arguments (each argument is a parenthesised SQL expression whose
/// literals are parameters).</summary>
public sealed record RuleFunction(
    string Name, IReadOnlyList<RuleType> Parameters, RuleType Returns, string SqlTemplate, string Description);

/// <summary>The names a rule may use. Names are matched case-insensitively; a name is either a variable or a
/// function, never both, and never a keyword of the language.</summary>
public sealed partial class RuleVocabulary
{
    private readonly Dictionary<string, RuleVariable> variables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, RuleFunction> functions = new(StringComparer.OrdinalIgnoreCase);

    public RuleVocabulary(IEnumerable<RuleVariable> variables, IEnumerable<RuleFunction> functions)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(functions);
        foreach (var variable in variables)
        {
            ArgumentNullException.ThrowIfNull(variable);
            CheckName(variable.Name);
            if (string.IsNullOrWhiteSpace(variable.Sql))
            {
                throw new ArgumentException($"Variable '{variable.Name}' has no SQL.", nameof(variables));
            }

            if (!this.variables.TryAdd(variable.Name, variable))
            {
                throw new ArgumentException($"Duplicate rule name '{variable.Name}'.", nameof(variables));
            }
        }

        foreach (var function in functions)
        {
            ArgumentNullException.ThrowIfNull(function);
            ArgumentNullException.ThrowIfNull(function.Parameters);
            CheckName(function.Name);
            if (string.IsNullOrWhiteSpace(function.SqlTemplate))
            {
                throw new ArgumentException($"Function '{function.Name}' has no SQL template.", nameof(functions));
            }

            foreach (Match placeholder in Placeholder().Matches(function.SqlTemplate))
            {
                if (!int.TryParse(placeholder.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    || index >= function.Parameters.Count)
                {
                    throw new ArgumentException(
                        $"Function '{function.Name}' uses {placeholder.Value} but has {function.Parameters.Count} parameters.",
                        nameof(functions));
                }
            }

            if (this.variables.ContainsKey(function.Name) || !this.functions.TryAdd(function.Name, function))
            {
                throw new ArgumentException($"Duplicate rule name '{function.Name}'.", nameof(functions));
            }
        }

        Variables = [.. this.variables.Values.OrderBy(v => v.Name, StringComparer.Ordinal)];
        Functions = [.. this.functions.Values.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    public IReadOnlyList<RuleVariable> Variables { get; }

    public IReadOnlyList<RuleFunction> Functions { get; }

    public RuleVariable? FindVariable(string name) => variables.GetValueOrDefault(name);

    public RuleFunction? FindFunction(string name) => functions.GetValueOrDefault(name);

    [GeneratedRegex(@"\{(\d+)\}")]
    internal static partial Regex Placeholder();

    private static void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || !RuleLexer.IsIdentifier(name) || RuleLexer.IsKeyword(name))
        {
            throw new ArgumentException($"'{name}' is not a valid rule name.", nameof(name));
        }
    }
}

/// <summary>A problem with a rule's text. <paramref name="Code"/> is stable (see <see cref="RuleErrorCodes"/>) and
/// with <see cref="Arguments"/> lets the caller show a localised message; <paramref name="Message"/> is the English
/// fallback. <paramref name="Position"/> and <paramref name="Length"/> are 0-based UTF-16 offsets into the text
/// (as JavaScript string indices), for underlining.</summary>
public sealed record RuleError(string Code, string Message, int Position, int Length)
{
    /// <summary>The values the message is built from, in the order the code's message uses them ({0}, {1}…).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];
}

public sealed record RuleParseResult(RuleNode? Rule, IReadOnlyList<RuleError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>A compiled rule: a boolean SQL predicate over the vocabulary's SQL and its parameters.</summary>
public sealed record RuleSql(string Sql, IReadOnlyList<RuleSqlParameter> Parameters);

/// <summary>A parameter of a compiled rule. <paramref name="Name"/> includes the <c>@</c> (e.g. <c>@r0</c>);
/// <paramref name="Value"/> is a <see cref="decimal"/>, <see cref="string"/> or <see cref="bool"/>.</summary>
public sealed record RuleSqlParameter(string Name, object Value);

/// <summary>The stable error codes of <see cref="RuleError"/>; the arguments each one carries are listed.</summary>
public static class RuleErrorCodes
{
    /// <summary>The rule is empty. No arguments.</summary>
    public const string Empty = "rule.empty";
    /// <summary>The rule is longer than the limit. {0} = maximum length.</summary>
    public const string TooLong = "rule.too-long";
    /// <summary>The rule nests too deeply. {0} = maximum depth.</summary>
    public const string TooDeep = "rule.too-deep";
    /// <summary>The rule has too many parts. {0} = maximum number of nodes.</summary>
    public const string TooComplex = "rule.too-complex";
    /// <summary>A string is not closed. No arguments.</summary>
    public const string UnterminatedString = "rule.unterminated-string";
    /// <summary>A character that the language does not use. {0} = the character.</summary>
    public const string InvalidCharacter = "rule.invalid-character";
    /// <summary>A malformed or out-of-range number. {0} = the text.</summary>
    public const string InvalidNumber = "rule.invalid-number";
    /// <summary>An expression was expected. {0} = what was found ("" at the end of the text).</summary>
    public const string ExpectedExpression = "rule.expected-expression";
    /// <summary>A given symbol was expected. {0} = the symbol (")", "(", ",", "and"), {1} = what was found ("" at the end).</summary>
    public const string ExpectedToken = "rule.expected-token";
    /// <summary>Text after a complete rule. {0} = the text.</summary>
    public const string TrailingText = "rule.trailing-text";
    /// <summary>An unknown name. {0} = the name, {1} = the closest known name or "", {2} = the known names, comma-separated.</summary>
    public const string UnknownName = "rule.unknown-name";
    /// <summary>An unknown function. {0} = the name, {1} = the closest known function or "", {2} = the known functions.</summary>
    public const string UnknownFunction = "rule.unknown-function";
    /// <summary>A variable is called like a function. {0} = the name.</summary>
    public const string NotAFunction = "rule.not-a-function";
    /// <summary>A function is used without its argument list. {0} = the name.</summary>
    public const string MissingArguments = "rule.missing-arguments";
    /// <summary>A function is called with the wrong number of arguments. {0} = the name, {1} = expected, {2} = given.</summary>
    public const string ArgumentCount = "rule.argument-count";
    /// <summary>An operand has the wrong type. {0} = expected type, {1} = actual type ("number", "text", "boolean").</summary>
    public const string TypeMismatch = "rule.type-mismatch";
    /// <summary>The whole rule is not a condition. {0} = its type.</summary>
    public const string NotBoolean = "rule.not-boolean";
}
