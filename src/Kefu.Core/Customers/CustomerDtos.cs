using Kefu.Core.Common;
namespace Kefu.Core.Customers;

public sealed record CustomerListItem(
    Guid Id,
    string Number,
    string Name,
    CustomerKind Kind,
    CustomerNature Nature,
    Guid OrgUnitId,
    string? OrgUnitName,
    string? Phone,
    string? MasterAddress,
    string? AccountManagerName,
    DateTime CreatedAt,
    int Version);

public sealed record ContactDto(Guid Id, string Name, string? Phone, string? Email, string? WeChatId, bool IsKeyPerson);

public sealed record AddressDto(
    Guid Id, string? Label, string? Province, string? City, string? District, string Street, string? PostalCode, bool IsMaster);

public sealed record KeyDateDto(Guid Id, KeyDateKind Kind, DateOnly Date, string? Label);

public sealed record CustomerDetail(
    Guid Id,
    string Number,
    CustomerKind Kind,
    string Name,
    CustomerNature Nature,
    Guid OrgUnitId,
    string? OrgUnitName,
    Guid? AccountManagerId,
    string? AccountManagerName,
    Guid? GroupId,
    string? GroupName,
    string? SourceChannel,
    string? Notes,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ContactDto> Contacts,
    IReadOnlyList<AddressDto> Addresses,
    IReadOnlyList<KeyDateDto> KeyDates,
    CustomerPreferences Preferences,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version)
{
    /// <summary>Current class per classification scheme, e.g. <c>abc → A</c>, <c>tier → platinum</c> (CLS-6).</summary>
    public IReadOnlyDictionary<string, string> Classes { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The input that would save this customer unchanged; edit forms start from it.</summary>
    public CustomerInput ToInput() => new()
    {
        Kind = EnumNames.ToApi(Kind),
        Name = Name,
        Nature = EnumNames.ToApi(Nature),
        OrgUnitId = OrgUnitId,
        AccountManagerId = AccountManagerId,
        GroupId = GroupId,
        SourceChannel = SourceChannel,
        Notes = Notes,
        Tags = Tags,
        Contacts = Contacts.Select(c => new ContactInput(c.Id, c.Name, c.Phone, c.Email, c.WeChatId, c.IsKeyPerson)).ToList(),
        Addresses = Addresses.Select(a => new AddressInput(a.Id, a.Label, a.Province, a.City, a.District, a.Street, a.PostalCode, a.IsMaster)).ToList(),
        KeyDates = KeyDates.Select(d => new KeyDateInput(d.Id, EnumNames.ToApi(d.Kind), d.Date, d.Label)).ToList(),
        Preferences = Preferences,
    };
}

/// <summary>List query: <c>q</c> matches number prefix, name, or phone prefix; <c>sort</c> is number|name|created, '-' for descending.</summary>
public sealed record CustomerQuery(
    string? Q = null,
    string? Sort = null,
    string? After = null,
    int Limit = 50,
    CustomerNature? Nature = null,
    Guid? OrgUnitId = null,
    string? Class = null);

public sealed record DuplicateCandidate(Guid Id, string Number, string Name, [property: OneOf("phone", "email", "name-address")] string Reason);

public sealed record GroupDto(Guid Id, string Name, int Version);
