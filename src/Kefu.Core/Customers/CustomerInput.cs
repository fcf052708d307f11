using System.Net.Mail;
using Kefu.Core.Common;

namespace Kefu.Core.Customers;

/// <summary>What a caller sends to create or edit a customer; enum values as lower-case names.</summary>
public sealed record CustomerInput
{
    [OneOf(typeof(CustomerKind))]
    public string? Kind { get; init; }

    public string? Name { get; init; }

    [OneOf(typeof(CustomerNature))]
    public string? Nature { get; init; }

    public Guid? OrgUnitId { get; init; }

    public Guid? AccountManagerId { get; init; }

    public Guid? GroupId { get; init; }

    public string? SourceChannel { get; init; }

    public string? Notes { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public IReadOnlyList<ContactInput>? Contacts { get; init; }

    public IReadOnlyList<AddressInput>? Addresses { get; init; }

    public IReadOnlyList<KeyDateInput>? KeyDates { get; init; }

    public CustomerPreferences? Preferences { get; init; }
}

public sealed record ContactInput(Guid? Id, string? Name, string? Phone, string? Email, string? WeChatId, bool IsKeyPerson = false);

public sealed record AddressInput(
    Guid? Id, string? Label, string? Province, string? City, string? District, string? Street, string? PostalCode, bool IsMaster = false);

public sealed record KeyDateInput(Guid? Id, [property: OneOf(typeof(KeyDateKind))] string? Kind, DateOnly? Date, string? Label);

internal interface IChildInput
{
    Guid? Id { get; }
}

internal sealed record ValidContact(Guid? Id, string Name, string? Phone, string? Email, string? WeChatId, bool IsKeyPerson) : IChildInput;

internal sealed record ValidAddress(
    Guid? Id, string? Label, string? Province, string? City, string? District, string Street, string? PostalCode, bool IsMaster) : IChildInput;

internal sealed record ValidKeyDate(Guid? Id, KeyDateKind Kind, DateOnly Date, string? Label) : IChildInput;

internal sealed record ValidCustomer(
    CustomerKind Kind,
    string Name,
    CustomerNature Nature,
    Guid OrgUnitId,
    Guid? AccountManagerId,
    Guid? GroupId,
    string? SourceChannel,
    string? Notes,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ValidContact> Contacts,
    IReadOnlyList<ValidAddress> Addresses,
    IReadOnlyList<ValidKeyDate> KeyDates,
    CustomerPreferences Preferences);

/// <summary>Field rules for a customer. References to other rows are checked by <see cref="CustomerService"/>.</summary>
internal static class CustomerValidator
{
    public static Result<ValidCustomer> Validate(CustomerInput input)
    {
        var e = new ValidationErrors();
        e.Required("name", input.Name, 200);
        var kind = ParseEnum<CustomerKind>(e, "kind", input.Kind, required: true);
        var nature = ParseEnum<CustomerNature>(e, "nature", input.Nature, required: true);
        if (input.OrgUnitId is null)
        {
            e.Add("orgUnitId", "Required.");
        }

        e.MaxLength("sourceChannel", input.SourceChannel, 50);
        e.MaxLength("notes", input.Notes, 4000);
        var tags = ValidateTags(e, input.Tags ?? []);
        var contacts = (input.Contacts ?? []).Select((c, i) => ValidateContact(e, $"contacts[{i}]", c)).ToList();
        var addresses = ValidateAddresses(e, input.Addresses ?? []);
        var dates = (input.KeyDates ?? []).Select((d, i) => ValidateKeyDate(e, $"keyDates[{i}]", d)).ToList();
        var prefs = Trim(input.Preferences ?? new CustomerPreferences());
        ValidatePreferences(e, prefs);
        if (e.Any)
        {
            return e.ToError();
        }

        return new ValidCustomer(
            kind, input.Name!.Trim(), nature, input.OrgUnitId!.Value, input.AccountManagerId, input.GroupId,
            Clean(input.SourceChannel), Clean(input.Notes), tags, contacts!, addresses, dates!, prefs);
    }

    private static List<string> ValidateTags(ValidationErrors e, IReadOnlyList<string> tags)
    {
        var result = new List<string>();
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i]?.Trim();
            if (string.IsNullOrEmpty(tag) || tag.Length > 30)
            {
                e.Add($"tags[{i}]", "A tag has 1 to 30 characters.");
            }
            else if (!result.Contains(tag, StringComparer.Ordinal))
            {
                result.Add(tag);
            }
        }

