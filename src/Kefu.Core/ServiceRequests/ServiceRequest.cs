using Kefu.Core.Common;
using Kefu.Core.Security;

namespace Kefu.Core.ServiceRequests;

/// <summary>Intake channel (SRQ-1).</summary>
public enum Channel
{
    Phone = 0,
    OnlineChat = 1,
    WebForm = 2,
    Email = 3,
    SocialMedia = 4,
    StoreCounter = 5,
    SelfService = 6,
    TechnicalSupport = 7,
}

public enum Phase
{
    PreSale = 0,
    InSale = 1,
    AfterSale = 2,
}

public enum ChargeMode
{
    Free = 0,
    Paid = 1,
    PartlyPaid = 2,
}

/// <summary>Where a request stands with the supervisor's approval (SRQ-7).</summary>
public enum ApprovalState
{
    None = 0,
    Pending = 1,
    Approved = 2,
    Rejected = 3,
}

/// <summary>Why a request goes to head office: pricing of paid service, or support for an after-payment complaint.</summary>
public enum EscalationReason
{
    HeadOfficePricing = 0,
    HeadOfficeSupport = 1,
}

public enum Urgency
{
    Low = 0,
    Normal = 1,
    High = 2,
    Emergency = 3,
}

/// <summary>
/// A service request (服务通知单), SRQ-1..4. Status changes go through <see cref="MoveTo"/> after the type's
/// <see cref="StatusProfile"/> allowed them; the long text is append-only.
/// </summary>
public sealed class ServiceRequest : IVersioned, ICustomerOwned
{
    private readonly List<ServiceRequestItem> items = [];
    private readonly List<ServiceRequestLogEntry> log = [];
    private readonly List<ServiceRequestStatusChange> statusChanges = [];

    private ServiceRequest()
    {
        Number = TypeCode = ShortText = UserStatus = ObjectStreet = CreatedByName = "";
    }

    public Guid Id { get; private set; }

    public string Number { get; private set; }

    public string TypeCode { get; private set; }

    public Channel Channel { get; private set; }

    public Phase Phase { get; private set; }

    public ChargeMode ChargeMode { get; private set; }

    /// <summary>Whether the customer has paid in full; handed over with escalations (SRQ-7).</summary>
    public bool PaidInFull { get; private set; }

    public Urgency Urgency { get; private set; }

    public string ShortText { get; private set; }

    /// <summary>The sold-to party.</summary>
    public Guid CustomerId { get; private set; }

    public Guid? ShipToCustomerId { get; private set; }

    public string? Reporter { get; private set; }

    public string? ReferenceDocument { get; private set; }

    public DateOnly? ReferenceDate { get; private set; }

    public DateTime? RequiredStart { get; private set; }

    public DateTime? ExpectedEnd { get; private set; }

    public Guid ResponsibilityCentreId { get; private set; }

    public Guid? WorkCentreId { get; private set; }

    public Guid? ResponsiblePersonId { get; private set; }

    public string? ObjectProvince { get; private set; }

    public string? ObjectCity { get; private set; }

    public string? ObjectDistrict { get; private set; }

    public string ObjectStreet { get; private set; }

    public Guid? EarlierRequestId { get; private set; }

    /// <summary>Set when this request was merged into another as a duplicate; it is then completed and read-only.</summary>
    public Guid? MergedIntoId { get; private set; }

    public string UserStatus { get; private set; }

    public ApprovalState ApprovalState { get; private set; }

    public EscalationReason? EscalationReason { get; private set; }

    /// <summary>The regional logistics unit the request was handed over to, with the payment state at that moment.</summary>
    public Guid? HandedOverToUnitId { get; private set; }

    public DateTime? HandedOverAt { get; private set; }

    public bool? HandoverPaidInFull { get; private set; }

