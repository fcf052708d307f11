using System.Globalization;
using System.Text.Json;
using Kefu.Core.Classification;
using Kefu.Core.Common;
using Kefu.Core.ServiceRequests;
using Kefu.Core.Sla;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Classification;

/// <summary>
/// A scheme's settings (a form per kind: ABC cut-offs and window, threshold rules, lifecycle parameters; rule schemes link to the rule
/// editor), its classes (names, colour, priority, SLA level, green channel, cadences) and its settings history. Administrators edit;
/// other staff see it read-only. Saving goes through <see cref="ClassificationService"/> (version checked; a stale form keeps its values).
/// </summary>
public sealed partial class SchemeModel(ClassificationService classification, ClassificationRuns runs, ServiceLevelService levels) : KefuPageModel
{
    public const string NewClass = "+";

    [BindProperty]
    public SettingsForm Input { get; set; } = new();

    [BindProperty]
    public ClassForm ClassInput { get; set; } = new();

    public SchemeDto Scheme { get; private set; } = null!;

    public IReadOnlyList<SchemeVersionDto> Versions { get; private set; } = [];

    public IReadOnlyList<ServiceLevelDto> ServiceLevels { get; private set; } = [];

    /// <summary>Customers per class among the caller's units.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();

    /// <summary>The class being edited (its code, <see cref="NewClass"/> for a new one) or null.</summary>
    public string? EditingClass { get; private set; }

    /// <summary>Set when saving met a newer version: the form keeps what was typed and now carries the current version.</summary>
    public bool Conflict { get; private set; }

    public bool ClassConflict { get; private set; }

    public bool CanEdit => Caller.IsAdministrator;

    public static IReadOnlyList<string> MetricNames { get; } = [.. Metrics.Columns.Keys];

    public static IReadOnlyList<string> WindowMeasures => AbcSettings.WindowMeasures;

    public static IReadOnlyList<string> LifecycleParameters { get; } =
        ["newDays", "atRiskFactor", "lostFactor", "minIntervalDays", "singlePurchaseIntervalDays", "loyalMinPurchases", "loyalMinMonths"];

    public sealed class SettingsForm
    {
        public string? NameZh { get; set; }

        public string? NameEn { get; set; }

        public bool Enabled { get; set; }

        public int? Version { get; set; }

        public string? Measure { get; set; }

        public string? Basis { get; set; }

        public List<CutRow> Cuts { get; set; } = [];

        public string? Rest { get; set; }

        public int? WindowMonths { get; set; }

        public List<ThresholdRow> Rules { get; set; } = [];

        public string? Otherwise { get; set; }

        public int? NewDays { get; set; }

        public decimal? AtRiskFactor { get; set; }

        public decimal? LostFactor { get; set; }

        public int? MinIntervalDays { get; set; }

        public int? SinglePurchaseIntervalDays { get; set; }

        public int? LoyalMinPurchases { get; set; }

        public int? LoyalMinMonths { get; set; }

        public object? Parameter(string name) => name switch
        {
            "newDays" => NewDays,
            "atRiskFactor" => AtRiskFactor,
            "lostFactor" => LostFactor,
            "minIntervalDays" => MinIntervalDays,
            "singlePurchaseIntervalDays" => SinglePurchaseIntervalDays,
            "loyalMinPurchases" => LoyalMinPurchases,
            _ => LoyalMinMonths,
        };
    }

    /// <summary>An ABC cut-off as the form shows it: the share in percent (80 = 0.8).</summary>
    public sealed class CutRow
    {
        public string? Class { get; set; }

        public decimal? UpToPercent { get; set; }
    }

    public sealed class ThresholdRow
    {
        public string? Class { get; set; }

        public List<ConditionRow> Conditions { get; set; } = [];
    }

    /// <summary>A minimum and/or maximum on one metric.</summary>
    public sealed class ConditionRow
    {
        public string? Metric { get; set; }

        public decimal? Min { get; set; }

        public decimal? Max { get; set; }
    }

    public sealed class ClassForm
    {
        public string? Code { get; set; }

        public string? NameZh { get; set; }

        public string? NameEn { get; set; }

        public string? Colour { get; set; }

        public Urgency? Priority { get; set; }

        public string? ServiceLevelCode { get; set; }

        public bool GreenChannel { get; set; }

        public int? CallbackCadenceDays { get; set; }

        public int? VisitCadenceDays { get; set; }

        public int? SortOrder { get; set; }

        public int? Version { get; set; }

