using Kefu.Core.Common;
namespace Kefu.Core.ServiceRequests;

public sealed record StatusDto(string Code, string LabelZh, string LabelEn, SystemStatus SystemStatus);

public sealed record ServiceRequestListItem(
    Guid Id,
    string Number,
    string Type,
    string ShortText,
    Guid CustomerId,
    string? CustomerNumber,
    string? CustomerName,
    string UserStatus,
    SystemStatus SystemStatus,
    Urgency Urgency,
    Guid ResponsibilityCentreId,
    string? ResponsibilityCentreName,
    Guid? WorkCentreId,
    string? WorkCentreName,
    string? ResponsiblePersonName,
    DateTime? RequiredStart,
    DateTime? ExpectedEnd,
    DateTime CreatedAt,
    int Version,
    Sla.SlaState? SlaState = null,
    DateTime? SlaDueAt = null,
    bool GreenChannel = false);

public sealed record ItemDto(
    int Line, string? CategoryLevel1, string? CategoryLevel2, string? ColourMain, string? ColourSecondary, string? Material,
    decimal? Quantity, string? ReasonCode, string? OemVendor);

public sealed record LogEntryDto(DateTime At, string Author, string Text);

public sealed record TimelineStepDto(DateTime At, string By, string? From, string To, string? Comment);

public sealed record ServiceRequestDetail(
    Guid Id,
    string Number,
    string Type,
    string TypeNameZh,
    string TypeNameEn,
    Channel Channel,
    Phase Phase,
    ChargeMode ChargeMode,
    bool PaidInFull,
    Urgency Urgency,
    string ShortText,
    Guid CustomerId,
    string? CustomerNumber,
    string? CustomerName,
    Guid? ShipToCustomerId,
    string? Reporter,
    string? ReferenceDocument,
    DateOnly? ReferenceDate,
    DateTime? RequiredStart,
    DateTime? ExpectedEnd,
    Guid ResponsibilityCentreId,
    string? ResponsibilityCentreName,
    Guid? WorkCentreId,
    string? WorkCentreName,
    Guid? ResponsiblePersonId,
    string? ResponsiblePersonName,
    ObjectAddress ObjectAddress,
    string? EarlierRequest,
    StatusDto Status,
    IReadOnlyList<StatusDto> NextStatuses,
    IReadOnlyList<ItemDto> Items,
    IReadOnlyList<LogEntryDto> Log,
    IReadOnlyList<TimelineStepDto> Timeline,
    DateTime CreatedAt,
    string CreatedBy,
    DateTime? CompletedAt,
    ApprovalDto Approval,
    int Version);

/// <summary>The escalation of a request: approval state, reason, and the hand-over to regional logistics with the payment state.</summary>
public sealed record ApprovalDto(
    ApprovalState State, EscalationReason? Reason, Guid? HandedOverToUnitId, string? HandedOverToUnitName, DateTime? HandedOverAt, bool? HandoverPaidInFull);

public sealed record EscalationInput([property: OneOf(typeof(EscalationReason))] string? Reason, string? Comment);

public sealed record DecisionInput([property: OneOf("approve", "reject")] string? Decision, string? Comment, int? Version);

/// <summary>Filters of the request list (SRQ-8); dates bound the creation date, inclusive.</summary>
public sealed record ServiceRequestQuery
{
    public IReadOnlyList<SystemStatus>? SystemStatuses { get; init; }

    public IReadOnlyList<string>? UserStatusIncluded { get; init; }

    public IReadOnlyList<string>? UserStatusExcluded { get; init; }

    public string? Type { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public Guid? ResponsibilityCentreId { get; init; }

    public Guid? WorkCentreId { get; init; }

    public Guid? ResponsiblePersonId { get; init; }

    public Guid? CustomerId { get; init; }

    public Urgency? Urgency { get; init; }

    /// <summary>Required start at or after this instant (UTC), for the work plan.</summary>
    public DateTime? RequiredStartFrom { get; init; }

    /// <summary>Required start before this instant (UTC).</summary>
    public DateTime? RequiredStartBefore { get; init; }

    /// <summary>SLA states (SLA-3): on-track, warning, breached, paused, met.</summary>
    public IReadOnlyList<Sla.SlaState>? SlaStates { get; init; }

    /// <summary>Only green-channel requests (true) or only the others (false).</summary>
    public bool? GreenChannel { get; init; }

    /// <summary>Requests of customers in a class, <c>scheme:class</c> (CLS-6), e.g. <c>abc:A</c>.</summary>
    public string? CustomerClass { get; init; }

    /// <summary>-created (default), created, number, -number or sla-due (green channel first, then the earliest due time).</summary>
    [OneOf(typeof(ServiceRequestService), nameof(ServiceRequestService.Sorts))]
    public string? Sort { get; init; }

    public string? After { get; init; }

    public int Limit { get; init; } = 50;
}

public sealed record TransitionInput(string? To, string? Comment, int? Version);

public sealed record RequestTypeDto(
    string Code, string NameZh, string NameEn, bool IsActive, IReadOnlyList<StatusDefinitionDto> Statuses,
    IReadOnlyList<TransitionDefinition> Transitions, int Version);

public sealed record StatusDefinitionDto(
    string Code, string LabelZh, string LabelEn, SystemStatus SystemStatus, [property: OneOf(typeof(Security.Roles))] IReadOnlyList<string> Roles, bool IsInitial, bool WaitsForCustomer,
    bool OnSite = false);

public sealed record RequestTypeInput(
    string? NameZh, string? NameEn, bool IsActive, IReadOnlyList<StatusDefinitionDto>? Statuses, IReadOnlyList<TransitionDefinition>? Transitions, int? Version);
