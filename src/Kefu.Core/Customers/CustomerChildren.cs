using Kefu.Core.Common;

namespace Kefu.Core.Customers;

public sealed class CustomerContact : ICustomerOwned
{
    private CustomerContact()
    {
        Name = "";
    }

    public Guid Id { get; private set; }

    public Guid CustomerId { get; private set; }

    public string Name { get; private set; }

    public string? Phone { get; private set; }

    /// <summary>Digits of <see cref="Phone"/> only, for search and duplicate detection.</summary>
    public string? PhoneDigits { get; private set; }

    public string? Email { get; private set; }

    public string? WeChatId { get; private set; }

    /// <summary>A key person (关键人) of the customer's group, with group privileges.</summary>
    public bool IsKeyPerson { get; private set; }

    internal static CustomerContact Create(Guid customerId, ValidContact v)
    {
        var c = new CustomerContact { Id = Guid.CreateVersion7(), CustomerId = customerId };
        c.Update(v);
        return c;
    }

    internal void Update(ValidContact v)
    {
        Name = v.Name;
        Phone = v.Phone;
        PhoneDigits = Phones.Digits(v.Phone);
        Email = v.Email;
        WeChatId = v.WeChatId;
        IsKeyPerson = v.IsKeyPerson;
    }

    internal ValidContact ToValid() => new(null, Name, Phone, Email, WeChatId, IsKeyPerson);
}

public sealed class CustomerAddress : ICustomerOwned
{
    private CustomerAddress()
    {
        Street = "";
    }

    public Guid Id { get; private set; }

    public Guid CustomerId { get; private set; }

    public string? Label { get; private set; }

    public string? Province { get; private set; }

    public string? City { get; private set; }

    public string? District { get; private set; }

    public string Street { get; private set; }

    public string? PostalCode { get; private set; }

    /// <summary>The master address; a service's object address may differ and then wins.</summary>
    public bool IsMaster { get; private set; }

    public string OneLine => string.Concat(Province, City, District, Street);

    internal static CustomerAddress Create(Guid customerId, ValidAddress v)
    {
        var a = new CustomerAddress { Id = Guid.CreateVersion7(), CustomerId = customerId };
        a.Update(v);
        return a;
    }

    internal void Update(ValidAddress v)
    {
        Label = v.Label;
        Province = v.Province;
        City = v.City;
        District = v.District;
        Street = v.Street;
        PostalCode = v.PostalCode;
        IsMaster = v.IsMaster;
    }

    internal ValidAddress ToValid() => new(null, Label, Province, City, District, Street, PostalCode, IsMaster);
}

public sealed class CustomerTag : ICustomerOwned
{
    internal CustomerTag(Guid customerId, string tag)
    {
        CustomerId = customerId;
        Tag = tag;
    }

    public Guid CustomerId { get; private set; }

    public string Tag { get; private set; }
}

/// <summary>Key dates kept for care (CUS-4, CARE-2).</summary>
public enum KeyDateKind
{
    Birthday = 0,
    WeddingAnniversary = 1,
    FamilyBirthday = 2,
    Other = 3,
}

public sealed class CustomerKeyDate : ICustomerOwned
{
    private CustomerKeyDate()
    {
    }

    public Guid Id { get; private set; }

    public Guid CustomerId { get; private set; }

    public KeyDateKind Kind { get; private set; }

    public DateOnly Date { get; private set; }

    public string? Label { get; private set; }

    internal static CustomerKeyDate Create(Guid customerId, ValidKeyDate v)
    {
        var d = new CustomerKeyDate { Id = Guid.CreateVersion7(), CustomerId = customerId };
        d.Update(v);
        return d;
    }

    internal void Update(ValidKeyDate v)
    {
        Kind = v.Kind;
        Date = v.Date;
        Label = v.Label;
    }

    internal ValidKeyDate ToValid() => new(null, Kind, Date, Label);
}

public static class Phones
{
    public static string? Digits(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : digits;
    }
}
