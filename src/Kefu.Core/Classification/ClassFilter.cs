namespace Kefu.Core.Classification;

/// <summary>A list filter on a customer class (CLS-6), written <c>scheme:class</c>, e.g. <c>abc:A</c>.</summary>
public readonly record struct ClassFilter(string Scheme, string Class)
{
    public const string Hint = "scheme:class, e.g. abc:A.";

    public static ClassFilter? Parse(string? text)
    {
        var parts = (text ?? "").Split(':', 2);
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 ? new ClassFilter(parts[0], parts[1]) : null;
    }

    /// <summary>The customers whose current class in <see cref="Scheme"/> is <see cref="Class"/>.</summary>
    public IQueryable<Guid> Customers(Data.KefuDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (scheme, cls) = (Scheme, Class);
        return db.Set<CustomerClass>().Where(k => k.SchemeCode == scheme && k.ClassCode == cls).Select(k => k.CustomerId);
    }
}
