using Kefu.Core.Common;

namespace Kefu.Core.Customers;

public enum CustomerKind
{
    Person = 0,
    Organization = 1,
}

/// <summary>Nature of the customer, CUS-2.</summary>
public enum CustomerNature
{
    Retail = 0,
    Merchant = 1,
    Distributor = 2,
    Internal = 3,
}

/// <summary>A customer (客户档案), CUS-1..4. Children are changed only through the aggregate.</summary>
public sealed class Customer : IVersioned
{
    private readonly List<CustomerContact> contacts = [];
    private readonly List<CustomerAddress> addresses = [];
    private readonly List<CustomerTag> tags = [];
    private readonly List<CustomerKeyDate> keyDates = [];

    private Customer()
    {
        Number = "";
        Name = "";
        NameKey = "";
    }

    public Guid Id { get; private set; }

    /// <summary>Given by the system from the customer number range, never typed.</summary>
    public string Number { get; private set; }

    public CustomerKind Kind { get; private set; }

    public string Name { get; private set; }

    /// <summary>Lower-cased name for case-insensitive search on every provider.</summary>
    public string NameKey { get; private set; }

    public CustomerNature Nature { get; private set; }

    /// <summary>The responsibility centre that owns the customer; scope checks use it.</summary>
    public Guid OrgUnitId { get; private set; }

    public Guid? AccountManagerId { get; private set; }

    public Guid? GroupId { get; private set; }

    public string? SourceChannel { get; private set; }

    public string? Notes { get; private set; }

    public string? Hobbies { get; private set; }

    public string? PreferredContactTime { get; private set; }

    public string? ProductNeeds { get; private set; }

    public string? ServiceNeeds { get; private set; }

    public string? PromotionNeeds { get; private set; }

    public string? EnvironmentNeeds { get; private set; }

    public CustomerPreferences Preferences => new()
    {
        Hobbies = Hobbies,
        PreferredContactTime = PreferredContactTime,
        ProductNeeds = ProductNeeds,
        ServiceNeeds = ServiceNeeds,
        PromotionNeeds = PromotionNeeds,
        EnvironmentNeeds = EnvironmentNeeds,
    };

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<CustomerContact> Contacts => contacts;

    public IReadOnlyList<CustomerAddress> Addresses => addresses;

    public IReadOnlyList<CustomerTag> Tags => tags;

    public IReadOnlyList<CustomerKeyDate> KeyDates => keyDates;

    public void BumpVersion() => Version++;

    internal static Customer Create(string number, ValidCustomer input, DateTime now)
    {
        var customer = new Customer { Id = Guid.CreateVersion7(), Number = number, CreatedAt = now };
        customer.Apply(input, now);
        return customer;
    }

    internal void Apply(ValidCustomer input, DateTime now)
    {
        Kind = input.Kind;
        Name = input.Name;
        NameKey = input.Name.ToLowerInvariant();
        Nature = input.Nature;
        OrgUnitId = input.OrgUnitId;
        AccountManagerId = input.AccountManagerId;
        GroupId = input.GroupId;
        SourceChannel = input.SourceChannel;
        Notes = input.Notes;
        Hobbies = input.Preferences.Hobbies;
        PreferredContactTime = input.Preferences.PreferredContactTime;
        ProductNeeds = input.Preferences.ProductNeeds;
        ServiceNeeds = input.Preferences.ServiceNeeds;
        PromotionNeeds = input.Preferences.PromotionNeeds;
        EnvironmentNeeds = input.Preferences.EnvironmentNeeds;
        UpdatedAt = now;
        Sync(contacts, input.Contacts, c => c.Id, (c, v) => c.Update(v), v => CustomerContact.Create(Id, v));
        Sync(addresses, input.Addresses, a => a.Id, (a, v) => a.Update(v), v => CustomerAddress.Create(Id, v));
        Sync(keyDates, input.KeyDates, d => d.Id, (d, v) => d.Update(v), v => CustomerKeyDate.Create(Id, v));
        tags.RemoveAll(t => !input.Tags.Contains(t.Tag, StringComparer.Ordinal));
        foreach (var tag in input.Tags.Where(t => tags.TrueForAll(x => x.Tag != t)))
        {
            tags.Add(new CustomerTag(Id, tag));
        }
    }

    /// <summary>Takes over the duplicate's contacts, addresses, dates, tags and notes (CUS-6).</summary>
    internal void Absorb(Customer duplicate, DateTime now)
    {
        foreach (var c in duplicate.contacts)
        {
            contacts.Add(CustomerContact.Create(Id, c.ToValid()));
        }

        foreach (var a in duplicate.addresses)
        {
            addresses.Add(CustomerAddress.Create(Id, a.ToValid() with { IsMaster = false }));
        }

        foreach (var d in duplicate.keyDates)
        {
            keyDates.Add(CustomerKeyDate.Create(Id, d.ToValid()));
        }

        foreach (var t in duplicate.tags.Where(t => tags.TrueForAll(x => x.Tag != t.Tag)))
        {
            tags.Add(new CustomerTag(Id, t.Tag));
        }

        if (!string.IsNullOrWhiteSpace(duplicate.Notes))
        {
            Notes = string.IsNullOrWhiteSpace(Notes) ? duplicate.Notes : Notes + "\n" + duplicate.Notes;
        }

        UpdatedAt = now;
    }

    /// <summary>Updates children with a known id, adds those without one, removes the rest.</summary>
    private static void Sync<TChild, TValid>(
        List<TChild> children,
        IReadOnlyList<TValid> wanted,
        Func<TChild, Guid> idOf,
        Action<TChild, TValid> update,
        Func<TValid, TChild> create)
        where TValid : IChildInput
    {
        var keep = wanted.Where(w => w.Id is not null).Select(w => w.Id!.Value).ToHashSet();
        children.RemoveAll(c => !keep.Contains(idOf(c)));
        foreach (var w in wanted)
        {
            var existing = w.Id is null ? default : children.Find(c => idOf(c) == w.Id);
            if (existing is null)
            {
                children.Add(create(w));
            }
            else
            {
                update(existing, w);
            }
        }
    }
}

public sealed record CustomerPreferences
{
    public string? Hobbies { get; init; }

    public string? PreferredContactTime { get; init; }

    public string? ProductNeeds { get; init; }

    public string? ServiceNeeds { get; init; }

    public string? PromotionNeeds { get; init; }

    public string? EnvironmentNeeds { get; init; }
}
