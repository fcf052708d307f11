using System.Text.Json;
using Kefu.Core.Audit;

namespace Kefu.Web.Features.Audit;

public sealed record AuditChange(string Field, string? Before, string? After);

/// <summary>Turns the before/after JSON of an audit entry into readable field rows.</summary>
public static class AuditChanges
{
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal) { "Id", "CustomerId", "NameKey", "PhoneDigits", "Version" };

    public static IReadOnlyList<AuditChange> Of(AuditEntryDto entry)
    {
        var before = Parse(entry.Before);
        var after = Parse(entry.After);
        return before.Keys.Union(after.Keys, StringComparer.Ordinal)
            .Where(k => !Hidden.Contains(k))
            .Select(k => new AuditChange(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .Where(c => c.Before is not null || c.After is not null)
            .ToList();
    }

    private static Dictionary<string, string?> Parse(string? json)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json))
        {
            return result;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return result;
            }

            foreach (var p in doc.RootElement.EnumerateObject())
            {
                result[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    JsonValueKind.String => p.Value.GetString(),
                    _ => p.Value.GetRawText(),
                };
            }
        }
        catch (JsonException)
        {
            result["(raw)"] = json;
        }

        return result;
    }
}
