using Kefu.Core.Calendars;
using Kefu.Core.Common;
using Kefu.Core.Organization;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Calendars;

/// <summary>Create or edit a business calendar: names, zone, 24×7, a weekday grid of hours with an optional break, the holiday
/// sets it follows and the units assigned to it. Administrators save; staff see it read-only.</summary>
public sealed class EditModel(CalendarService calendars, HolidaySetService sets, OrganizationService units) : KefuPageModel
{
    /// <summary>Zones offered in the picker; any IANA id may be typed.</summary>
    public static readonly IReadOnlyList<string> CommonZones =
        ["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Tokyo", "Asia/Singapore", "Europe/Berlin", "Europe/London", "America/New_York", "UTC"];

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public CalendarForm Input { get; set; } = new();

    public IReadOnlyList<HolidaySetSummaryDto> AllSets { get; private set; } = [];

    public IReadOnlyList<OrgUnitDto> AllUnits { get; private set; } = [];

    public bool IsNew => string.IsNullOrEmpty(Code);

    public bool CanEdit => Caller.IsAdministrator;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (IsNew)
        {
            Input = CalendarForm.Blank();
            return CanEdit ? Page() : Forbid();
        }

        var result = await calendars.GetAsync(Code!, ct);
        if (!result.IsSuccess)
        {
            return Fail(result.Error!);
        }

        Input = CalendarForm.From(result.Value);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = Input.ToInput(IsNew ? Input.Code : Code);
        var result = IsNew ? await calendars.CreateAsync(Caller, input, ct) : await calendars.UpdateAsync(Caller, Code!, input, ct);
        if (result.IsSuccess)
        {
            Flash("Calendars.Saved", result.Value.Code);
            return RedirectToPage(new { code = result.Value.Code });
        }

        await LoadAsync(ct);
        return Fail(result.Error!, "Input", MapField);
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        var result = await calendars.DeleteAsync(Caller, Code ?? "", Input.Version, ct);
        if (result.IsSuccess)
        {
            Flash("Calendars.Deleted", Code ?? "");
            return RedirectToPage("/Calendars/Index");
        }

        await LoadAsync(ct);
        var current = await calendars.GetAsync(Code ?? "", ct);
        if (current.IsSuccess)
        {
            Input = CalendarForm.From(current.Value);
        }

        return Fail(result.Error!);
    }

    /// <summary><c>hours[3].end</c> is the fourth row sent, which is the row of that weekday in the Monday-first grid.</summary>
    private string MapField(string field) => field switch
    {
        "timeZone" => "TimeZone",
        "holidaySets" => "HolidaySets",
        _ => field,
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        AllSets = await sets.ListAsync(ct);
        AllUnits = await units.ListAsync(Caller, ct);
    }
}

public sealed class CalendarForm
{
    public string? Code { get; set; }

    public string? NameZh { get; set; }

    public string? NameEn { get; set; }

    public string? TimeZone { get; set; }

    public bool AlwaysOpen { get; set; }

    public int Version { get; set; }

    /// <summary>Monday first.</summary>
    public List<DayRow> Hours { get; set; } = [];

    public List<string> HolidaySets { get; set; } = [];

    public List<Guid> Units { get; set; } = [];

    public static CalendarForm Blank() => new()
    {
        TimeZone = CalendarService.DefaultTimeZone,
        HolidaySets = ["CN-2026", "CN-2027"],
        Hours = [.. CalendarService.Week().Select(d => new DayRow
        {
            Day = d, Open = d is not DayOfWeek.Saturday and not DayOfWeek.Sunday, Start = "09:00", End = "18:30",
        })],
    };

    public static CalendarForm From(CalendarDto c) => new()
    {
        Code = c.Code,
        NameZh = c.NameZh,
        NameEn = c.NameEn,
        TimeZone = c.TimeZone,
        AlwaysOpen = c.AlwaysOpen,
        Version = c.Version,
        Hours = [.. c.Hours.Select(h => new DayRow { Day = h.Day, Open = h.Open, Start = h.Start, End = h.End, BreakStart = h.BreakStart, BreakEnd = h.BreakEnd })],
        HolidaySets = [.. c.HolidaySets],
        Units = [.. c.Units.Select(u => u.Id)],
    };

    public CalendarInput ToInput(string? code) => new(
        code, NameZh, NameEn, TimeZone, AlwaysOpen,
        [.. Hours.Select(h => new DayHoursDto(h.Day, h.Open, h.Start, h.End, Blank(h.BreakStart), Blank(h.BreakEnd)))],
        HolidaySets, Units, Version);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}

public sealed class DayRow
{
    public DayOfWeek Day { get; set; }

    public bool Open { get; set; }

    public string? Start { get; set; }

    public string? End { get; set; }

    public string? BreakStart { get; set; }

    public string? BreakEnd { get; set; }
}
