using System.Text.RegularExpressions;
using Kefu.Core.Common;
using Kefu.Core.Customers;

namespace Kefu.Core.Contracts;

/// <summary>What a caller sends to create or edit a contract; enums as kebab-case names.</summary>
public sealed record ContractInput
{
    public Guid? CustomerId { get; init; }

    public string? ServiceLevelCode { get; init; }

    public DateOnly? StartDate { get; init; }

    public DateOnly? EndDate { get; init; }

    public decimal? Fee { get; init; }

    [OneOf(typeof(BillingPeriod))]
    public string? BillingPeriod { get; init; }

    /// <summary>Request type codes the contract covers; empty or absent: all types.</summary>
    public IReadOnlyList<string>? CoveredRequestTypes { get; init; }

    /// <summary>Defaults to the customer's responsibility centre.</summary>
    public Guid? ResponsibleUnitId { get; init; }

    public Guid? ResponsibleUserId { get; init; }

    public Guid? AccountManagerId { get; init; }

    public string? Notes { get; init; }
}

public sealed record ContractUpdate(int? Version, ContractInput? Contract);

public sealed record VersionInput(int? Version);

public sealed record TerminationInput(int? Version, DateOnly? On, string? Reason);

public sealed record CoveredObjectInput(
    string? Description,
    string? ProductModel,
    string? SerialNumber,
    string? AssetNumber,
    string? Province,
    string? City,
    string? District,
    string? Street,
    DateOnly? InstallDate,
    int? Version);

public sealed record ScheduleInput(
    [property: OneOf(typeof(ScheduleKind))] string? Kind,
    Guid? CoveredObjectId,
    int? IntervalMonths,
    DateOnly? AnchorDate,
    decimal? MeterInterval,
    decimal? MeterBaseline,
    int? LeadDays,
    string? RequestType,
    bool? IsActive,
    int? Version);

public sealed record MeterReadingInput(DateOnly? ReadOn, decimal? Value);

internal sealed record ValidContract(
    Guid CustomerId,
    string ServiceLevelCode,
    DateOnly StartDate,
    DateOnly EndDate,
    decimal Fee,
    BillingPeriod BillingPeriod,
    IReadOnlyList<string> CoveredTypes,
    Guid ResponsibleUnitId,
    Guid? ResponsibleUserId,
    Guid? AccountManagerId,
    string? Notes);

internal sealed record ValidObject(
    string Description, string? ProductModel, string? SerialNumber, string? AssetNumber, string? Province, string? City, string? District,
    string? Street, DateOnly? InstallDate);

internal sealed record ValidSchedule(
    ScheduleKind Kind, Guid? CoveredObjectId, int? IntervalMonths, DateOnly? AnchorDate, decimal? MeterInterval, decimal? MeterBaseline,
    int LeadDays, string RequestTypeCode, bool IsActive);

/// <summary>Field rules that need no database; references are checked by <see cref="ContractService"/>.</summary>
internal static partial class ContractValidator
{
    public const string DefaultRequestType = "MNT";

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex LevelCode();

    public static void CheckContract(ValidationErrors e, ContractInput input)
    {
        if (input.CustomerId is null)
        {
            e.Add("customerId", "Required.");
        }

        if (string.IsNullOrWhiteSpace(input.ServiceLevelCode))
        {
            e.Add("serviceLevelCode", "Required.");
        }
        else if (!LevelCode().IsMatch(input.ServiceLevelCode.Trim()))
        {
            e.Add("serviceLevelCode", "A service level code is lower-case letters, digits and hyphens, starting with a letter (e.g. full, remote-monitoring).");
        }

        if (input.StartDate is null)
        {
            e.Add("startDate", "Required.");
        }

        if (input.EndDate is null)
        {
            e.Add("endDate", "Required.");
        }
        else if (input.StartDate is DateOnly start && input.EndDate < start)
        {
            e.Add("endDate", "The contract ends before it starts.");
        }
        else if (input.StartDate is DateOnly s && input.EndDate > s.AddYears(10))
        {
            e.Add("endDate", "A contract runs at most 10 years.");
        }

        if (input.Fee is null)
        {
            e.Add("fee", "Required.");
        }
        else if (input.Fee < 0 || input.Fee > 1_000_000_000m)
        {
            e.Add("fee", "The fee must be between 0 and 1,000,000,000 yuan.");
        }
        else if (decimal.Round(input.Fee.Value, 2) != input.Fee.Value)
        {
            e.Add("fee", "The fee has at most two decimals (fen).");
        }

        var types = input.CoveredRequestTypes ?? [];
        if (types.Count > 20)
        {
            e.Add("coveredRequestTypes", "A contract lists at most 20 request types.");
        }

        e.MaxLength("notes", input.Notes, 4000);
    }

    public static void CheckObject(ValidationErrors e, CoveredObjectInput input)
    {
        e.Required("description", input.Description, 200);
        e.MaxLength("productModel", input.ProductModel, 100);
        e.MaxLength("serialNumber", input.SerialNumber, 60);
        e.MaxLength("assetNumber", input.AssetNumber, 60);
        e.MaxLength("province", input.Province, 50);
        e.MaxLength("city", input.City, 50);
        e.MaxLength("district", input.District, 50);
        e.MaxLength("street", input.Street, 200);
        if (Clean(input.Street) is null && (Clean(input.Province) ?? Clean(input.City) ?? Clean(input.District)) is not null)
        {
            e.Add("street", "Required with an address; leave the whole address empty to use the customer's.");
        }
    }

    public static ValidObject ToValid(CoveredObjectInput i) => new(
        i.Description!.Trim(), Clean(i.ProductModel), Clean(i.SerialNumber), Clean(i.AssetNumber), Clean(i.Province), Clean(i.City),
        Clean(i.District), Clean(i.Street), i.InstallDate);

    public static ScheduleKind CheckSchedule(ValidationErrors e, ScheduleInput input)
    {
        var kind = CustomerValidator.ParseEnum<ScheduleKind>(e, "kind", input.Kind, required: true);
        if (e.Any)
        {
            return kind;
        }

        if (kind == ScheduleKind.Interval)
        {
            if (input.IntervalMonths is not (>= 1 and <= 120))
            {
                e.Add("intervalMonths", "Required: 1 to 120 months.");
            }

            if (input.MeterInterval is not null)
            {
                e.Add("meterInterval", "Only for meter schedules.");
            }
        }
        else
        {
            if (input.MeterInterval is not (> 0 and <= 1_000_000_000m))
            {
                e.Add("meterInterval", "Required: meter units between maintenances, more than 0.");
            }

            if (input.CoveredObjectId is null)
            {
                e.Add("coveredObjectId", "Required: a meter schedule follows the readings of one object.");
            }

            if (input.IntervalMonths is not null)
            {
                e.Add("intervalMonths", "Only for interval schedules.");
            }

            if (input.MeterBaseline is < 0)
            {
                e.Add("meterBaseline", "A meter baseline must not be negative.");
            }
        }

        if (input.LeadDays is < 0 or > 365)
        {
            e.Add("leadDays", "Lead days must be between 0 and 365.");
        }

        e.MaxLength("requestType", input.RequestType, 10);
        return kind;
    }

    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
