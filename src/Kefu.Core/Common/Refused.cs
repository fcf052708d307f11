namespace Kefu.Core.Common;

/// <summary>
/// What a refusal keeps of the input it refused (issue 19, point 6): an excerpt, never the whole text. Row errors of imports,
/// the messages that quote a refused value, and so the import's stored errors and its audit entry hold at most
/// <see cref="ExcerptLength"/> characters of any refused value, however long the value was.
/// </summary>
public static class Refused
{
    /// <summary>The most characters of a refused value that are kept (stored, audited or answered).</summary>
    public const int ExcerptLength = 200;

    /// <summary>
    /// At most <see cref="ExcerptLength"/> characters of <paramref name="text"/> (a longer text is cut and ends with "…"), NUL
    /// characters shown as ␀ (U+2400) so the excerpt can be stored. An excerpt is its own excerpt.
    /// </summary>
    public static string Excerpt(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > ExcerptLength)
        {
            var cut = ExcerptLength - 1;
            if (char.IsHighSurrogate(text[cut - 1]))
            {
                cut--;
            }

            text = string.Concat(text.AsSpan(0, cut), "…");
        }

        return text.Replace('\0', '\u2400');
    }

    /// <summary>As <see cref="Excerpt(string)"/>; null stays null.</summary>
    public static string? ExcerptOrNull(string? text) => text is null ? null : Excerpt(text);
}
