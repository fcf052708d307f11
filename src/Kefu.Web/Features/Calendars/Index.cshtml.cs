using System.Globalization;
using Kefu.Core.Calendars;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Calendars;

/// <summary>Business calendars and holiday sets (SLA-2), a form to add a holiday set, and the "check the arithmetic" box.</summary>
public sealed class IndexModel(CalendarService calendars, HolidaySetService sets) : KefuPageModel
{
    public IReadOnlyList<CalendarDto> Calendars { get; private set; } = [];

    public IReadOnlyList<HolidaySetSummaryDto> Sets { get; private set; } = [];

    /// <summary>The check box: a calendar, a local start (wall clock in the calendar's zone) and working minutes.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Check { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Start { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Minutes { get; set; }

    public DateTimeOffset? Due { get; private set; }

    public string? CheckError { get; private set; }

    [BindProperty]
    public NewSetForm NewSet { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!string.IsNullOrWhiteSpace(Check))
        {
            await CheckAsync(ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSetAsync(CancellationToken ct)
    {
        var result = await sets.CreateAsync(Caller, new HolidaySetInput(NewSet.Code, NewSet.NameZh, NewSet.NameEn, null, [], null), ct);
        if (result.IsSuccess)
        {
            Flash("Calendars.SetCreated", result.Value.Code);
            return RedirectToPage("/Calendars/HolidaySet", new { code = result.Value.Code });
        }

        await LoadAsync(ct);
        return Fail(result.Error!, "NewSet");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Calendars = await calendars.ListAsync(ct);
        Sets = await sets.ListAsync(ct);
    }

    private async Task CheckAsync(CancellationToken ct)
    {
        var calendar = Calendars.FirstOrDefault(c => c.Code == Check);
        if (calendar is null)
        {
            CheckError = L["Calendars.CheckUnknown"];
            return;
        }

        // The page's start has no offset: it is the wall clock in the calendar's zone.
        string? iso = null;
        if (DateTime.TryParse(Start, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(calendar.TimeZone);
            var offset = zone.IsInvalidTime(local) ? zone.GetUtcOffset(local.AddHours(1)) : zone.GetUtcOffset(local);
            iso = new DateTimeOffset(local, offset).ToString("O", CultureInfo.InvariantCulture);
        }

        var result = await calendars.AddWorkingTimeAsync(calendar.Code, iso, Minutes, ct);
        if (result.IsSuccess)
        {
            Due = result.Value;
        }
        else
        {
            CheckError = string.Join(" ", (result.Error!.Fields ?? new Dictionary<string, string[]>())
                .SelectMany(f => f.Value.Select(m => L[f.Key == "start" ? "Calendars.CheckStart" : "Calendars.CheckMinutes"] + ": " + Labels.Message(L, m))));
        }
    }
}

public sealed class NewSetForm
{
    public string? Code { get; set; }

    public string? NameZh { get; set; }

    public string? NameEn { get; set; }
}
