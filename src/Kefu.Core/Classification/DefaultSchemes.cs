using Kefu.Core.ServiceRequests;

namespace Kefu.Core.Classification;

internal sealed record DefaultClass(
    string Code, string NameZh, string NameEn, string Colour, Urgency? Priority = null, string? ServiceLevelCode = null, bool GreenChannel = false,
    int? CallbackDays = null, int? VisitDays = null);

internal sealed record DefaultScheme(string Code, SchemeKind Kind, string NameZh, string NameEn, object Settings, IReadOnlyList<DefaultClass> Classes);

/// <summary>The schemes a new installation starts with (CLS-1, CLS-3..5); administrators edit names, criteria and service settings.</summary>
internal static class DefaultSchemes
{
    private static readonly Dictionary<string, decimal> NoMax = [];

    public static readonly IReadOnlyList<DefaultScheme> All =
    [
        new("abc", SchemeKind.Abc, "ABC 分类", "ABC analysis",
            new AbcSettings("revenue", "value", [new AbcCut("A", 0.8m), new AbcCut("B", 0.95m)], "C"),
            [
                new("A", "A 类客户", "A customers", "#d4a017", Urgency.High, "GOLD", true, 30, 180),
                new("B", "B 类客户", "B customers", "#6c8ebf", Urgency.Normal, "SILVER", false, 90),
                new("C", "C 类客户", "C customers", "#9e9e9e"),
            ]),
        new("tier", SchemeKind.Threshold, "价值层级", "Value tier",
            new ThresholdSettings(
                [
                    new ThresholdRule("platinum", new Dictionary<string, decimal> { ["profit"] = 20000, ["purchases"] = 3 }, NoMax),
                    new ThresholdRule("gold", new Dictionary<string, decimal> { ["profit"] = 5000 }, NoMax),
                    new ThresholdRule("iron", new Dictionary<string, decimal> { ["profit"] = 0 }, NoMax),
                ],
                "lead"),
            [
                new("platinum", "白金客户", "Platinum", "#7f8fa6", Urgency.High, "GOLD", true, 30, 90),
                new("gold", "黄金客户", "Gold", "#d4a017", Urgency.Normal, "SILVER", false, 60, 180),
                new("iron", "铁客户", "Iron", "#5d6d7e"),
                new("lead", "铅客户", "Lead", "#34495e", Urgency.Low),
            ]),
        new("membership", SchemeKind.Threshold, "会员等级", "Membership level",
            new ThresholdSettings(
                [
                    new ThresholdRule("diamond", new Dictionary<string, decimal> { ["lifetimeRevenue"] = 100000 }, NoMax),
                    new ThresholdRule("gold", new Dictionary<string, decimal> { ["lifetimeRevenue"] = 30000 }, NoMax),
                    new ThresholdRule("silver", new Dictionary<string, decimal> { ["lifetimeRevenue"] = 5000 }, NoMax),
                ],
                "ordinary"),
            [
                new("diamond", "钻石会员", "Diamond", "#5dade2", Urgency.High, "GOLD", true, 30),
                new("gold", "金卡会员", "Gold", "#d4a017", null, "SILVER", false, 90),
                new("silver", "银卡会员", "Silver", "#aab7b8"),
                new("ordinary", "普通会员", "Ordinary", "#bdc3c7"),
            ]),
        new("lifecycle", SchemeKind.Lifecycle, "生命周期", "Lifecycle",
            new LifecycleSettings(NewDays: 90, AtRiskFactor: 2m, LostFactor: 4m, MinIntervalDays: 7, SinglePurchaseIntervalDays: 180, LoyalMinPurchases: 5, LoyalMinMonths: 12),
            [
                new(Lifecycle.Loyal, "忠诚客户", "Loyal", "#27ae60"),
                new(Lifecycle.Active, "活跃客户", "Active", "#2ecc71"),
                new(Lifecycle.New, "新客户", "New", "#3498db", null, null, false, 30),
                new(Lifecycle.AtRisk, "流失风险", "At risk", "#e67e22", null, null, false, 14),
                new(Lifecycle.Lost, "已流失", "Lost", "#c0392b"),
                new(Lifecycle.Potential, "潜在客户", "Potential", "#95a5a6"),
            ]),
    ];
}
