namespace Kefu.Core.Common;

/// <summary>Collects field errors; field names are the camelCase names the API uses.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> fields = new(StringComparer.Ordinal);

    public bool Any => fields.Count > 0;

    public void Add(string field, string message)
    {
        if (!fields.TryGetValue(field, out var list))
        {
            fields[field] = list = [];
        }

        list.Add(message);
    }

    public void Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "Required.");
        }
        else
        {
            MaxLength(field, value, maxLength);
        }
    }

    public void MaxLength(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
        }
    }

    public Error ToError() => Error.Validation(fields.ToDictionary(f => f.Key, f => f.Value.ToArray(), StringComparer.Ordinal));
}
