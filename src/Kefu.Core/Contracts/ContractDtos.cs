namespace Kefu.Core.Contracts;

public sealed record ContractQuery(Guid? CustomerId, ContractState? State, int? ExpiringWithinDays, string? After, int Limit = 50);

public sealed record ContractListItem(
    Guid Id,
    string Number,
    Guid CustomerId,
    string? CustomerNumber,
    string? CustomerName,
    string ServiceLevelCode,
    DateOnly StartDate,
    DateOnly EndDate,
    decimal Fee,
    BillingPeriod BillingPeriod,
    ContractState State,
    Guid ResponsibleUnitId,
    string? ResponsibleUnitName,
    int Version)
{
    /// <summary>Active and ending within the longest reminder step (30 days by default).</summary>
    public bool ExpiringSoon { get; init; }
}

public sealed record CoveredObjectDto(
    Guid Id, string Description, string? ProductModel, string? SerialNumber, string? AssetNumber, string? Province, string? City,
    string? District, string? Street, bool UsesCustomerAddress, DateOnly? InstallDate, decimal? LastMeterReading, DateOnly? LastMeterReadingOn, int Version);

public sealed record ScheduleDto(
    Guid Id, ScheduleKind Kind, Guid? CoveredObjectId, int? IntervalMonths, DateOnly? AnchorDate, decimal? MeterInterval, decimal? MeterBaseline,
    int LeadDays, string RequestType, bool IsActive, DateOnly? NextDue, DateOnly? CreateOn, int Generated, int Version);

public sealed record OccurrenceDto(Guid ScheduleId, int Sequence, DateOnly DueDate, Guid? ServiceRequestId, string? RequestNumber, DateTime CreatedAt);

public sealed record ReminderDto(int DaysBefore, DateOnly EndDate, DateTime SentAt, int Recipients);

public sealed record MeterReadingDto(Guid Id, DateOnly ReadOn, decimal Value, DateTime RecordedAt, string RecordedBy);

public sealed record ContractDetail(
    Guid Id,
    string Number,
    Guid CustomerId,
    string? CustomerNumber,
    string? CustomerName,
    string ServiceLevelCode,
    DateOnly StartDate,
    DateOnly EndDate,
    decimal Fee,
    BillingPeriod BillingPeriod,
    IReadOnlyList<string> CoveredRequestTypes,
    Guid ResponsibleUnitId,
    string? ResponsibleUnitName,
    Guid? ResponsibleUserId,
    string? ResponsibleUserName,
    Guid? AccountManagerId,
    string? AccountManagerName,
    ContractState State,
    DateOnly? TerminatedOn,
    string? TerminationReason,
    string? Notes,
    bool ExpiringSoon,
    IReadOnlyList<CoveredObjectDto> Objects,
    IReadOnlyList<ScheduleDto> Schedules,
    IReadOnlyList<OccurrenceDto> Requests,
    IReadOnlyList<ReminderDto> Reminders,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version);
