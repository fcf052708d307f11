using System.Globalization;
using Kefu.Core.Calendars;
using Kefu.Core.Common;
using Kefu.Core.Files;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Calendars;

/// <summary>A holiday set: names, the entries table (blank rows add entries, a tick removes one) and the import of a CSV or
/// iCalendar file (bad lines are listed with their numbers and nothing is saved).</summary>
public sealed class HolidaySetModel(HolidaySetService sets) : KefuPageModel
{
    public const int BlankRows = 3;

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty]
    public HolidaySetForm Input { get; set; } = new();

    public HolidaySetDto? Set { get; private set; }

    public bool CanEdit => Caller.IsAdministrator;

    /// <summary>Bad lines of the last import, by line number.</summary>
    public IReadOnlyList<(int Line, string Message)> ImportErrors { get; private set; } = [];

    public HolidayImportResult? Imported { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await sets.GetAsync(Code, ct);
        if (!result.IsSuccess)
        {
            return Fail(result.Error!);
        }

        Set = result.Value;
        Input = HolidaySetForm.From(Set);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var current = await sets.GetAsync(Code, ct);
        if (!current.IsSuccess)
        {
            return Fail(current.Error!);
        }

        Set = current.Value;
        var kept = Input.Entries.Select((e, i) => (e, i)).Where(x => !x.e.Remove && !x.e.IsBlank).ToList();
        var entries = new List<HolidayEntryDto>();
        foreach (var (e, i) in kept)
        {
            if (!DateOnly.TryParse(e.Date, CultureInfo.InvariantCulture, out var date))
            {
                ModelState.AddModelError($"Input.Entries[{i}].Date", L["Calendars.BadDate"]);
                continue;
            }

            entries.Add(new HolidayEntryDto(date, e.Kind, e.Name ?? ""));
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await sets.UpdateAsync(Caller, Code, new HolidaySetInput(Code, Input.NameZh, Input.NameEn, Input.Description, entries, Input.Version), ct);
        if (result.IsSuccess)
        {
            Flash("Calendars.SetSaved", Code);
            return RedirectToPage(new { code = Code });
        }

        // entries[n] is the n-th kept row.
        return Fail(result.Error!, "Input", f => f.StartsWith("entries[", StringComparison.Ordinal)
            && int.TryParse(f[8..f.IndexOf(']', StringComparison.Ordinal)], CultureInfo.InvariantCulture, out var n) && n < kept.Count
                ? string.Create(CultureInfo.InvariantCulture, $"entries[{kept[n].i}]{f[(f.IndexOf(']', StringComparison.Ordinal) + 1)..]}")
                : f);
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, bool replace, bool dryRun, CancellationToken ct)
    {
        string? text = null;
        if (file is { Length: > 0 and <= CalendarsApi.MaxImportBytes })
        {
            await using var stream = file.OpenReadStream();
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes, ct);
            text = TextFiles.Decode(bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
        }

        var result = await sets.ImportAsync(Caller, Code, text, replace, dryRun, null, ct);
        if (result.IsSuccess && !dryRun)
        {
            Flash("Calendars.Imported", result.Value.Added, result.Value.Updated, result.Value.Removed);
            return RedirectToPage(new { code = Code });
        }

        var current = await sets.GetAsync(Code, ct);
        if (!current.IsSuccess)
        {
            return Fail(current.Error!);
        }

        Set = current.Value;
        Input = HolidaySetForm.From(Set);
        if (result.IsSuccess)
        {
            Imported = result.Value;
            return Page();
        }

        if (result.Error!.Kind == ErrorKind.Validation && result.Error.Fields is { } fields)
        {
            ImportErrors = [.. fields.Select(f => (Line: LineOf(f.Key), Message: string.Join(" ", f.Value)))
                .OrderBy(x => x.Line)];
            return Page();
        }

        return Fail(result.Error);
    }

    private static int LineOf(string field) =>
        field.StartsWith("lines[", StringComparison.Ordinal) && int.TryParse(field[6..^1], CultureInfo.InvariantCulture, out var n) ? n : 0;
}

public sealed class HolidaySetForm
{
    public string? NameZh { get; set; }

    public string? NameEn { get; set; }

    public string? Description { get; set; }

    public int Version { get; set; }

    public List<EntryRow> Entries { get; set; } = [];

    public static HolidaySetForm From(HolidaySetDto s) => new()
    {
        NameZh = s.NameZh,
        NameEn = s.NameEn,
        Description = s.Description,
        Version = s.Version,
        Entries = [.. s.Entries.Select(e => new EntryRow { Date = e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Kind = e.Kind, Name = e.Name }),
            .. Enumerable.Range(0, HolidaySetModel.BlankRows).Select(_ => new EntryRow())],
    };
}

public sealed class EntryRow
{
    public string? Date { get; set; }

    public CalendarDayKind Kind { get; set; }

    public string? Name { get; set; }

    public bool Remove { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Date) && string.IsNullOrWhiteSpace(Name);
}
