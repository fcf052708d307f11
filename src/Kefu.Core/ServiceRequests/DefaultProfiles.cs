using Kefu.Core.Security;

namespace Kefu.Core.ServiceRequests;

/// <summary>A shipped request type with its status profile; administrators may change all of it afterwards.</summary>
public sealed record RequestTypeDefault(
    string Code,
    string NameZh,
    string NameEn,
    IReadOnlyList<StatusDefinition> Statuses,
    IReadOnlyList<TransitionDefinition> Transitions,
    string? ApprovedStatus = null,
    string? RejectedStatus = null);

/// <summary>
/// The shipped request types (SRQ-2, SRQ-4). Z1 and Z2 reproduce the source ERP process
/// (seeds/000, 客户服务类型确认); the others are the usual service-desk flows.
/// </summary>
public static class DefaultProfiles
{
    private static readonly HashSet<string> Anyone = new(StringComparer.Ordinal);
    private static readonly HashSet<string> Intake = new(StringComparer.Ordinal) { Roles.Assistant, Roles.Supervisor };
    private static readonly HashSet<string> Field = new(StringComparer.Ordinal) { Roles.Technician, Roles.Supervisor };
    private static readonly HashSet<string> SupervisorOnly = new(StringComparer.Ordinal) { Roles.Supervisor };
    private static readonly HashSet<string> Department = new(StringComparer.Ordinal) { Roles.DepartmentStaff, Roles.Supervisor };

    public static readonly IReadOnlyList<RequestTypeDefault> All =
    [
        new("Z1", "完款后服务", "After-payment service",
            [
                S("TZJL", "通知建立", "Created", SystemStatus.Outstanding, Intake, initial: true),
                S("KCJS", "勘察结束", "Survey finished", SystemStatus.InProcess, Field, onSite: true),
                S("ZGPZ", "主管批准", "Supervisor approved", SystemStatus.InProcess, SupervisorOnly),
                S("BPZ", "主管不批准", "Not approved", SystemStatus.InProcess, SupervisorOnly),
                S("ZBHF", "相应部门回复", "Department replied", SystemStatus.InProcess, Department),
                S("WC", "已完成", "Completed", SystemStatus.Completed, Intake),
            ],
            [T("TZJL", "KCJS"), T("KCJS", "ZGPZ"), T("KCJS", "BPZ"), T("ZGPZ", "ZBHF"), T("BPZ", "ZBHF"), T("ZBHF", "WC")],
            ApprovedStatus: "ZGPZ",
            RejectedStatus: "BPZ"),
        new("Z2", "交货异常", "Delivery exception",
            [
                S("TZJL", "通知建立", "Created", SystemStatus.Outstanding, Intake, initial: true),
                S("HFYY", "回复营业", "Replied to sales", SystemStatus.InProcess, Department),
                S("DDKH", "货物送达客户", "Goods delivered to customer", SystemStatus.InProcess, Department),
                S("THCS", "货物送回厂商", "Goods returned to manufacturer", SystemStatus.Completed, Department),
            ],
            [T("TZJL", "HFYY"), T("HFYY", "DDKH"), T("DDKH", "THCS")]),
        Simple("INQ", "咨询", "Inquiry", "DF", "已答复", "Answered"),
        Field3("INST", "安装", "Installation"),
        Field3("REP", "维修", "Repair"),
        Field3("CLN", "清洗", "Cleaning"),
        Field3("MNT", "保养", "Maintenance"),
        new("CUST", "定制", "Customisation",
            [
                S("XJ", "新建", "New", SystemStatus.Outstanding, Intake, initial: true),
                S("FA", "方案确认", "Design confirmed", SystemStatus.InProcess, Anyone, waits: true),
                S("SC", "生产中", "In production", SystemStatus.InProcess, Department),
                S("AZ", "已安装", "Installed", SystemStatus.InProcess, Field, onSite: true),
                S("WC", "已完成", "Completed", SystemStatus.Completed, Intake),
                S("QX", "已取消", "Cancelled", SystemStatus.Completed, Intake),
            ],
            [T("XJ", "FA"), T("FA", "SC"), T("SC", "AZ"), T("AZ", "WC"), T("XJ", "QX"), T("FA", "QX")]),
        new("CMP", "投诉", "Complaint",
            [
                S("SL", "受理", "Accepted", SystemStatus.Outstanding, Intake, initial: true),
                S("DC", "调查中", "Investigating", SystemStatus.InProcess, Anyone),
                S("DKH", "待客户确认", "Waiting for customer", SystemStatus.Postponed, Anyone, waits: true),
                S("JJ", "已解决", "Resolved", SystemStatus.InProcess, Anyone),
                S("GB", "已关闭", "Closed", SystemStatus.Completed, SupervisorOnly),
            ],
            [T("SL", "DC"), T("DC", "DKH"), T("DKH", "DC"), T("DC", "JJ"), T("DKH", "JJ"), T("JJ", "GB"), T("JJ", "DC")]),
    ];

    private static RequestTypeDefault Simple(string code, string zh, string en, string doneCode, string doneZh, string doneEn) =>
        new(code, zh, en,
            [
                S("XJ", "新建", "New", SystemStatus.Outstanding, Anyone, initial: true),
                S("CLZ", "处理中", "In process", SystemStatus.InProcess, Anyone),
                S(doneCode, doneZh, doneEn, SystemStatus.Completed, Anyone),
            ],
            [T("XJ", "CLZ"), T("CLZ", doneCode), T("XJ", doneCode)]);

    /// <summary>Field work: planned, on site (or postponed while the customer is unavailable), done.</summary>
    private static RequestTypeDefault Field3(string code, string zh, string en) =>
        new(code, zh, en,
            [
                S("XJ", "新建", "New", SystemStatus.Outstanding, Intake, initial: true),
                S("YPG", "已派工", "Assigned", SystemStatus.InProcess, Intake),
                S("YQ", "延期（待客户）", "Postponed (customer)", SystemStatus.Postponed, Anyone, waits: true),
                S("SMZ", "上门处理中", "On site", SystemStatus.InProcess, Field, onSite: true),
                S("WC", "已完成", "Completed", SystemStatus.Completed, Field),
            ],
            [T("XJ", "YPG"), T("YPG", "SMZ"), T("YPG", "YQ"), T("YQ", "YPG"), T("SMZ", "YQ"), T("SMZ", "WC")]);

    private static StatusDefinition S(
        string code, string zh, string en, SystemStatus system, HashSet<string> roles, bool initial = false, bool waits = false, bool onSite = false) =>
        new(code, zh, en, system, roles, initial, waits, onSite);

    private static TransitionDefinition T(string from, string to) => new(from, to);
}
