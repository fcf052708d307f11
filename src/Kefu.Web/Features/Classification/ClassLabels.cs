using Kefu.Core.Classification;
using Kefu.Web.Features.Shared;

namespace Kefu.Web.Features.Classification;

/// <summary>
/// The names of schemes and classes for what stores their codes (class history, run outcomes). A scheme or class deleted since
/// keeps showing its code.
/// </summary>
public sealed class ClassLabels(IEnumerable<SchemeDto> schemes)
{
    private readonly Dictionary<string, SchemeDto> schemes = schemes.ToDictionary(s => s.Code, StringComparer.Ordinal);

    public static ClassLabels None { get; } = new([]);

    public string Scheme(string code) => schemes.TryGetValue(code, out var s) ? Labels.Pick(s.NameZh, s.NameEn) : code;

    public SchemeClassDto? Class(string scheme, string code) =>
        schemes.TryGetValue(scheme, out var s) ? s.Classes.FirstOrDefault(c => c.Code == code) : null;
}

/// <summary>A customer's class changes with the names to show them by.</summary>
public sealed record ClassHistoryView(IReadOnlyList<ClassChangeDto> Changes, ClassLabels Labels);
