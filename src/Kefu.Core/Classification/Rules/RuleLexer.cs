using System.Globalization;
using System.Text;

namespace Kefu.Core.Classification.Rules;

internal enum TokenKind
{
    End, Number, Text, Identifier,
    And, Or, Not, Between, In, True, False, Is, Null,
    Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual,
    Plus, Minus, Star, Slash, OpenParen, CloseParen, Comma,
}

internal readonly record struct Token(TokenKind Kind, int Position, int Length, string Text, decimal Number = 0m)
{
    public int End => Position + Length;
}

/// <summary>Splits rule text into tokens. Keywords are case-insensitive; 且/或/非 are and/or/not and always stand
/// alone (so <c>a且b</c> works without spaces); full-width parentheses and comma are accepted.</summary>
internal static class RuleLexer
{
    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["and"] = TokenKind.And, ["or"] = TokenKind.Or, ["not"] = TokenKind.Not, ["between"] = TokenKind.Between,
        ["in"] = TokenKind.In, ["true"] = TokenKind.True, ["false"] = TokenKind.False, ["is"] = TokenKind.Is,
        ["null"] = TokenKind.Null,
    };

    public static bool IsKeyword(string name) => Keywords.ContainsKey(name);

    public static bool IsIdentifier(string name) =>
        name.Length > 0 && IsIdentifierStart(name[0]) && name.Skip(1).All(IsIdentifierPart);

    private static bool IsChineseKeyword(char c) => c is '且' or '或' or '非';

    private static bool IsIdentifierStart(char c) => c == '_' || (char.IsLetter(c) && !IsChineseKeyword(c));

    private static bool IsIdentifierPart(char c) => c == '_' || (char.IsLetterOrDigit(c) && !IsChineseKeyword(c));

    public static (List<Token> Tokens, RuleError? Error) Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (c is >= '0' and <= '9')
            {
                while (i < text.Length && text[i] is >= '0' and <= '9')
                {
                    i++;
                }

                if (i + 1 < text.Length && text[i] == '.' && text[i + 1] is >= '0' and <= '9')
                {
                    i += 2;
                    while (i < text.Length && text[i] is >= '0' and <= '9')
                    {
                        i++;
                    }
                }

                var valid = true;
                while (i < text.Length && (text[i] == '.' || IsIdentifierPart(text[i])))
                {
                    valid = false;
                    i++;
                }

                var literal = text[start..i];
                if (!valid || !decimal.TryParse(literal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                {
                    return (tokens, RuleParser.Error(RuleErrorCodes.InvalidNumber, start, i - start, literal));
                }

                tokens.Add(new Token(TokenKind.Number, start, i - start, literal, number));
                continue;
            }

            if (c == '\'')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        return (tokens, RuleParser.Error(RuleErrorCodes.UnterminatedString, start, text.Length - start));
                    }

                    if (text[i] == '\'')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            value.Append('\'');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    value.Append(text[i]);
                    i++;
                }

                tokens.Add(new Token(TokenKind.Text, start, i - start, value.ToString()));
                continue;
            }

            if (IsIdentifierStart(c))
            {
                while (i < text.Length && IsIdentifierPart(text[i]))
                {
                    i++;
                }

                var word = text[start..i];
                tokens.Add(new Token(Keywords.GetValueOrDefault(word, TokenKind.Identifier), start, i - start, word));
                continue;
            }

            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            (TokenKind Kind, int Length)? symbol = c switch
            {
                '且' => (TokenKind.And, 1),
                '或' => (TokenKind.Or, 1),
                '非' => (TokenKind.Not, 1),
                '(' or '（' => (TokenKind.OpenParen, 1),
                ')' or '）' => (TokenKind.CloseParen, 1),
                ',' or '，' => (TokenKind.Comma, 1),
                '+' => (TokenKind.Plus, 1),
                '-' => (TokenKind.Minus, 1),
                '*' => (TokenKind.Star, 1),
                '/' => (TokenKind.Slash, 1),
                '=' when next == '=' => (TokenKind.Equal, 2),
                '=' => (TokenKind.Equal, 1),
                '!' when next == '=' => (TokenKind.NotEqual, 2),
                '<' when next == '>' => (TokenKind.NotEqual, 2),
                '<' when next == '=' => (TokenKind.LessOrEqual, 2),
                '<' => (TokenKind.Less, 1),
                '>' when next == '=' => (TokenKind.GreaterOrEqual, 2),
                '>' => (TokenKind.Greater, 1),
                _ => null,
            };
            if (symbol is not { } s)
            {
                var length = char.IsHighSurrogate(c) && char.IsLowSurrogate(next) ? 2 : 1;
                return (tokens, RuleParser.Error(RuleErrorCodes.InvalidCharacter, start, length, text.Substring(start, length)));
            }

            tokens.Add(new Token(s.Kind, start, s.Length, text.Substring(start, s.Length)));
            i += s.Length;
        }

        tokens.Add(new Token(TokenKind.End, text.Length, 0, ""));
        return (tokens, null);
    }
}
