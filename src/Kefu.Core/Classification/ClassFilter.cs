namespace Kefu.Core.Classification;

/// <summary>
/// A list filter on a customer class (CLS-6), written <c>scheme:class</c>, e.g. <c>abc:A</c>. Lists apply it as a correlated
/// <c>EXISTS</c> on the class table's key (customer, scheme), so a keyset page stops after its rows instead of reading a large
/// class whole.
/// </summary>
public readonly record struct ClassFilter(string Scheme, string Class)
{
    public const string Hint = "scheme:class, e.g. abc:A.";

    public static ClassFilter? Parse(string? text)
    {
        var parts = (text ?? "").Split(':', 2);
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 ? new ClassFilter(parts[0], parts[1]) : null;
    }
}