        public bool IsNew { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string code, string? cls, CancellationToken ct)
    {
        var loaded = await LoadAsync(code, ct);
        if (loaded is not null)
        {
            return loaded;
        }

        FillSettings();
        if (cls is not null && CanEdit)
        {
            if (cls == NewClass)
            {
                EditingClass = NewClass;
                ClassInput = new ClassForm { IsNew = true, Colour = "#6c757d" };
            }
            else if (Scheme.Classes.FirstOrDefault(c => c.Code == cls) is { } k)
            {
                EditingClass = k.Code;
                ClassInput = new ClassForm
                {
                    Code = k.Code, NameZh = k.NameZh, NameEn = k.NameEn, Colour = k.Colour, Priority = k.Priority, ServiceLevelCode = k.ServiceLevelCode,
                    GreenChannel = k.GreenChannel, CallbackCadenceDays = k.CallbackCadenceDays, VisitCadenceDays = k.VisitCadenceDays, SortOrder = k.SortOrder,
                    Version = k.Version,
                };
            }
        }

        return Page();
    }

    /// <summary>Changes the shape of the form (add/remove/move rows) without saving; <paramref name="op"/> names the change.</summary>
    public async Task<IActionResult> OnPostEditAsync(string code, string? op, CancellationToken ct)
    {
        var loaded = await LoadAsync(code, ct, edit: true);
        if (loaded is not null)
        {
            return loaded;
        }

        ModelState.Clear();
        var parts = (op ?? "").Split(':');
        int At(int i) => parts.Length > i && int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var rule = At(1);
        switch (parts[0])
        {
            case "add-cut":
                Input.Cuts.Add(new CutRow());
                break;
            case "remove-cut" when rule >= 0 && rule < Input.Cuts.Count:
                Input.Cuts.RemoveAt(rule);
                break;
            case "add-rule":
                Input.Rules.Add(new ThresholdRow { Conditions = [new ConditionRow()] });
                break;
            case "remove-rule" when rule >= 0 && rule < Input.Rules.Count:
                Input.Rules.RemoveAt(rule);
                break;
            case "up" when rule > 0 && rule < Input.Rules.Count:
                (Input.Rules[rule - 1], Input.Rules[rule]) = (Input.Rules[rule], Input.Rules[rule - 1]);
                break;
            case "down" when rule >= 0 && rule < Input.Rules.Count - 1:
                (Input.Rules[rule + 1], Input.Rules[rule]) = (Input.Rules[rule], Input.Rules[rule + 1]);
                break;
            case "add-condition" when rule >= 0 && rule < Input.Rules.Count:
                Input.Rules[rule].Conditions.Add(new ConditionRow());
                break;
            case "remove-condition" when rule >= 0 && rule < Input.Rules.Count && At(2) >= 0 && At(2) < Input.Rules[rule].Conditions.Count:
                Input.Rules[rule].Conditions.RemoveAt(At(2));
                break;
            default:
                break;
        }

        return Page();
    }

    /// <summary>Saves names, enabled and settings (a new version when the settings changed); with <paramref name="run"/> starts a run of the scheme.</summary>
    public async Task<IActionResult> OnPostSaveAsync(string code, bool run, CancellationToken ct)
    {
        var loaded = await LoadAsync(code, ct, edit: true);
        if (loaded is not null)
        {
            return loaded;
        }

        var input = new SchemeInput(
            NameZh: Input.NameZh, NameEn: Input.NameEn, Enabled: Input.Enabled, Version: Input.Version,
            Settings: Scheme.Kind == SchemeKind.Rule ? null : Settings());
        var saved = await classification.UpdateSchemeAsync(Caller, code, input, ct);
        if (!saved.IsSuccess)
        {
            if (saved.Error!.Kind == ErrorKind.Conflict)
            {
                // Someone else saved: keep what was typed, take their version so that saving again overwrites knowingly.
                Conflict = true;
                Input.Version = Scheme.Version;
                ModelState.Clear();
                ModelState.AddModelError("", L["SchemeEditor.Conflict"]);
                return Page();
            }

            return FailFields(saved.Error!, "Input");
        }

        if (run)
        {
            var started = await runs.StartAsync(Caller, code, RunTrigger.Ui, ct);
            if (!started.IsSuccess)
            {
                return Fail(started.Error!);
            }

            Flash("SchemeEditor.SavedAndRun", code);
            return RedirectToPage("/Classification/Index");
        }

        Flash("SchemeEditor.Saved", code);
        return RedirectToPage(new { code });
    }

