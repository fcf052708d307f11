using Kefu.Core.Classification;

namespace Kefu.Web.Features.Classification;

/// <summary>The schemes a class filter offers: the enabled ones with classes, and the one filtered by (even if disabled since).</summary>
public static class ClassFilterOptions
{
    public static async Task<IReadOnlyList<SchemeDto>> LoadAsync(
        ClassificationService classification, Kefu.Core.Security.Caller caller, string? selected, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(classification);
        var schemes = await classification.ListSchemesAsync(caller, ct);
        if (!schemes.IsSuccess)
        {
            return [];
        }

        var filtered = ClassFilter.Parse(selected)?.Scheme;
        return schemes.Value.Where(s => (s.Enabled || s.Code == filtered) && s.Classes.Count > 0).ToList();
    }
}
