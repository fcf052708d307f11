using System.Text.Json;
using Kefu.Core.Common;
using Kefu.Core.ServiceRequests;

namespace Kefu.Core.Classification;

public sealed record SchemeClassDto(
    string Code, string NameZh, string NameEn, int SortOrder, string Colour, Urgency? Priority, string? ServiceLevelCode, bool GreenChannel,
    int? CallbackCadenceDays, int? VisitCadenceDays, int Version);

public sealed record SchemeDto(
    string Code, SchemeKind Kind, string NameZh, string NameEn, bool Enabled, int SortOrder, int CurrentVersion, JsonElement Settings,
    IReadOnlyList<SchemeClassDto> Classes, int Version);

public sealed record SchemeVersionDto(int Number, JsonElement Settings, string CreatedBy, DateTime CreatedAt);

/// <summary>Create (with code and kind) or edit a scheme; settings changes add a version.</summary>
public sealed record SchemeInput(
    string? Code = null, SchemeKind? Kind = null, string? NameZh = null, string? NameEn = null, bool? Enabled = null, JsonElement? Settings = null,
    int? Version = null);

public sealed record ClassInput(
    string? NameZh = null, string? NameEn = null, int? SortOrder = null, string? Colour = null, Urgency? Priority = null, string? ServiceLevelCode = null,
    bool? GreenChannel = null, int? CallbackCadenceDays = null, int? VisitCadenceDays = null, int? Version = null);

public sealed record PreviewRow(string Class, int Entering, int Leaving, int Staying);

public sealed record PreviewDto(string Scheme, IReadOnlyList<PreviewRow> Classes, int Entering, int Leaving);

public sealed record SchemeOutcome(string Scheme, [property: OneOf("pending", "running", "succeeded", "failed", "skipped")] string State, int Changes, string? Error);

public sealed record RunDto(
    Guid Id, RunState State, RunTrigger Trigger, string? Scheme, string RequestedBy, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt,
    int StepsDone, int StepsTotal, int Customers, IReadOnlyList<SchemeOutcome> Schemes, string? Error);

public sealed record ClassChangeDto(long Id, string Scheme, string? From, string? To, Guid RunId, DateTime At);

public sealed record CustomerClassDto(string Scheme, string Class, string NameZh, string NameEn, string Colour, DateTime Since);

public sealed record ChurnInput(ChurnReason? Reason = null, string? Note = null, int? Version = null);

public sealed record ChurnDto(ChurnReason Reason, string? Note, string RecordedBy, DateTime RecordedAt, int Version);

public sealed record PyramidLayer(string Class, string NameZh, string NameEn, string Colour, int Customers);

public sealed record PyramidDto(string Scheme, IReadOnlyList<PyramidLayer> Layers, int Total);

/// <summary>A class badge as lists show it.</summary>
public sealed record ClassBadge(string Scheme, string Class, string NameZh, string NameEn, string Colour);

public sealed record CustomerMetricsDto(
    Guid RunId, double Revenue, int Purchases, double MaxSinglePurchase, double LifetimeRevenue, int LifetimePurchases, DateOnly? FirstPurchase,
    DateOnly? LastPurchase, double? MeanIntervalDays, int Requests, int Visits, int Complaints, double ItemUnits, double CostToServe, double Profit,
    int? ConsecutivePurchases);
