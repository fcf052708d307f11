using Kefu.Core.Common;

namespace Kefu.Core.ServiceRequests;

/// <summary>A request type (SRQ-2) with its user-status profile (SRQ-4), stored as data that administrators edit.</summary>
public sealed class RequestType : IVersioned
{
    private readonly List<RequestTypeStatus> statuses = [];
    private readonly List<RequestTypeTransition> transitions = [];

    private RequestType()
    {
        Code = "";
        NameZh = "";
        NameEn = "";
    }

    public string Code { get; private set; }

    public string NameZh { get; private set; }

    public string NameEn { get; private set; }

    public bool IsActive { get; private set; } = true;

    /// <summary>The user status a supervisor's approval sets (Z1: ZGPZ); null when approval sets none.</summary>
    public string? ApprovedStatus { get; private set; }

    /// <summary>The user status a rejection sets (Z1: BPZ).</summary>
    public string? RejectedStatus { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<RequestTypeStatus> Statuses => statuses;

    public IReadOnlyList<RequestTypeTransition> Transitions => transitions;

    public string NumberRangeCode => NumberRangeFor(Code);

    public void BumpVersion() => Version++;

    public static string NumberRangeFor(string typeCode) => "request:" + typeCode;

    public StatusProfile Profile() =>
        StatusProfile.Create(
            statuses.OrderBy(s => s.SortOrder).Select(s => s.ToDefinition()).ToList(),
            transitions.Select(t => new TransitionDefinition(t.FromCode, t.ToCode)).ToList()).Value;

    internal static RequestType Create(string code, string nameZh, string nameEn, StatusProfile profile, string? approved = null, string? rejected = null)
    {
        var type = new RequestType { Code = code, ApprovedStatus = approved, RejectedStatus = rejected };
        type.Change(nameZh, nameEn, true, profile);
        return type;
    }

    /// <summary>Replaces names and the profile; the profile was checked by <see cref="StatusProfile.Create"/>.</summary>
    internal void Change(string nameZh, string nameEn, bool isActive, StatusProfile profile)
    {
        NameZh = nameZh;
        NameEn = nameEn;
        IsActive = isActive;
        statuses.Clear();
        statuses.AddRange(profile.Statuses.Select((s, i) => RequestTypeStatus.From(Code, s, i)));
        transitions.Clear();
        transitions.AddRange(profile.Transitions.Select(t => new RequestTypeTransition(Code, t.From, t.To)));
    }
}

public sealed class RequestTypeStatus
{
    private RequestTypeStatus()
    {
        TypeCode = Code = LabelZh = LabelEn = Roles = "";
    }

    public string TypeCode { get; private set; }

    public string Code { get; private set; }

    public string LabelZh { get; private set; }

    public string LabelEn { get; private set; }

    public SystemStatus SystemStatus { get; private set; }

    /// <summary>Comma-separated roles that may set the status; empty for any staff.</summary>
    public string Roles { get; private set; }

    public bool IsInitial { get; private set; }

    public bool WaitsForCustomer { get; private set; }

    /// <summary>Reaching this status means the technician is on site (meets the SLA arrival target).</summary>
    public bool OnSite { get; private set; }

    public int SortOrder { get; private set; }

    internal static RequestTypeStatus From(string typeCode, StatusDefinition s, int order) => new()
    {
        TypeCode = typeCode,
        Code = s.Code,
        LabelZh = s.LabelZh,
        LabelEn = s.LabelEn,
        SystemStatus = s.SystemStatus,
        Roles = string.Join(",", s.Roles.Order(StringComparer.Ordinal)),
        IsInitial = s.IsInitial,
        WaitsForCustomer = s.WaitsForCustomer,
        OnSite = s.OnSite,
        SortOrder = order,
    };

    public StatusDefinition ToDefinition() => new(
        Code, LabelZh, LabelEn, SystemStatus,
        Roles.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal), IsInitial, WaitsForCustomer, OnSite);
}

public sealed class RequestTypeTransition
{
    internal RequestTypeTransition(string typeCode, string fromCode, string toCode)
    {
        TypeCode = typeCode;
        FromCode = fromCode;
        ToCode = toCode;
    }

    public string TypeCode { get; private set; }

    public string FromCode { get; private set; }

    public string ToCode { get; private set; }
}
