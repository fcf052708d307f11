using System.Globalization;
using System.Text.Json;
using Kefu.Core.Audit;
using Kefu.Core.Customers;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Kefu.Web.Features.Shared;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Features.Audit;

public sealed record AuditChange(string Field, string? Before, string? After);

/// <summary>Turns the before/after JSON of an audit entry into readable, localized field rows.</summary>
public static class AuditChanges
{
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal)
    {
        "Id", "CustomerId", "NameKey", "PhoneDigits", "Version", "UpdatedAt", "ConcurrencyStamp", "SecurityStamp", "NormalizedUserName",
        "NormalizedEmail",
    };

    /// <summary>Resource keys for field names, by entity and property (falls back to the property name).</summary>
    private static readonly Dictionary<string, string> FieldKeys = new(StringComparer.Ordinal)
    {
        ["Customer.Number"] = "Customer.Number",
        ["Customer.Name"] = "Customer.Name",
        ["Customer.Kind"] = "Customer.Kind",
        ["Customer.Nature"] = "Customer.Nature",
        ["Customer.OrgUnitId"] = "Customer.OrgUnit",
        ["Customer.AccountManagerId"] = "Customer.AccountManager",
        ["Customer.GroupId"] = "Customer.Group",
        ["Customer.SourceChannel"] = "Customer.SourceChannel",
        ["Customer.Notes"] = "Customer.Notes",
        ["Customer.CreatedAt"] = "Customer.CreatedAt",
        ["Customer.Hobbies"] = "Pref.Hobbies",
        ["Customer.PreferredContactTime"] = "Pref.PreferredContactTime",
        ["Customer.ProductNeeds"] = "Pref.ProductNeeds",
        ["Customer.ServiceNeeds"] = "Pref.ServiceNeeds",
        ["Customer.PromotionNeeds"] = "Pref.PromotionNeeds",
        ["Customer.EnvironmentNeeds"] = "Pref.EnvironmentNeeds",
        ["CustomerContact.Name"] = "Contact.Name",
        ["CustomerContact.Phone"] = "Contact.Phone",
        ["CustomerContact.Email"] = "Contact.Email",
        ["CustomerContact.WeChatId"] = "Contact.WeChatId",
        ["CustomerContact.IsKeyPerson"] = "Contact.IsKeyPerson",
        ["CustomerAddress.Label"] = "Address.Label",
        ["CustomerAddress.Province"] = "Address.Province",
        ["CustomerAddress.City"] = "Address.City",
        ["CustomerAddress.District"] = "Address.District",
        ["CustomerAddress.Street"] = "Address.Street",
        ["CustomerAddress.PostalCode"] = "Address.PostalCode",
        ["CustomerAddress.IsMaster"] = "Address.Master",
        ["CustomerTag.Tag"] = "Customer.Tags",
        ["CustomerKeyDate.Kind"] = "KeyDate.Kind",
        ["CustomerKeyDate.Date"] = "KeyDate.Date",
        ["CustomerKeyDate.Label"] = "KeyDate.Label",
        ["OrgUnit.Code"] = "Org.Code",
        ["OrgUnit.Name"] = "Org.Name",
        ["OrgUnit.Kind"] = "Org.Kind",
        ["OrgUnit.ParentId"] = "Org.Parent",
        ["User.UserName"] = "User.UserName",
        ["User.DisplayName"] = "User.DisplayName",
        ["User.Email"] = "User.Email",
        ["User.OrgUnitId"] = "User.OrgUnit",
        ["User.AccountManagerLevel"] = "User.AccountManagerLevel",
        ["User.IsActive"] = "User.Active",
    };

    /// <summary>Fields holding the id of another record, shown by that record's name when <c>names</c> knows it.</summary>
    private static readonly HashSet<string> References = new(StringComparer.Ordinal) { "OrgUnitId", "ParentId", "AccountManagerId", "GroupId", "CustomerId", "ShipToCustomerId" };

    public static IReadOnlyList<AuditChange> Of(AuditEntryDto entry, IStringLocalizer l, IReadOnlyDictionary<string, string>? names = null)
    {
        var before = Parse(entry.Before);
        var after = Parse(entry.After);
        return before.Keys.Union(after.Keys, StringComparer.Ordinal)
            .Where(k => !Hidden.Contains(k) || IsMove(entry, k))
            .Select(k => new AuditChange(
                FieldKeys.TryGetValue($"{entry.Entity}.{k}", out var key) ? l[key] : FieldLabel(entry.Entity, k, l),
                Name(k, Format(entry.Entity, k, before.GetValueOrDefault(k), l), names),
                Name(k, Format(entry.Entity, k, after.GetValueOrDefault(k), l), names)))
            .Where(c => c.Before is not null || c.After is not null)
            .ToList();
    }

    /// <summary>A row re-pointed to another customer (a merge, CUS-6): the customer is the change, so it is shown.</summary>
    private static bool IsMove(AuditEntryDto entry, string field) => entry.Action == AuditAction.Update && field == "CustomerId";

    private static string FieldLabel(string entity, string field, IStringLocalizer l) => (entity, field) switch
    {
        (CustomerMove.MergeEntity, "Duplicate") => l["Customers.Merge.Duplicate"],
        (CustomerMove.MergeEntity, _) => l[$"Customers.Links.{field}"],
        (_, "CustomerId") => l["Customers.Customer"],
        (_, "ShipToCustomerId") => l["Audit.Field.ShipToCustomerId"],
        _ => field,
    };

    private static string? Name(string field, string? value, IReadOnlyDictionary<string, string>? names) =>
        value is not null && names is not null && References.Contains(field) && names.TryGetValue(value, out var name) ? name : value;

    private static string? Format(string entity, string field, JsonElement? value, IStringLocalizer l)
    {
        if (value is not JsonElement v || v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var number))
        {
            return (entity, field) switch
            {
                ("Customer", "Kind") => l.Enum((CustomerKind)number),
                ("Customer", "Nature") => l.Enum((CustomerNature)number),
                ("CustomerKeyDate", "Kind") => l.Enum((KeyDateKind)number),
                ("OrgUnit", "Kind") => l.Enum((OrgUnitKind)number),
                ("User", "AccountManagerLevel") => l.Enum((AccountManagerLevel)number),
                _ => v.GetRawText(),
            };
        }

        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return l[v.GetBoolean() ? "Common.Yes" : "Common.No"];
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            var s = v.GetString()!;
            return s.Length > 19 && s[10] == 'T' && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var at)
                ? Labels.Local(at)
                : s;
        }

        return v.GetRawText();
    }

    private static Dictionary<string, JsonElement?> Parse(string? json)
    {
        var result = new Dictionary<string, JsonElement?>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json))
        {
            return result;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    result[p.Name] = p.Value.Clone();
                }
            }
        }
        catch (JsonException)
        {
            result["json"] = JsonDocument.Parse(JsonSerializer.Serialize(json)).RootElement.Clone();
        }

        return result;
    }
}