    /// <summary>Creates or edits a class of the scheme (version checked for an existing class).</summary>
    public async Task<IActionResult> OnPostClassAsync(string code, CancellationToken ct)
    {
        var loaded = await LoadAsync(code, ct, edit: true);
        if (loaded is not null)
        {
            return loaded;
        }

        FillSettings();
        EditingClass = ClassInput.IsNew ? NewClass : ClassInput.Code;
        var classCode = ClassInput.Code?.Trim() ?? "";
        if (ClassInput.IsNew && Scheme.Classes.Any(c => c.Code == classCode))
        {
            ModelState.AddModelError("ClassInput.Code", L["SchemeEditor.ClassExists"]);
            return Page();
        }

        if (classCode.Length == 0)
        {
            ModelState.AddModelError("ClassInput.Code", L["SchemeEditor.Error.code"]);
            return Page();
        }

        var saved = await classification.PutClassAsync(Caller, code, classCode, new ClassInput(
            ClassInput.NameZh, ClassInput.NameEn, ClassInput.SortOrder, ClassInput.Colour, ClassInput.Priority, ClassInput.ServiceLevelCode,
            ClassInput.GreenChannel, ClassInput.CallbackCadenceDays, ClassInput.VisitCadenceDays, ClassInput.IsNew ? null : ClassInput.Version), ct);
        if (!saved.IsSuccess)
        {
            if (saved.Error!.Kind == ErrorKind.Conflict)
            {
                ClassConflict = true;
                ClassInput.Version = Scheme.Classes.FirstOrDefault(c => c.Code == classCode)?.Version ?? ClassInput.Version;
                ModelState.Clear();
                ModelState.AddModelError("ClassInput", L["SchemeEditor.ClassConflict"]);
                return Page();
            }

            return FailFields(saved.Error!, "ClassInput");
        }

        Flash("SchemeEditor.ClassSaved", classCode);
        return RedirectToPage(new { code });
    }

    /// <summary>Deletes a class (refused while customers hold it).</summary>
    public async Task<IActionResult> OnPostDeleteClassAsync(string code, string cls, CancellationToken ct)
    {
        var loaded = await LoadAsync(code, ct, edit: true);
        if (loaded is not null)
        {
            return loaded;
        }

        var deleted = await classification.DeleteClassAsync(Caller, code, cls, ct);
        if (!deleted.IsSuccess)
        {
            if (deleted.Error!.Kind == ErrorKind.Conflict)
            {
                FlashDanger("SchemeEditor.ClassInUse");
                return RedirectToPage(new { code });
            }

            return Fail(deleted.Error!);
        }

        Flash("SchemeEditor.ClassDeleted", cls);
        return RedirectToPage(new { code });
    }