        return result;
    }

    private static ValidContact? ValidateContact(ValidationErrors e, string path, ContactInput c)
    {
        if (c is null)
        {
            e.Add(path, "Required.");
            return null;
        }

        e.Required($"{path}.name", c.Name, 100);
        var phone = Clean(c.Phone);
        var email = Clean(c.Email);
        var wechat = Clean(c.WeChatId);
        if (phone is null && email is null && wechat is null)
        {
            e.Add(path, "Give a phone, an e-mail or a WeChat id.");
        }

        if (phone is not null && !IsPhone(phone))
        {
            e.Add($"{path}.phone", "Not a phone number.");
        }

        if (email is not null && !IsEmail(email))
        {
            e.Add($"{path}.email", "Not an e-mail address.");
        }

        e.MaxLength($"{path}.weChatId", wechat, 50);
        return new ValidContact(c.Id, c.Name?.Trim() ?? "", phone, email?.ToLowerInvariant(), wechat, c.IsKeyPerson);
    }

    private static List<ValidAddress> ValidateAddresses(ValidationErrors e, IReadOnlyList<AddressInput> input)
    {
        var result = new List<ValidAddress>();
        for (var i = 0; i < input.Count; i++)
        {
            var a = input[i];
            var path = $"addresses[{i}]";
            if (a is null)
            {
                e.Add(path, "Required.");
                continue;
            }

            e.Required($"{path}.street", a.Street, 200);
            e.MaxLength($"{path}.label", a.Label, 50);
            e.MaxLength($"{path}.province", a.Province, 50);
            e.MaxLength($"{path}.city", a.City, 50);
            e.MaxLength($"{path}.district", a.District, 50);
            e.MaxLength($"{path}.postalCode", a.PostalCode, 12);
            result.Add(new ValidAddress(
                a.Id, Clean(a.Label), Clean(a.Province), Clean(a.City), Clean(a.District), a.Street?.Trim() ?? "",
                Clean(a.PostalCode), a.IsMaster));
        }

        var masters = result.Count(a => a.IsMaster);
        if (masters > 1)
        {
            e.Add("addresses", "Only one address can be the master address.");
        }
        else if (masters == 0 && result.Count > 0)
        {
            result[0] = result[0] with { IsMaster = true };
        }

        return result;
    }

    private static ValidKeyDate? ValidateKeyDate(ValidationErrors e, string path, KeyDateInput d)
    {
        if (d is null)
        {
            e.Add(path, "Required.");
            return null;
        }

        var kind = ParseEnum<KeyDateKind>(e, $"{path}.kind", d.Kind, required: true);
        if (d.Date is null)
        {
            e.Add($"{path}.date", "Required.");
        }

        e.MaxLength($"{path}.label", d.Label, 50);
        return new ValidKeyDate(d.Id, kind, d.Date ?? default, Clean(d.Label));
    }

    private static void ValidatePreferences(ValidationErrors e, CustomerPreferences p)
    {
        e.MaxLength("preferences.hobbies", p.Hobbies, 500);
        e.MaxLength("preferences.preferredContactTime", p.PreferredContactTime, 100);
        e.MaxLength("preferences.productNeeds", p.ProductNeeds, 500);
        e.MaxLength("preferences.serviceNeeds", p.ServiceNeeds, 500);
        e.MaxLength("preferences.promotionNeeds", p.PromotionNeeds, 500);
        e.MaxLength("preferences.environmentNeeds", p.EnvironmentNeeds, 500);
    }

    private static CustomerPreferences Trim(CustomerPreferences p) => new()
    {
        Hobbies = Clean(p.Hobbies),
        PreferredContactTime = Clean(p.PreferredContactTime),
        ProductNeeds = Clean(p.ProductNeeds),
        ServiceNeeds = Clean(p.ServiceNeeds),
        PromotionNeeds = Clean(p.PromotionNeeds),
        EnvironmentNeeds = Clean(p.EnvironmentNeeds),
    };

    internal static TEnum ParseEnum<TEnum>(ValidationErrors e, string field, string? value, bool required)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                e.Add(field, "Required.");
            }

            return default;
        }

        var normalized = value.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        if (!int.TryParse(normalized, out _) && Enum.TryParse<TEnum>(normalized, ignoreCase: true, out var parsed))
        {
            return parsed;
        }

        var allowed = string.Join(", ", Enum.GetNames<TEnum>().Select(EnumNames.ToApi));
        e.Add(field, $"Must be one of: {allowed}.");
        return default;
    }

    private static bool IsPhone(string phone)
    {
        var digits = Phones.Digits(phone)?.Length ?? 0;
        return digits is >= 5 and <= 20 && phone.All(ch => char.IsAsciiDigit(ch) || ch is '+' or '-' or ' ' or '(' or ')');
    }

    private static bool IsEmail(string email) =>
        email.Length <= 200 && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.', StringComparison.Ordinal);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public static class EnumNames
{
    /// <summary>The API spelling of an enum value: kebab-case (WeddingAnniversary → wedding-anniversary).</summary>
    public static string ToApi(string name) =>
        string.Concat(name.Select((ch, i) => char.IsUpper(ch) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(ch) : ch.ToString()));

    public static string ToApi<TEnum>(TEnum value)
        where TEnum : struct, Enum => ToApi(value.ToString());
}
