using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>An administrator makes a holiday set by importing files, a calendar with a lunch break that follows it, and checks
/// the working-time arithmetic of CN-STD across National Day (SLA-2).</summary>
[Collection(BrowserCollection.Name)]
public sealed class CalendarsTests(KefuApp app)
{
    [Fact]
    public async Task Calendars_ImportHolidaySet_EditCalendar_CheckTheArithmetic()
    {
        var page = await app.NewPageAsync();
        await KefuApp.LoginAsync(page);
        await page.WaitForURLAsync(new Regex("/$"));
        await page.ClickAsync("[data-testid=nav-calendars]");
        await page.WaitForURLAsync(new Regex("/Calendars$"));
        await Assertions.Expect(page.Locator("[data-testid=calendar-table]")).ToContainTextAsync("CN-STD");
        await Assertions.Expect(page.Locator("[data-testid=calendar-table]")).ToContainTextAsync("24x7");

        // A new holiday set, filled by import: a bad CSV is refused with its line number, then an .ics is taken.
        await KefuApp.FillAsync(page, "#NewSet_Code", "CO-2026");
        await KefuApp.FillAsync(page, "#NewSet_NameZh", "公司假日");
        await KefuApp.FillAsync(page, "#NewSet_NameEn", "Company days");
        await page.ClickAsync("[data-testid=create-set]");
        await page.WaitForURLAsync(new Regex("/Calendars/HolidaySet\\?code=CO-2026$"));

        await page.SetInputFilesAsync("[data-testid=import-file]", new FilePayload
        {
            Name = "days.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("date,kind,name\n2026-12-31,holiday,跨年\n2026-12-32,holiday,坏日期\n"),
        });
        await page.ClickAsync("[data-testid=import-submit]");
        await Assertions.Expect(page.Locator("[data-testid=import-errors]")).ToContainTextAsync("第 3 行");
        await Assertions.Expect(page.Locator("[data-testid=entry-row] input[type=date]").First).ToHaveValueAsync("");

        const string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261231\r\nSUMMARY:跨年\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270102\r\nSUMMARY:元旦补班\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        await page.SetInputFilesAsync("[data-testid=import-file]", new FilePayload { Name = "days.ics", MimeType = "text/calendar", Buffer = Encoding.UTF8.GetBytes(ics) });
        await page.ClickAsync("[data-testid=import-submit]");
        await Assertions.Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("新增 2");
        await Assertions.Expect(page.Locator("[data-testid=entry-row] input[type=date]").First).ToHaveValueAsync("2026-12-31");
        await Assertions.Expect(page.Locator("[data-testid=entry-row] select").Nth(1)).ToHaveValueAsync("MakeUpWorkday");

        // A calendar with a lunch break that follows the new set instead of the national ones.
        await page.GotoAsync("/Calendars/Edit");
        await KefuApp.FillAsync(page, "#Input_Code", "CAL-BT");
        await KefuApp.FillAsync(page, "#Input_NameZh", "上海门店");
        await KefuApp.FillAsync(page, "#Input_NameEn", "Shanghai shop");
        await KefuApp.FillAsync(page, "#Input_Hours_0__BreakStart", "12:00");
        await KefuApp.FillAsync(page, "#Input_Hours_0__BreakEnd", "11:00");
        await page.CheckAsync("[data-testid=set-CO-2026]");
        await page.UncheckAsync("[data-testid=set-CN-2026]");
        await page.UncheckAsync("[data-testid=set-CN-2027]");
        await page.ClickAsync("[data-testid=save-calendar]");
        await Assertions.Expect(page.Locator("[data-testid=validation-summary]")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("span[data-valmsg-for='Input.Hours[0].BreakStart']")).Not.ToBeEmptyAsync();

        await KefuApp.FillAsync(page, "#Input_Hours_0__BreakEnd", "13:00");
        await page.ClickAsync("[data-testid=save-calendar]");
        await page.WaitForURLAsync(new Regex("/Calendars/Edit\\?code=CAL-BT$"));
        await Assertions.Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("CAL-BT");
        await Assertions.Expect(page.Locator("#Input_Hours_0__BreakEnd")).ToHaveValueAsync("13:00");
        await Assertions.Expect(page.Locator("[data-testid=set-CO-2026]")).ToBeCheckedAsync();

        // Check the arithmetic: Mon 28 Dec 2026 11:30 + 60 min in CAL-BT → 30 min to 12:00, lunch, 13:00 + 30 min → 13:30.
        await page.GotoAsync("/Calendars");
        await page.SelectOptionAsync("#Check", "CAL-BT");
        await page.FillAsync("#Start", "2026-12-28T11:30");
        await KefuApp.FillAsync(page, "#Minutes", "60");
        await page.ClickAsync("[data-testid=check-submit]");
        await Assertions.Expect(page.Locator("[data-testid=check-due]")).ToHaveTextAsync("2026-12-28 13:30 (+08:00)");

        // CN-STD: Wed 30 Sep 2026 17:00 + 240 min → 90 min on Wednesday, 1–7 Oct off, Thu 8 Oct 9:00 + 150 min → 11:30.
        await page.SelectOptionAsync("#Check", "CN-STD");
        await page.FillAsync("#Start", "2026-09-30T17:00");
        await KefuApp.FillAsync(page, "#Minutes", "240");
        await page.ClickAsync("[data-testid=check-submit]");
        await Assertions.Expect(page.Locator("[data-testid=check-due]")).ToHaveTextAsync("2026-10-08 11:30 (+08:00)");
        await Assertions.Expect(page.Locator("[data-testid=calendar-table]")).ToContainTextAsync("CAL-BT");
        await KefuApp.ScreenshotAsync(page, "calendars");
        await page.Context.CloseAsync();
    }
}
