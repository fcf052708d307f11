using Kefu.Core.Common;
using Kefu.Core.ServiceRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.Sla;

/// <summary>The three targets an SLA clock measures (SLA-1).</summary>
public enum SlaKind
{
    FirstResponse = 0,
    Arrival = 1,
    Resolution = 2,
}

/// <summary>Targets of one urgency in working minutes; null means no target.</summary>
public sealed record UrgencyTargets(Urgency Urgency, int? FirstResponseMinutes, int? ArrivalMinutes, int? ResolutionMinutes)
{
    public int? For(SlaKind kind) => kind switch
    {
        SlaKind.FirstResponse => FirstResponseMinutes,
        SlaKind.Arrival => ArrivalMinutes,
        _ => ResolutionMinutes,
    };
}

/// <summary>
/// A service level (维保服务等级, SLA-1): targets per urgency in working minutes, the request types it covers, the request
/// types it is the default level of, the warning threshold and what the green channel (SLA-5) changes.
/// </summary>
public sealed class ServiceLevel : IVersioned
{
    private ServiceLevel()
    {
        Code = NameZh = NameEn = CoveredTypes = DefaultForTypes = "";
    }

    public string Code { get; private set; }

    public string NameZh { get; private set; }

    public string NameEn { get; private set; }

    public bool IsActive { get; private set; } = true;

    public int? LowFirstResponse { get; private set; }

    public int? LowArrival { get; private set; }

    public int? LowResolution { get; private set; }

    public int? NormalFirstResponse { get; private set; }

    public int? NormalArrival { get; private set; }

    public int? NormalResolution { get; private set; }

    public int? HighFirstResponse { get; private set; }

    public int? HighArrival { get; private set; }

    public int? HighResolution { get; private set; }

    public int? EmergencyFirstResponse { get; private set; }

    public int? EmergencyArrival { get; private set; }

    public int? EmergencyResolution { get; private set; }

    /// <summary>Comma-separated request type codes the level covers; empty: every type.</summary>
    public string CoveredTypes { get; private set; }

    /// <summary>Comma-separated request type codes whose default level this is (the last source of a request's level).</summary>
    public string DefaultForTypes { get; private set; }

    /// <summary>Share of a target's time after which the responsible person is warned, e.g. 75.</summary>
    public int WarningPercent { get; private set; }

    /// <summary>Share of each target a green-channel request gets, e.g. 50 (half the time).</summary>
    public int GreenChannelPercent { get; private set; }

    /// <summary>Whether green-channel requests skip the supervisor's approval step (SRQ-7) under this level.</summary>
    public bool GreenSkipsApproval { get; private set; }

    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    public IReadOnlyList<UrgencyTargets> Targets =>
    [
        new(Urgency.Low, LowFirstResponse, LowArrival, LowResolution),
        new(Urgency.Normal, NormalFirstResponse, NormalArrival, NormalResolution),
        new(Urgency.High, HighFirstResponse, HighArrival, HighResolution),
        new(Urgency.Emergency, EmergencyFirstResponse, EmergencyArrival, EmergencyResolution),
    ];

    public IReadOnlyList<string> CoveredTypeList => Split(CoveredTypes);

    public IReadOnlyList<string> DefaultForTypeList => Split(DefaultForTypes);

    public bool Covers(string typeCode) => CoveredTypes.Length == 0 || CoveredTypeList.Contains(typeCode, StringComparer.Ordinal);

    public int? Target(Urgency urgency, SlaKind kind) => Targets.First(t => t.Urgency == urgency).For(kind);

    internal static ServiceLevel Create(string code, ValidServiceLevel v)
    {
        var level = new ServiceLevel { Code = code };
        level.Change(v);
        return level;
    }

    internal void Change(ValidServiceLevel v)
    {
        NameZh = v.NameZh;
        NameEn = v.NameEn;
        IsActive = v.IsActive;
        var t = v.Targets.ToDictionary(x => x.Urgency);
        (LowFirstResponse, LowArrival, LowResolution) = Of(t, Urgency.Low);
        (NormalFirstResponse, NormalArrival, NormalResolution) = Of(t, Urgency.Normal);
        (HighFirstResponse, HighArrival, HighResolution) = Of(t, Urgency.High);
        (EmergencyFirstResponse, EmergencyArrival, EmergencyResolution) = Of(t, Urgency.Emergency);
        CoveredTypes = string.Join(",", v.CoveredTypes);
        DefaultForTypes = string.Join(",", v.DefaultForTypes);
        WarningPercent = v.WarningPercent;
        GreenChannelPercent = v.GreenChannelPercent;
        GreenSkipsApproval = v.GreenSkipsApproval;
    }

    private static (int?, int?, int?) Of(Dictionary<Urgency, UrgencyTargets> t, Urgency u) =>
        t.TryGetValue(u, out var x) ? (x.FirstResponseMinutes, x.ArrivalMinutes, x.ResolutionMinutes) : (null, null, null);

    private static string[] Split(string codes) => codes.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed record ValidServiceLevel(
    string NameZh,
    string NameEn,
    bool IsActive,
    IReadOnlyList<UrgencyTargets> Targets,
    IReadOnlyList<string> CoveredTypes,
    IReadOnlyList<string> DefaultForTypes,
    int WarningPercent,
    int GreenChannelPercent,
    bool GreenSkipsApproval);

internal sealed class ServiceLevelConfiguration : IEntityTypeConfiguration<ServiceLevel>
{
    public void Configure(EntityTypeBuilder<ServiceLevel> b)
    {
        b.ToTable("service_levels");
        b.HasKey(l => l.Code);
        b.Property(l => l.Code).HasMaxLength(10);
        b.Property(l => l.NameZh).HasMaxLength(50);
        b.Property(l => l.NameEn).HasMaxLength(50);
        b.Property(l => l.CoveredTypes).HasMaxLength(500);
        b.Property(l => l.DefaultForTypes).HasMaxLength(500);
        b.Property(l => l.Version).IsConcurrencyToken();
        b.Ignore(l => l.Targets);
        b.Ignore(l => l.CoveredTypeList);
        b.Ignore(l => l.DefaultForTypeList);
    }
}
