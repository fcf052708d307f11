using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kefu.Core.Audit;
using Kefu.Core.Customers;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Kefu.Core.ServiceRequests;
using Kefu.Web.Features.Shared;

namespace Kefu.Browser.Tests;

/// <summary>zh-CN and en resources stay in step, and every key a page uses exists.</summary>
public sealed partial class ResourcesTests
{
    private static readonly string Web = Path.Combine(SourceRoot(), "src", "Kefu.Web");

    private static readonly Dictionary<string, string> Chinese = Read("SharedResource.resx");

    private static readonly Dictionary<string, string> English = Read("SharedResource.en.resx");

    [Fact]
    public void Resx_BothLanguages_HaveSameKeysAndNoEmptyValues()
    {
        Assert.True(Chinese.Count > 100, "the zh-CN resources look empty");
        Assert.Empty(Chinese.Keys.Except(English.Keys));
        Assert.Empty(English.Keys.Except(Chinese.Keys));
        Assert.Empty(Chinese.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key));
        Assert.Empty(English.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key));
    }

    [Fact]
    public void Views_EveryLocalizerKey_ExistsInResx()
    {
        var views = Directory.GetFiles(Path.Combine(Web, "Features"), "*.cshtml", SearchOption.AllDirectories);
        Assert.NotEmpty(views);
        var used = views.SelectMany(f => LocalizerKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value))).ToList();
        Assert.True(used.Count > 100, "expected the pages to use the localizer");
        Assert.Empty(used.Where(u => !Chinese.ContainsKey(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct());
    }

    [Fact]
    public void EnumsAndRoles_EveryValue_HasLabelInBothLanguages()
    {
        var keys = new List<string>();
        keys.AddRange(Enum.GetValues<CustomerKind>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<CustomerNature>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<OrgUnitKind>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<KeyDateKind>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<AuditAction>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<AccountManagerLevel>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<SystemStatus>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<Channel>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<Phase>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<Kefu.Core.Scheduling.JobRunOutcome>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<ChargeMode>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<Urgency>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<ApprovalState>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<EscalationReason>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<LinkKind>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<Kefu.Core.Calendars.CalendarDayKind>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<Kefu.Core.Contracts.ContractState>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<Kefu.Core.Contracts.BillingPeriod>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<Kefu.Core.Contracts.ScheduleKind>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<Kefu.Core.Sla.SlaState>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<Kefu.Core.Sla.SlaKind>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<Kefu.Core.Sla.SlaClockState>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<Kefu.Core.Classification.SchemeKind>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<Kefu.Core.Classification.RunState>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<Kefu.Core.Classification.RunTrigger>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Enum.GetValues<Kefu.Core.Classification.ChurnReason>().Select(v => Labels.EnumKey(v)));
        keys.AddRange(Roles.All.Select(Labels.RoleKey));
        Assert.DoesNotContain(keys, k => !Chinese.ContainsKey(k) || !English.ContainsKey(k));
        Assert.Equal("Retail", English["Enum.CustomerNature.Retail"]);
        Assert.Equal("客户经理", Chinese["Role.account-manager"]);
        Assert.Equal("处理中", Chinese["Enum.SystemStatus.InProcess"]);
        Assert.Equal("Emergency", English["Enum.Urgency.Emergency"]);
    }

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Web, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kefu.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Kefu.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""L\["([^"\]]+)"[\],]""")]
    private static partial Regex LocalizerKey();
}
