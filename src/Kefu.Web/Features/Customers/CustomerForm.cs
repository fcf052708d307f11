using System.Globalization;
using System.Text.RegularExpressions;
using Kefu.Core.Customers;

namespace Kefu.Web.Features.Customers;

/// <summary>The edit form of a customer: <see cref="CustomerInput"/> with repeatable rows and blank rows to fill in.</summary>
public sealed partial class CustomerForm
{
    public const int ExtraRows = 2;

    public string Kind { get; set; } = "person";

    public string? Name { get; set; }

    public string Nature { get; set; } = "retail";

    public Guid? OrgUnitId { get; set; }

    public Guid? AccountManagerId { get; set; }

    public Guid? GroupId { get; set; }

    public string? SourceChannel { get; set; }

    /// <summary>Comma separated (, or ，).</summary>
    public string? Tags { get; set; }

    public string? Notes { get; set; }

    public PreferencesForm Preferences { get; set; } = new();

    public List<ContactRow> Contacts { get; set; } = [];

    public List<AddressRow> Addresses { get; set; } = [];

    /// <summary>Index of the master address among <see cref="Addresses"/> (radio buttons).</summary>
    public int? MasterAddress { get; set; }

    public List<KeyDateRow> KeyDates { get; set; } = [];

    /// <summary>Form row index of each contact / address / key date sent to the service, to put errors next to the right row.</summary>
    private readonly Dictionary<string, List<int>> sent = new(StringComparer.Ordinal);

    public static CustomerForm From(CustomerInput input)
    {
        var form = new CustomerForm
        {
            Kind = input.Kind ?? "person",
            Name = input.Name,
            Nature = input.Nature ?? "retail",
            OrgUnitId = input.OrgUnitId,
            AccountManagerId = input.AccountManagerId,
            GroupId = input.GroupId,
            SourceChannel = input.SourceChannel,
            Notes = input.Notes,
            Tags = string.Join(", ", input.Tags ?? []),
            Preferences = PreferencesForm.From(input.Preferences ?? new CustomerPreferences()),
            Contacts = (input.Contacts ?? []).Select(c => new ContactRow
            {
                Id = c.Id, Name = c.Name, Phone = c.Phone, Email = c.Email, WeChatId = c.WeChatId, IsKeyPerson = c.IsKeyPerson,
            }).ToList(),
            Addresses = (input.Addresses ?? []).Select(a => new AddressRow
            {
                Id = a.Id, Label = a.Label, Province = a.Province, City = a.City, District = a.District, Street = a.Street, PostalCode = a.PostalCode,
            }).ToList(),
            KeyDates = (input.KeyDates ?? []).Select(d => new KeyDateRow
            {
                Id = d.Id, Kind = d.Kind ?? "birthday", Date = d.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Label = d.Label,
            }).ToList(),
        };
        var master = (input.Addresses ?? []).ToList().FindIndex(a => a.IsMaster);
        form.MasterAddress = master >= 0 ? master : null;
        return form;
    }

    /// <summary>Adds blank rows so the user can add contacts, addresses and key dates without script.</summary>
    public void AddBlankRows()
    {
        Contacts = Contacts.Where(c => !c.IsBlank).ToList();
        while (Contacts.Count(c => c.IsBlank) < ExtraRows)
        {
            Contacts.Add(new ContactRow());
        }

        var keep = Addresses.Select((a, i) => (a, i)).Where(x => !x.a.IsBlank).ToList();
        MasterAddress = keep.FindIndex(x => x.i == MasterAddress) is var m and >= 0 ? m : null;
        Addresses = keep.Select(x => x.a).ToList();
        while (Addresses.Count(a => a.IsBlank) < ExtraRows)
        {
            Addresses.Add(new AddressRow());
        }

        KeyDates = KeyDates.Where(d => !d.IsBlank).ToList();
        while (KeyDates.Count(d => d.IsBlank) < ExtraRows)
        {
            KeyDates.Add(new KeyDateRow());
        }
    }

