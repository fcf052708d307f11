using Kefu.Core.ServiceRequests;
using Kefu.Web.Features.Shared;

namespace Kefu.Web.Features.ServiceRequests;

/// <summary>The intake form; field names mirror <see cref="ServiceRequestInput"/> so Core's field errors land next to the fields.</summary>
public sealed class RequestForm
{
    public const int ItemRows = 3;

    public string? Type { get; set; } = "Z1";

    public string? Channel { get; set; } = "phone";

    public string? Urgency { get; set; } = "normal";

    public string? Phase { get; set; }

    public string? ChargeMode { get; set; }

    /// <summary>Null: by type (Z2 before full payment, others after).</summary>
    public bool? PaidInFull { get; set; }

    public string? ShortText { get; set; }

    public string? LongText { get; set; }

    public Guid? CustomerId { get; set; }

    public string? Reporter { get; set; }

    public string? ReferenceDocument { get; set; }

    public DateOnly? ReferenceDate { get; set; }

    /// <summary>China local time as typed.</summary>
    public DateTime? RequiredStart { get; set; }

    public DateTime? ExpectedEnd { get; set; }

    public Guid? ResponsibilityCentreId { get; set; }

    public Guid? WorkCentreId { get; set; }

    public Guid? ResponsiblePersonId { get; set; }

    public AddressForm ObjectAddress { get; set; } = new();

    public string? EarlierRequest { get; set; }

    public List<ItemForm> Items { get; set; } = [];

    public ServiceRequestInput ToInput() => new()
    {
        Type = Type,
        Channel = Channel,
        Urgency = Urgency,
        Phase = Blank(Phase),
        ChargeMode = Blank(ChargeMode),
        PaidInFull = PaidInFull,
        ShortText = ShortText,
        LongText = Blank(LongText),
        CustomerId = CustomerId,
        Reporter = Blank(Reporter),
        ReferenceDocument = Blank(ReferenceDocument),
        ReferenceDate = ReferenceDate,
        RequiredStart = RequiredStart is DateTime s ? Labels.ToUtc(s) : null,
        ExpectedEnd = ExpectedEnd is DateTime e ? Labels.ToUtc(e) : null,
        ResponsibilityCentreId = ResponsibilityCentreId,
        WorkCentreId = WorkCentreId,
        ResponsiblePersonId = ResponsiblePersonId,
        ObjectAddress = ObjectAddress.IsEmpty ? null : new ObjectAddressInput(
            Blank(ObjectAddress.Province), Blank(ObjectAddress.City), Blank(ObjectAddress.District), Blank(ObjectAddress.Street)),
        EarlierRequest = Blank(EarlierRequest),
        Items = Items.Where(i => !i.IsEmpty).Select(i => new ItemInput(
            Blank(i.CategoryLevel1), Blank(i.CategoryLevel2), Blank(i.ColourMain), Blank(i.ColourSecondary), Blank(i.Material), i.Quantity,
            Blank(i.ReasonCode), Blank(i.OemVendor))).ToList(),
    };

    /// <summary>Core numbers the items it receives (the non-empty rows); this maps its index back to the form row.</summary>
    public string MapField(string field)
    {
        if (!field.StartsWith("items[", StringComparison.Ordinal))
        {
            return field;
        }

        var close = field.IndexOf(']', StringComparison.Ordinal);
        if (close < 0 || !int.TryParse(field.AsSpan(6, close - 6), System.Globalization.CultureInfo.InvariantCulture, out var sent))
        {
            return field;
        }

        var rows = Items.Select((item, index) => (item, index)).Where(x => !x.item.IsEmpty).Select(x => x.index).ToList();
        var row = sent < rows.Count ? rows[sent] : sent;
        return $"items[{row}]{field[(close + 1)..]}";
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed class AddressForm
{
    public string? Province { get; set; }

    public string? City { get; set; }

    public string? District { get; set; }

    public string? Street { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Province) && string.IsNullOrWhiteSpace(City) && string.IsNullOrWhiteSpace(District) &&
                           string.IsNullOrWhiteSpace(Street);
}

public sealed class ItemForm
{
    public string? CategoryLevel1 { get; set; }

    public string? CategoryLevel2 { get; set; }

    public string? ColourMain { get; set; }

    public string? ColourSecondary { get; set; }

    public string? Material { get; set; }

    public decimal? Quantity { get; set; }

    public string? ReasonCode { get; set; }

    public string? OemVendor { get; set; }

    public bool IsEmpty => Quantity is null && new[] { CategoryLevel1, CategoryLevel2, ColourMain, ColourSecondary, Material, ReasonCode, OemVendor }
        .All(string.IsNullOrWhiteSpace);
}