    public SystemStatus SystemStatus { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public Guid? CreatedById { get; private set; }

    public string CreatedByName { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>The SLA state of the request's clocks (SLA-3); null when no service level applies.</summary>
    public Sla.SlaState? SlaState { get; private set; }

    /// <summary>The earliest due time of the clocks still open.</summary>
    public DateTime? SlaDueAt { get; private set; }

    public string? SlaLevelCode { get; private set; }

    /// <summary>Whether the request came through the green channel (SLA-5): shortened targets, first in queues.</summary>
    public bool GreenChannel { get; private set; }

    /// <summary>Keyset sort key of the SLA queue: green channel first, then the earliest due time, requests without a due time last.</summary>
    public string SlaSortKey { get; private set; } = SortKey(false, null);

    public IReadOnlyList<ServiceRequestItem> Items => items;

    public IReadOnlyList<ServiceRequestLogEntry> Log => log;

    public IReadOnlyList<ServiceRequestStatusChange> StatusChanges => statusChanges;

    public void BumpVersion() => Version++;

    internal static ServiceRequest Create(string number, ValidServiceRequest v, StatusDefinition initial, Caller caller, DateTime now)
    {
        var r = new ServiceRequest
        {
            Id = Guid.CreateVersion7(),
            Number = number,
            TypeCode = v.TypeCode,
            CustomerId = v.CustomerId,
            UserStatus = initial.Code,
            SystemStatus = initial.SystemStatus,
            CreatedAt = now,
            CreatedById = caller.UserId,
            CreatedByName = caller.UserName,
        };
        r.Apply(v, now);
        r.statusChanges.Add(ServiceRequestStatusChange.Create(r, null, initial.Code, caller, null, now));
        if (!string.IsNullOrWhiteSpace(v.LongText))
        {
            r.AppendLog(v.LongText, caller, now);
        }

        return r;
    }

    internal void Apply(ValidServiceRequest v, DateTime now)
    {
        Channel = v.Channel;
        Phase = v.Phase;
        ChargeMode = v.ChargeMode;
        PaidInFull = v.PaidInFull;
        Urgency = v.Urgency;
        ShortText = v.ShortText;
        ShipToCustomerId = v.ShipToCustomerId;
        Reporter = v.Reporter;
        ReferenceDocument = v.ReferenceDocument;
        ReferenceDate = v.ReferenceDate;
        RequiredStart = v.RequiredStart;
        ExpectedEnd = v.ExpectedEnd;
        ResponsibilityCentreId = v.ResponsibilityCentreId;
        WorkCentreId = v.WorkCentreId;
        ResponsiblePersonId = v.ResponsiblePersonId;
        ObjectProvince = v.ObjectAddress.Province;
        ObjectCity = v.ObjectAddress.City;
        ObjectDistrict = v.ObjectAddress.District;
        ObjectStreet = v.ObjectAddress.Street;
        EarlierRequestId = v.EarlierRequestId;
        UpdatedAt = now;
        items.Clear();
        items.AddRange(v.Items.Select((i, n) => ServiceRequestItem.Create(this, n + 1, i)));
    }

    /// <summary>Moves to a status the profile allowed and keeps the step (who, when, from, to, comment).</summary>
    internal void MoveTo(StatusDefinition to, Caller caller, string? comment, DateTime now)
    {
        statusChanges.Add(ServiceRequestStatusChange.Create(this, UserStatus, to.Code, caller, comment, now));
        UserStatus = to.Code;
        SystemStatus = to.SystemStatus;
        CompletedAt = to.SystemStatus == SystemStatus.Completed ? now : null;
        UpdatedAt = now;
    }

    internal void SetSla(Sla.SlaState? state, DateTime? due, bool green, string? level)
    {
        SlaState = state;
        SlaDueAt = due;
        GreenChannel = green;
        SlaLevelCode = level;
        SlaSortKey = SortKey(green, due);
    }

    /// <summary>Raises the urgency one step, not above emergency (an SLA breach escalates the request).</summary>
    internal void RaiseUrgency(DateTime now)
    {
        if (Urgency < Urgency.Emergency)
        {
            Urgency++;
            UpdatedAt = now;
        }
    }

    public static string SortKey(bool green, DateTime? due) =>
        (green ? "0" : "1") + (due?.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) ?? "99999999999999");

    internal void Assign(Guid person, Guid? workCentre, DateTime now)
    {
        ResponsiblePersonId = person;
        WorkCentreId = workCentre ?? WorkCentreId;
        UpdatedAt = now;
    }

    internal void AwaitApproval(EscalationReason reason, DateTime now)
    {
        ApprovalState = ApprovalState.Pending;
        EscalationReason = reason;
        UpdatedAt = now;
    }

    internal void Decide(bool approved, DateTime now)
    {
        ApprovalState = approved ? ApprovalState.Approved : ApprovalState.Rejected;
        UpdatedAt = now;
    }

    internal void HandOver(Guid logisticsUnit, EscalationReason reason, DateTime now)
    {
        EscalationReason = reason;
        HandedOverToUnitId = logisticsUnit;
        HandedOverAt = now;
        HandoverPaidInFull = PaidInFull;
        UpdatedAt = now;
    }

    /// <summary>Takes a duplicate's items; its log and timeline are re-pointed in the database by the caller (set-based).</summary>
    internal void AbsorbItems(IEnumerable<ServiceRequestItem> others, DateTime now)
    {
        var line = items.Count == 0 ? 0 : items.Max(i => i.Line);
        foreach (var item in others.OrderBy(i => i.Line))
        {
            items.Add(item.CopyTo(this, ++line));
        }

        UpdatedAt = now;
    }

    internal void MarkMergedInto(ServiceRequest survivor, StatusDefinition completed, Caller caller, DateTime now)
    {
        MergedIntoId = survivor.Id;
        MoveTo(completed, caller, $"合并至 / Merged into {survivor.Number}", now);
    }

    /// <summary>Removes the given lines and returns them, for a split.</summary>
    internal List<ServiceRequestItem> TakeItems(IReadOnlyCollection<int> lines, DateTime now)
    {
        var taken = items.Where(i => lines.Contains(i.Line)).ToList();
        items.RemoveAll(taken.Contains);
        UpdatedAt = now;
        return taken;
    }

    /// <summary>The data of this request with other items and short text, to record a request split off from it.</summary>
    internal ValidServiceRequest ToValidWith(string shortText, IEnumerable<ServiceRequestItem> withItems, string longText) => new(
        TypeCode, Channel, Phase, ChargeMode, PaidInFull, Urgency, shortText, longText, CustomerId, ShipToCustomerId, Reporter,
        ReferenceDocument, ReferenceDate, RequiredStart, ExpectedEnd, ResponsibilityCentreId, WorkCentreId, ResponsiblePersonId,
        new ObjectAddress(ObjectProvince, ObjectCity, ObjectDistrict, ObjectStreet), Id,
        withItems.OrderBy(i => i.Line).Select(i => i.ToValid()).ToList());

    internal ServiceRequestLogEntry AppendLog(string text, Caller caller, DateTime now)
    {
        var entry = ServiceRequestLogEntry.Create(this, text, caller, now);
        log.Add(entry);
        UpdatedAt = now;
        return entry;
    }
}

public sealed record ObjectAddress(string? Province, string? City, string? District, string Street)
{
    public string OneLine => string.Concat(Province, City, District, Street);
}
