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

    [Fact]
    public void RefusedRows_EveryReasonAndField_IsWordedInBothLanguagesWithTheRefusedText()
    {
        var today = new DateOnly(2026, 12, 1);
        var errors = new List<Kefu.Core.Transactions.RowError>();
        string?[][] bad =
        [
            [null, "not-a-guid", "2026-01-01", "1", "x", "线上", "现金", null, null],
            [new string('C', 21), null, "2026-13-45", "abc", "x", "飞鸽", "现金", null, null],
            ["C1", null, "2027-01-01", "1.234", "x", "线上", "现金", new string('p', 101), new string('r', 61)],
            ["C1", null, "1989-12-31", "0", new string('i', 1001), "线上", new string('m', 41), null, null],
            [null, null, null, null, null, null, null, null, null],
            ["C1", null, "2026-01-01", "1", "x\0", "线上", "现金", null, null],
        ];
        for (var i = 0; i < bad.Length; i++)
        {
            var r = bad[i];
            Kefu.Core.Transactions.TransactionRows.Parse(i + 2, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], today, errors);
        }

        // The importer's own reasons (the database checks) use the code as their reason.
        var reasons = errors.Select(e => e.Reason ?? e.Code).Concat(["unknown-customer", "duplicate-reference", "already-imported"]).Distinct().ToList();
        Assert.Equal(14, reasons.Count);
        foreach (var e in errors.Where(e => e.Code != "missing-field"))
        {
            Assert.False(e.Value is null, $"{e.Code}/{e.Reason}: the refused text is kept");
        }

        foreach (var language in new[] { Chinese, English })
        {
            Assert.DoesNotContain(reasons, r => !language.ContainsKey("Transactions.Reason." + r));
            Assert.DoesNotContain(errors, e => !language.ContainsKey("Transactions.Error." + e.Code));
            Assert.DoesNotContain(errors, e => !language.ContainsKey("Transactions.Field." + e.Field));
            Assert.DoesNotContain(reasons, r => r is not ("missing-field" or "zero-amount") && !language["Transactions.Reason." + r].Contains("{1}", StringComparison.Ordinal));
        }

        Assert.Equal("您的单位中没有客户 {1}。", Chinese["Transactions.Reason.unknown-customer"]);
        foreach (var state in new[] { "pending", "running", "succeeded", "failed", "skipped" })
        {
            Assert.True(Chinese.ContainsKey("Classification.SchemeState." + state) && English.ContainsKey("Classification.SchemeState." + state), state);
        }
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