    public CustomerInput ToInput()
    {
        sent.Clear();
        return new CustomerInput
        {
            Kind = Kind,
            Name = Name,
            Nature = Nature,
            OrgUnitId = OrgUnitId,
            AccountManagerId = AccountManagerId,
            GroupId = GroupId,
            SourceChannel = SourceChannel,
            Notes = Notes,
            Tags = (Tags ?? "").Split([',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Preferences = Preferences.ToPreferences(),
            Contacts = Rows("contacts", Contacts, c => c.IsBlank)
                .Select(x => new ContactInput(x.Row.Id, x.Row.Name, x.Row.Phone, x.Row.Email, x.Row.WeChatId, x.Row.IsKeyPerson)).ToList(),
            Addresses = Rows("addresses", Addresses, a => a.IsBlank)
                .Select(x => new AddressInput(
                    x.Row.Id, x.Row.Label, x.Row.Province, x.Row.City, x.Row.District, x.Row.Street, x.Row.PostalCode, x.Index == MasterAddress))
                .ToList(),
            KeyDates = Rows("keyDates", KeyDates, d => d.IsBlank)
                .Select(x => new KeyDateInput(x.Row.Id, x.Row.Kind, ParseDate(x.Row.Date), x.Row.Label)).ToList(),
        };
    }

    /// <summary>Maps a service field (<c>contacts[0].phone</c>) to the form row it came from; tag errors go to the tags box.</summary>
    public string MapField(string field)
    {
        if (field.StartsWith("tags[", StringComparison.Ordinal))
        {
            return "tags";
        }

        return RowIndex().Replace(field, m =>
        {
            var list = sent.GetValueOrDefault(m.Groups[1].Value);
            var i = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            var row = list is not null && i < list.Count ? list[i] : i;
            return $"{m.Groups[1].Value}[{row.ToString(CultureInfo.InvariantCulture)}]";
        });
    }

    private List<(T Row, int Index)> Rows<T>(string name, List<T> rows, Func<T, bool> blank)
    {
        var kept = rows.Select((r, i) => (r, i)).Where(x => !blank(x.r)).ToList();
        sent[name] = kept.Select(x => x.i).ToList();
        return kept;
    }

    private static DateOnly? ParseDate(string? s) =>
        DateOnly.TryParseExact(s?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    [GeneratedRegex(@"^(contacts|addresses|keyDates)\[(\d+)\]")]
    private static partial Regex RowIndex();
}

public sealed class ContactRow
{
    public Guid? Id { get; set; }

    public string? Name { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? WeChatId { get; set; }

    public bool IsKeyPerson { get; set; }

    public bool IsBlank => Id is null && string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Phone)
        && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(WeChatId);
}

public sealed class AddressRow
{
    public Guid? Id { get; set; }

    public string? Label { get; set; }

    public string? Province { get; set; }

    public string? City { get; set; }

    public string? District { get; set; }

    public string? Street { get; set; }

    public string? PostalCode { get; set; }

    public bool IsBlank => Id is null && string.IsNullOrWhiteSpace(Label) && string.IsNullOrWhiteSpace(Province) && string.IsNullOrWhiteSpace(City)
        && string.IsNullOrWhiteSpace(District) && string.IsNullOrWhiteSpace(Street) && string.IsNullOrWhiteSpace(PostalCode);
}

public sealed class KeyDateRow
{
    public Guid? Id { get; set; }

    public string Kind { get; set; } = "birthday";

    public string? Date { get; set; }

    public string? Label { get; set; }

    public bool IsBlank => Id is null && string.IsNullOrWhiteSpace(Date) && string.IsNullOrWhiteSpace(Label);
}

public sealed class PreferencesForm
{
    public string? Hobbies { get; set; }

    public string? PreferredContactTime { get; set; }

    public string? ProductNeeds { get; set; }

    public string? ServiceNeeds { get; set; }

    public string? PromotionNeeds { get; set; }

    public string? EnvironmentNeeds { get; set; }

    public static PreferencesForm From(CustomerPreferences p) => new()
    {
        Hobbies = p.Hobbies,
        PreferredContactTime = p.PreferredContactTime,
        ProductNeeds = p.ProductNeeds,
        ServiceNeeds = p.ServiceNeeds,
        PromotionNeeds = p.PromotionNeeds,
        EnvironmentNeeds = p.EnvironmentNeeds,
    };

    public CustomerPreferences ToPreferences() => new()
    {
        Hobbies = Hobbies,
        PreferredContactTime = PreferredContactTime,
        ProductNeeds = ProductNeeds,
        ServiceNeeds = ServiceNeeds,
        PromotionNeeds = PromotionNeeds,
        EnvironmentNeeds = EnvironmentNeeds,
    };
}
