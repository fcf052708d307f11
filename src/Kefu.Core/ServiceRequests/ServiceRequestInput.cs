using Kefu.Core.Common;
using Kefu.Core.Customers;

namespace Kefu.Core.ServiceRequests;

/// <summary>What a caller sends to record or edit a request; enums as kebab-case names, the number is never sent.</summary>
public sealed record ServiceRequestInput
{
    public string? Type { get; init; }

    [OneOf(typeof(Channel))]
    public string? Channel { get; init; }

    [OneOf(typeof(Phase))]
    public string? Phase { get; init; }

    [OneOf(typeof(ChargeMode))]
    public string? ChargeMode { get; init; }

    /// <summary>Defaults by type: Z2 (delivery exception) is before full payment, everything else after.</summary>
    public bool? PaidInFull { get; init; }

    [OneOf(typeof(Urgency))]
    public string? Urgency { get; init; }

    public string? ShortText { get; init; }

    /// <summary>First paragraph of the long text (create only; later paragraphs are appended).</summary>
    public string? LongText { get; init; }

    public Guid? CustomerId { get; init; }

    public Guid? ShipToCustomerId { get; init; }

    public string? Reporter { get; init; }

    public string? ReferenceDocument { get; init; }

    public DateOnly? ReferenceDate { get; init; }

    public DateTime? RequiredStart { get; init; }

    public DateTime? ExpectedEnd { get; init; }

    /// <summary>Defaults to the customer's responsibility centre.</summary>
    public Guid? ResponsibilityCentreId { get; init; }

    /// <summary>Defaults to the centre's work centre when it has exactly one.</summary>
    public Guid? WorkCentreId { get; init; }

    public Guid? ResponsiblePersonId { get; init; }

    /// <summary>Where the service happens; defaults to the customer's master address, and wins over it when given.</summary>
    public ObjectAddressInput? ObjectAddress { get; init; }

    /// <summary>Number of an earlier request this one refers to.</summary>
    public string? EarlierRequest { get; init; }

    public IReadOnlyList<ItemInput>? Items { get; init; }
}

public sealed record ObjectAddressInput(string? Province, string? City, string? District, string? Street);

public sealed record ItemInput(
    string? CategoryLevel1,
    string? CategoryLevel2,
    string? ColourMain,
    string? ColourSecondary,
    string? Material,
    decimal? Quantity,
    string? ReasonCode,
    string? OemVendor);

internal sealed record ValidItem(
    string? CategoryLevel1, string? CategoryLevel2, string? ColourMain, string? ColourSecondary, string? Material, decimal? Quantity,
    string? ReasonCode, string? OemVendor);

internal sealed record ValidServiceRequest(
    string TypeCode,
    Channel Channel,
    Phase Phase,
    ChargeMode ChargeMode,
    bool PaidInFull,
    Urgency Urgency,
    string ShortText,
    string? LongText,
    Guid CustomerId,
    Guid? ShipToCustomerId,
    string? Reporter,
    string? ReferenceDocument,
    DateOnly? ReferenceDate,
    DateTime? RequiredStart,
    DateTime? ExpectedEnd,
    Guid ResponsibilityCentreId,
    Guid? WorkCentreId,
    Guid? ResponsiblePersonId,
    ObjectAddress ObjectAddress,
    Guid? EarlierRequestId,
    IReadOnlyList<ValidItem> Items);

/// <summary>Field rules of a request that need no database; references are resolved by <see cref="ServiceRequestService"/>.</summary>
internal static class ServiceRequestValidator
{
    public static void CheckFields(ValidationErrors e, ServiceRequestInput input)
    {
        e.Required("type", input.Type, 10);
        e.Required("shortText", input.ShortText, 200);
        e.MaxLength("longText", input.LongText, 8000);
        e.MaxLength("reporter", input.Reporter, 100);
        e.MaxLength("referenceDocument", input.ReferenceDocument, 40);
        e.MaxLength("earlierRequest", input.EarlierRequest, 20);
        if (input.Channel is null)
        {
            e.Add("channel", "Required.");
        }

        if (input.CustomerId is null)
        {
            e.Add("customerId", "Required.");
        }

        if (input.RequiredStart is DateTime start && input.ExpectedEnd is DateTime end && end < start)
        {
            e.Add("expectedEnd", "The expected end is before the required start.");
        }

        if (input.ObjectAddress is { } a)
        {
            e.MaxLength("objectAddress.province", a.Province, 50);
            e.MaxLength("objectAddress.city", a.City, 50);
            e.MaxLength("objectAddress.district", a.District, 50);
            e.Required("objectAddress.street", a.Street, 200);
        }

        var items = input.Items ?? [];
        if (items.Count > 100)
        {
            e.Add("items", "At most 100 items.");
        }

        for (var i = 0; i < items.Count; i++)
        {
            CheckItem(e, $"items[{i}]", items[i]);
        }
    }

    public static ValidItem ToValid(ItemInput i) => new(
        Clean(i.CategoryLevel1), Clean(i.CategoryLevel2), Clean(i.ColourMain), Clean(i.ColourSecondary), Clean(i.Material), i.Quantity,
        Clean(i.ReasonCode), Clean(i.OemVendor));

    public static T Parse<T>(ValidationErrors e, string field, string? value, T fallback)
        where T : struct, Enum => value is null ? fallback : CustomerValidator.ParseEnum<T>(e, field, value, required: true);

    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static void CheckItem(ValidationErrors e, string path, ItemInput? item)
    {
        if (item is null)
        {
            e.Add(path, "Required.");
            return;
        }

        foreach (var (name, value) in new[]
                 {
                     ("categoryLevel1", item.CategoryLevel1), ("categoryLevel2", item.CategoryLevel2), ("colourMain", item.ColourMain),
                     ("colourSecondary", item.ColourSecondary), ("material", item.Material), ("reasonCode", item.ReasonCode),
                     ("oemVendor", item.OemVendor),
                 })
        {
            e.MaxLength($"{path}.{name}", value, 50);
        }

        if (item.Quantity is decimal q && (q <= 0 || q > 1_000_000))
        {
            e.Add($"{path}.quantity", "Must be more than 0 and at most 1,000,000.");
        }

        if (item.CategoryLevel2 is not null && item.CategoryLevel1 is null)
        {
            e.Add($"{path}.categoryLevel1", "Give the level-1 category of the level-2 category.");
        }
    }
}
