using Kefu.Core.ServiceRequests;

namespace Kefu.Core.Sla;

/// <summary>
/// The six shipped levels (SLA-1). Targets are working minutes of the responsibility centre's calendar (a CN-STD day is
/// 570 minutes, 9:00–18:30); administrators edit all of it afterwards.
/// </summary>
public static class ServiceLevelDefaults
{
    public static IReadOnlyList<(string Code, ValidServiceLevelDefault Level)> All { get; } =
    [
        ("BASIC", new("基础维保", "Basic maintenance", T((240, 2280, 5700), (120, 1140, 2850), (60, 480, 1140), (30, 240, 570)),
            [], ["REP", "INST", "CLN", "INQ", "CMP", "Z1", "Z2"], 75, 50, true)),
        ("PREV", new("预防性维保", "Preventive maintenance", T((480, 2850, 11400), (240, 1710, 5700), (120, 570, 2280), (30, 240, 1140)),
            [], ["MNT"], 75, 50, true)),
        ("CONTRACT", new("维保合同", "Maintenance contract", T((120, 1140, 2850), (60, 480, 1710), (30, 240, 960), (15, 120, 480)),
            [], [], 75, 50, true)),
        ("FULL", new("全面维保", "Full maintenance", T((120, 570, 2280), (60, 360, 1140), (30, 180, 570), (15, 90, 300)),
            [], [], 70, 50, true)),
        ("CUSTOM", new("定制服务", "Customised service", T((480, null, 22800), (240, null, 11400), (120, null, 5700), (60, null, 2850)),
            [], ["CUST"], 75, 50, false)),
        ("REMOTE", new("远程监控", "Remote monitoring", T((60, null, 1920), (30, null, 960), (15, null, 480), (10, null, 240)),
            [], [], 75, 50, true)),
    ];

    private static UrgencyTargets[] T(
        (int? F, int? A, int? R) low, (int? F, int? A, int? R) normal, (int? F, int? A, int? R) high, (int? F, int? A, int? R) emergency) =>
    [
        new(Urgency.Low, low.F, low.A, low.R),
        new(Urgency.Normal, normal.F, normal.A, normal.R),
        new(Urgency.High, high.F, high.A, high.R),
        new(Urgency.Emergency, emergency.F, emergency.A, emergency.R),
    ];
}

public sealed record ValidServiceLevelDefault(
    string NameZh,
    string NameEn,
    IReadOnlyList<UrgencyTargets> Targets,
    IReadOnlyList<string> CoveredTypes,
    IReadOnlyList<string> DefaultForTypes,
    int WarningPercent,
    int GreenChannelPercent,
    bool GreenSkipsApproval)
{
    internal ValidServiceLevel ToValid() =>
        new(NameZh, NameEn, true, Targets, CoveredTypes, DefaultForTypes, WarningPercent, GreenChannelPercent, GreenSkipsApproval);
}