    /// <summary>The label of a metric name (camelCase).</summary>
    public string Metric(string name)
    {
        var s = L["SchemeEditor.Metric." + name];
        return s.ResourceNotFound ? name : s.Value;
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Pretty(JsonElement settings) => JsonSerializer.Serialize(settings, Indented);

    public static string Percent(decimal share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Reads the scheme, its versions, the service levels and the class counts; null when the page may be shown.</summary>
    private async Task<IActionResult?> LoadAsync(string code, CancellationToken ct, bool edit = false)
    {
        if (edit && !CanEdit)
        {
            return Forbid();
        }

        var scheme = await classification.GetSchemeAsync(Caller, code, ct);
        if (!scheme.IsSuccess)
        {
            return scheme.Error!.Kind == ErrorKind.NotFound ? NotFoundPage() : Fail(scheme.Error!);
        }

        Scheme = scheme.Value;
        Versions = (await classification.VersionsAsync(Caller, code, ct)).Value;
        ServiceLevels = await levels.ListAsync(ct);
        var pyramid = await classification.PyramidAsync(Caller, code, ct);
        Counts = pyramid.IsSuccess ? pyramid.Value.Layers.ToDictionary(l => l.Class, l => l.Customers, StringComparer.Ordinal) : new Dictionary<string, int>();
        return null;
    }

    /// <summary>The form from the scheme's current names and settings.</summary>
    private void FillSettings()
    {
        var s = Scheme;
        Input = new SettingsForm { NameZh = s.NameZh, NameEn = s.NameEn, Enabled = s.Enabled, Version = s.Version };
        switch (s.Kind)
        {
            case SchemeKind.Abc:
                var abc = s.Settings.Deserialize<AbcSettings>(SchemeSettings.Json)!;
                Input.Measure = abc.Measure;
                Input.Basis = abc.Basis;
                Input.Cuts = [.. abc.Cuts.Select(c => new CutRow { Class = c.Class, UpToPercent = c.UpTo * 100 })];
                Input.Rest = abc.Rest;
                Input.WindowMonths = abc.WindowMonths;
                break;
            case SchemeKind.Threshold:
                var t = s.Settings.Deserialize<ThresholdSettings>(SchemeSettings.Json)!;
                Input.Otherwise = t.Otherwise;
                Input.Rules = [.. t.Rules.Select(r => new ThresholdRow
                {
                    Class = r.Class,
                    Conditions = [.. (r.Min?.Keys ?? []).Concat(r.Max?.Keys ?? []).Distinct(StringComparer.Ordinal).Select(m => new ConditionRow
                    {
                        Metric = m,
                        Min = r.Min is not null && r.Min.TryGetValue(m, out var min) ? min : null,
                        Max = r.Max is not null && r.Max.TryGetValue(m, out var max) ? max : null,
                    })],
                })];
                break;
            case SchemeKind.Lifecycle:
                var l = s.Settings.Deserialize<LifecycleSettings>(SchemeSettings.Json)!;
                Input.NewDays = l.NewDays;
                Input.AtRiskFactor = l.AtRiskFactor;
                Input.LostFactor = l.LostFactor;
                Input.MinIntervalDays = l.MinIntervalDays;
                Input.SinglePurchaseIntervalDays = l.SinglePurchaseIntervalDays;
                Input.LoyalMinPurchases = l.LoyalMinPurchases;
                Input.LoyalMinMonths = l.LoyalMinMonths;
                break;
            default:
                break;
        }
    }

    /// <summary>The settings JSON the API takes, from the form.</summary>
    private JsonElement Settings()
    {
        object settings = Scheme.Kind switch
        {
            SchemeKind.Abc => new AbcSettings(
                Input.Measure ?? "", Input.Basis ?? "", [.. Input.Cuts.Select(c => new AbcCut(c.Class?.Trim() ?? "", (c.UpToPercent ?? 0) / 100))],
                Input.Rest?.Trim() ?? "", Input.WindowMonths),
            SchemeKind.Threshold => new ThresholdSettings(
                [.. Input.Rules.Select(r => new ThresholdRule(
                    r.Class?.Trim() ?? "",
                    Bounds(r.Conditions, c => c.Min),
                    Bounds(r.Conditions, c => c.Max)))],
                Input.Otherwise?.Trim() ?? ""),
            _ => new LifecycleSettings(
                Input.NewDays ?? 0, Input.AtRiskFactor ?? 0, Input.LostFactor ?? 0, Input.MinIntervalDays ?? 0, Input.SinglePurchaseIntervalDays ?? 0,
                Input.LoyalMinPurchases ?? 0, Input.LoyalMinMonths ?? -1),
        };
        return JsonSerializer.SerializeToElement(settings, settings.GetType(), SchemeSettings.Json);
    }

    private static Dictionary<string, decimal> Bounds(IEnumerable<ConditionRow> conditions, Func<ConditionRow, decimal?> bound)
    {
        var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var c in conditions.Where(c => !string.IsNullOrEmpty(c.Metric)))
        {
            if (bound(c) is decimal v)
            {
                result[c.Metric!] = v;
            }
        }

        return result;
    }

    /// <summary>
    /// Field errors of the service under the inputs: <c>settings.cuts[1].upTo</c> → <c>Input.Cuts[1].UpToPercent</c>, with the message
    /// <c>SchemeEditor.Error.cuts.upTo</c> in the user's language (the service's English text when no key exists).
    /// </summary>
    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult FailFields(Error error, string prefix)
    {
        if (error.Kind != ErrorKind.Validation || error.Fields is null || error.Fields.Count == 0)
        {
            ModelState.AddModelError("", Labels.Message(L, error.Code, error.Message));
            return Page();
        }

        foreach (var (field, messages) in error.Fields)
        {
            var name = field.StartsWith("settings.", StringComparison.Ordinal) ? field["settings.".Length..] : field;
            var generic = IndexPattern().Replace(name, "");
            if (generic == "windowMonths" && Input.WindowMonths is >= 1 and <= 120)
            {
                generic = "windowMonths.measure";
            }

            var key = ModelKey(prefix, name.Replace("upTo", "upToPercent", StringComparison.Ordinal));
            var localized = L["SchemeEditor.Error." + generic];
            foreach (var message in messages)
            {
                ModelState.AddModelError(key, localized.ResourceNotFound ? message : localized.Value);
            }
        }

        return Page();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\[\d+\]")]
    private static partial System.Text.RegularExpressions.Regex IndexPattern();
}
