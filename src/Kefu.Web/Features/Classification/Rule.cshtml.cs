using System.Text.Json;
using Kefu.Core.Classification;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Classification;

/// <summary>
/// The rule editor (CLS-5): a rule scheme's ordered (class, expression) pairs with a live syntax check, a preview of the customers
/// entering / leaving / staying per class, then Apply (saves a new settings version, or creates the scheme, and starts its run).
/// </summary>
public sealed class RuleModel(ClassificationService classification, ClassificationRuns runs) : KefuPageModel
{
    public const int Rows = 4;

    [BindProperty]
    public RuleInput Input { get; set; } = new();

    public bool Exists { get; private set; }

    public PreviewDto? Preview { get; private set; }

    public IReadOnlyList<VocabularyEntry> Vocabulary => ClassificationRules.Entries;

    /// <summary>The localized description of a vocabulary entry (the Core description when a name has no label).</summary>
    public string Describe(VocabularyEntry entry)
    {
        var name = entry.Name.Split('(')[0];
        var localized = L["Classification.Var." + name];
        return localized.ResourceNotFound ? entry.Description : localized.Value;
    }

    public sealed class RuleInput
    {
        public string? Code { get; set; }

        public string? NameZh { get; set; }

        public string? NameEn { get; set; }

        public int? Version { get; set; }

        public List<RuleRow> Rules { get; set; } = [];
    }

    public sealed class RuleRow
    {
        public string? Class { get; set; }

        public string? Expression { get; set; }
    }

    /// <summary>The check of one expression, for the partial: the text, the result and the localized messages.</summary>
    public sealed record CheckView(string Expression, RuleCheckDto Result, IReadOnlyList<string> Messages);

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken ct)
    {
        if (!Caller.IsAdministrator)
        {
            return Forbid();
        }

        if (code is not null)
        {
            var scheme = await classification.GetSchemeAsync(Caller, code, ct);
            if (!scheme.IsSuccess || scheme.Value.Kind != SchemeKind.Rule)
            {
                return NotFoundPage();
            }

            Exists = true;
            var s = scheme.Value;
            var settings = s.Settings.Deserialize<RuleSettings>(SchemeSettings.Json)!;
            Input = new RuleInput
            {
                Code = s.Code, NameZh = s.NameZh, NameEn = s.NameEn, Version = s.Version,
                Rules = [.. settings.Rules.Select(r => new RuleRow { Class = r.Class, Expression = r.Expression })],
            };
        }

        Pad();
        return Page();
    }

    public IActionResult OnGetCheck()
    {
        var expression = Request.Query.FirstOrDefault(q => q.Key.EndsWith("Expression", StringComparison.OrdinalIgnoreCase)).Value.ToString();
        return Partial("_RuleCheck", Check(expression));
    }

    public CheckView Check(string? expression)
    {
        var result = ClassificationRules.Check(expression);
        return new CheckView(expression ?? "", result, [.. result.Errors.Select(e =>
        {
            var localized = L["Classification.Error." + e.Code, [.. e.Arguments]];
            return localized.ResourceNotFound ? e.Message : localized.Value;
        })]);
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (!Caller.IsAdministrator)
        {
            return Forbid();
        }

        await LoadExistsAsync(ct);
        var code = Input.Code?.Trim() ?? "";
        var result = await classification.PreviewAsync(Caller, code, Settings(), SchemeKind.Rule, ct);
        if (!result.IsSuccess)
        {
            Pad();
            return Fail(result.Error!, "Input", MapField);
        }

        Preview = result.Value;
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(CancellationToken ct)
    {
        if (!Caller.IsAdministrator)
        {
            return Forbid();
        }

        await LoadExistsAsync(ct);
        var code = Input.Code?.Trim() ?? "";
        var saved = Exists
            ? await classification.UpdateSchemeAsync(Caller, code, new SchemeInput(NameZh: Input.NameZh, NameEn: Input.NameEn, Settings: Settings(), Version: Input.Version), ct)
            : await classification.CreateSchemeAsync(Caller, new SchemeInput(code, SchemeKind.Rule, Input.NameZh, Input.NameEn, true, Settings()), ct);
        if (!saved.IsSuccess)
        {
            Pad();
            return Fail(saved.Error!, "Input", MapField);
        }

        var run = await runs.StartAsync(Caller, code, RunTrigger.Ui, ct);
        if (!run.IsSuccess)
        {
            Pad();
            return Fail(run.Error!);
        }

        Flash("Classification.Applied", code);
        return RedirectToPage("/Classification/Index");
    }

    private async Task LoadExistsAsync(CancellationToken ct) =>
        Exists = Input.Code is not null && (await classification.GetSchemeAsync(Caller, Input.Code.Trim(), ct)).IsSuccess;

    private JsonElement Settings() => JsonSerializer.SerializeToElement(
        new RuleSettings([.. Input.Rules.Where(r => !string.IsNullOrWhiteSpace(r.Class) || !string.IsNullOrWhiteSpace(r.Expression))
            .Select(r => new RuleClass(r.Class?.Trim() ?? "", r.Expression ?? ""))]),
        SchemeSettings.Json);

    private static string MapField(string field) => field.StartsWith("settings.", StringComparison.Ordinal) ? field["settings.".Length..] : field;

    private void Pad()
    {
        while (Input.Rules.Count < Rows)
        {
            Input.Rules.Add(new RuleRow());
        }
    }
}
