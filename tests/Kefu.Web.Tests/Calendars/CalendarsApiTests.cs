using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Kefu.Core.Calendars;
using Kefu.Core.Files;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Calendars;

public abstract class CalendarsApiTests(KefuApp app)
{
    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    private static object Weekday(string day, string start = "09:00", string end = "18:00", string? breakStart = null, string? breakEnd = null) =>
        new { day, open = true, start, end, breakStart, breakEnd };

    private static object[] Weekdays(string start = "09:00", string end = "18:00", string? breakStart = null, string? breakEnd = null) =>
        [.. new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(d => Weekday(d, start, end, breakStart, breakEnd))];

    private static async Task<string> DueAsync(HttpClient client, string code, string start, int minutes)
    {
        var json = await Api.JsonAsync(
            await client.GetAsync($"/api/v1/calendars/{code}/add-working-time?start={Uri.EscapeDataString(start)}&minutes={minutes}"), HttpStatusCode.OK);
        return json["due"]!.GetValue<string>();
    }

    [Fact]
    public async Task AddWorkingTime_CnStd_AcrossNationalDay2026()
    {
        using var staff = await app.ClientForAsync(TestOrg.AssistantA);

        // Wed 30 Sep 17:00 + 240 min: 90 min to 18:30; 1–7 Oct off; Thu 8 Oct 9:00 + 150 min → 11:30.
        Assert.Equal("2026-10-08T11:30:00+08:00", await DueAsync(staff, "CN-STD", "2026-09-30T17:00:00+08:00", 240));

        // + 720 min: 90 min Wednesday, 570 min Thursday 8 Oct, 60 min Friday 9 Oct → 10:00.
        Assert.Equal("2026-10-09T10:00:00+08:00", await DueAsync(staff, "CN-STD", "2026-09-30T17:00:00+08:00", 720));

        // The start may be given in UTC; the answer is in the calendar's zone. An unencoded '+' (read as a space) works too.
        Assert.Equal("2026-10-08T11:30:00+08:00", await DueAsync(staff, "CN-STD", "2026-09-30T09:00:00Z", 240));
        var raw = await Api.JsonAsync(await staff.GetAsync("/api/v1/calendars/CN-STD/add-working-time?start=2026-09-30T17:00:00+08:00&minutes=240"), HttpStatusCode.OK);
        Assert.Equal("2026-10-08T11:30:00+08:00", raw["due"]!.GetValue<string>());
    }

    [Fact]
    public async Task AddWorkingTime_CnStd_AcrossMakeUpSaturday()
    {
        using var staff = await app.ClientForAsync(TestOrg.TechnicianA);

        // Fri 9 Oct 17:00 + 240 min: 90 min Friday; Sat 10 Oct is a make-up workday → 9:00 + 150 min = 11:30.
        Assert.Equal("2026-10-10T11:30:00+08:00", await DueAsync(staff, "CN-STD", "2026-10-09T17:00:00+08:00", 240));

        // An ordinary Saturday is not: Fri 16 Oct 17:00 + 240 min → Mon 19 Oct 11:30.
        Assert.Equal("2026-10-19T11:30:00+08:00", await DueAsync(staff, "CN-STD", "2026-10-16T17:00:00+08:00", 240));

        // 24x7 just adds: Thu 1 Oct 23:00 + 120 min → Fri 2 Oct 01:00.
        Assert.Equal("2026-10-02T01:00:00+08:00", await DueAsync(staff, "24x7", "2026-10-01T23:00:00+08:00", 120));
    }

    [Theory]
    [InlineData("minutes=60", "start")]
    [InlineData("start=yesterday&minutes=60", "start")]
    [InlineData("start=2026-09-30T17:00:00&minutes=60", "start")]
    [InlineData("start=2026-09-30T17:00:00Z", "minutes")]
    [InlineData("start=2026-09-30T17:00:00Z&minutes=-5", "minutes")]
    [InlineData("start=2026-09-30T17:00:00Z&minutes=99999999999", "minutes")]
    [InlineData("start=2026-09-30T17:00:00Z&minutes=ten", "minutes")]
    [InlineData("start=2150-01-01T00:00:00Z&minutes=10", "start")]
    public async Task AddWorkingTime_BadInput_Returns400(string query, string field)
    {
        using var staff = await app.ClientForAsync(TestOrg.AssistantA);
        await Api.AssertFieldErrorAsync(await staff.GetAsync($"/api/v1/calendars/CN-STD/add-working-time?{query}"), field);
    }

    [Fact]
    public async Task AddWorkingTime_UnknownCalendar_Returns404()
    {
        using var staff = await app.ClientForAsync(TestOrg.AssistantA);
        await Api.AssertProblemAsync(
            await staff.GetAsync("/api/v1/calendars/NOPE/add-working-time?start=2026-09-30T17:00:00Z&minutes=60"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Calendar_Crud_WithVersionConflict_AndAssignedDelete409()
    {
        using var admin = await app.AdminAsync();
        var code = Unique("CAL");
        var unit = await TestOrg.UnitAsync(admin, Unique("WC"), "日历测试", "work-centre", app.Org.RcB);
        var created = await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/calendars", new
        {
            code, nameZh = "测试日历", nameEn = "Test calendar", timeZone = "Europe/Berlin", alwaysOpen = false,
            hours = Weekdays("08:00", "17:00", "12:00", "13:00"), holidaySets = new[] { "CN-2026" }, units = new[] { unit },
        }), HttpStatusCode.Created);
        Assert.Equal(0, created["version"]!.GetValue<int>());
        var monday = created["hours"]!.AsArray()[0]!;
        Assert.Equal("monday", monday["day"]!.GetValue<string>());
        Assert.Equal("12:00", monday["breakStart"]!.GetValue<string>());
        Assert.False(created["hours"]!.AsArray()[6]!["open"]!.GetValue<bool>());

        // The calendar follows CN-2026 in Berlin (+02:00 in October): Fri 2 Oct is a holiday, so work starts Thu 8 Oct 08:00 → 09:00 +02:00.
        Assert.Equal("2026-10-08T09:00:00+02:00", await DueAsync(admin, code, "2026-10-02T11:30:00+02:00", 60));

        var body = new
        {
            code, nameZh = "测试日历二", nameEn = "Test calendar 2", timeZone = "Asia/Shanghai", alwaysOpen = false,
            hours = Weekdays(), holidaySets = Array.Empty<string>(), units = new[] { unit }, version = 0,
        };
        var updated = await Api.JsonAsync(await admin.PutAsJsonAsync($"/api/v1/calendars/{code}", body), HttpStatusCode.OK);
        Assert.Equal(1, updated["version"]!.GetValue<int>());
        Assert.Empty(updated["holidaySets"]!.AsArray());

        // The edit is seen at once: without holiday sets Fri 2 Oct is a workday (11:30 + 60 min → 12:30, Shanghai).
        Assert.Equal("2026-10-02T12:30:00+08:00", await DueAsync(admin, code, "2026-10-02T11:30:00+08:00", 60));

        await Api.AssertProblemAsync(await admin.PutAsJsonAsync($"/api/v1/calendars/{code}", body), HttpStatusCode.Conflict);
        await Api.AssertProblemAsync(await admin.DeleteAsync($"/api/v1/calendars/{code}?version=1"), HttpStatusCode.Conflict);
        await Api.JsonAsync(await admin.PutAsJsonAsync($"/api/v1/calendars/{code}", body with { version = 1, units = Array.Empty<Guid>() }), HttpStatusCode.OK);
        await Api.AssertProblemAsync(await admin.DeleteAsync($"/api/v1/calendars/{code}?version=1"), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/calendars/{code}?version=2")).StatusCode);
        await Api.AssertProblemAsync(await admin.GetAsync($"/api/v1/calendars/{code}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Calendar_Validation_NamesTheField()
    {
        using var admin = await app.AdminAsync();
        object Body(string? zone = "Asia/Shanghai", object[]? hours = null, string[]? sets = null) => new
        {
            code = Unique("V"), nameZh = "校验", nameEn = "Validation", timeZone = zone, alwaysOpen = false, hours = hours ?? Weekdays(), holidaySets = sets,
        };
        await Api.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/calendars", Body(zone: "Mars/Olympus")), "timeZone");
        await Api.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/calendars", Body(hours: [Weekday("monday", "18:00", "09:00")])), "hours[0].end");
        await Api.AssertFieldErrorAsync(
            await admin.PostAsJsonAsync("/api/v1/calendars", Body(hours: [Weekday("monday", "09:00", "18:00", "08:00", "10:00")])), "hours[0].breakStart");
        await Api.AssertFieldErrorAsync(
            await admin.PostAsJsonAsync("/api/v1/calendars", Body(hours: [Weekday("monday", "09:00", "18:00", "12:00")])), "hours[0].breakEnd");
        await Api.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/calendars", Body(hours: [Weekday("monday", "9h", "18:00")])), "hours[0].start");
        await Api.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/calendars", Body(hours: [])), "hours");
        await Api.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/calendars", Body(sets: ["NO-SUCH-SET"])), "holidaySets");
        await Api.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/calendars", new { code = "CN-STD", nameZh = "x", nameEn = "x", timeZone = "UTC", alwaysOpen = true }), "code");
    }

    [Fact]
    public async Task Staff_Read_OnlyAdministrators_Edit()
    {
        using var staff = await app.ClientForAsync(TestOrg.SupervisorA);
        var list = await staff.GetFromJsonAsync<JsonArray>("/api/v1/calendars");
        Assert.Contains(list!, c => c!["code"]!.GetValue<string>() == "CN-STD");
        var sets = await staff.GetFromJsonAsync<JsonArray>("/api/v1/holiday-sets");
        Assert.Contains(sets!, s => s!["code"]!.GetValue<string>() == "CN-2026");
        var cnStd = await staff.GetFromJsonAsync<JsonObject>("/api/v1/calendars/CN-STD");
        Assert.Equal(["CN-2026", "CN-2027"], cnStd!["holidaySets"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("18:30", cnStd["hours"]!.AsArray()[0]!["end"]!.GetValue<string>());
        await Api.AssertProblemAsync(
            await staff.PostAsJsonAsync("/api/v1/calendars", new { code = "X", nameZh = "x", nameEn = "x", timeZone = "UTC", alwaysOpen = true }),
            HttpStatusCode.Forbidden);
        await Api.AssertProblemAsync(await staff.PostAsync("/api/v1/holiday-sets/CN-2026/import", new StringContent("2026-12-24,holiday,x")), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task HolidaySet_ImportICalendar_MakeUpDaysByConvention()
    {
        using var admin = await app.AdminAsync();
        var code = Unique("HS");
        await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/holiday-sets", new { code, nameZh = "导入", nameEn = "Import", entries = Array.Empty<object>() }), HttpStatusCode.Created);
        const string ics = """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Test//Holidays//CN
            BEGIN:VEVENT
            UID:1@test
            DTSTART;VALUE=DATE:20271001
            DTEND;VALUE=DATE:20271008
            SUMMARY:国庆节
            END:VEVENT
            BEGIN:VEVENT
            UID:2@test
            DTSTART;VALUE=DATE:20270926
            SUMMARY:国庆节补班
            END:VEVENT
            BEGIN:VEVENT
            UID:3@test
            DTSTART;VALUE=DATE:20271009
            SUMMARY:National Day
            CATEGORIES:MAKE-UP-WORKDAY
            END:VEVENT
            END:VCALENDAR
            """;
        var dry = await Api.JsonAsync(await admin.PostAsync($"/api/v1/holiday-sets/{code}/import?dryRun=true", new StringContent(ics, Encoding.UTF8, "text/calendar")), HttpStatusCode.OK);
        Assert.True(dry["dryRun"]!.GetValue<bool>());
        Assert.Equal(9, dry["added"]!.GetValue<int>());
        Assert.Empty((await admin.GetFromJsonAsync<JsonObject>($"/api/v1/holiday-sets/{code}"))!["entries"]!.AsArray());

        using var form = new MultipartFormDataContent { { new StringContent(ics, Encoding.UTF8, "text/calendar"), "file", "holidays.ics" } };
        var result = await Api.JsonAsync(await admin.PostAsync($"/api/v1/holiday-sets/{code}/import", form), HttpStatusCode.OK);
        Assert.Equal(9, result["added"]!.GetValue<int>());
        var set = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/holiday-sets/{code}");
        var entries = set!["entries"]!.AsArray();
        Assert.Equal(9, entries.Count);
        Assert.Equal(7, entries.Count(e => e!["kind"]!.GetValue<string>() == "holiday"));
        Assert.Equal(["2027-09-26", "2027-10-09"],
            entries.Where(e => e!["kind"]!.GetValue<string>() == "make-up-workday").Select(e => e!["date"]!.GetValue<string>()));
    }

    [Fact]
    public async Task HolidaySet_ImportGb18030Csv_AsChineseExcelSavesIt_AndARecurringICalendarWithTimeZones()
    {
        using var admin = await app.AdminAsync();
        var code = Unique("HS");
        await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/holiday-sets", new { code, nameZh = "导入", nameEn = "Import", entries = Array.Empty<object>() }), HttpStatusCode.Created);

        // Chinese Excel's "CSV" is GB18030 without a byte order mark; a quoted name holds a comma.
        var csv = TextFiles.Gb18030.GetBytes("日期,类型,名称\r\n2027-02-06,休,\"春节, 除夕\"\r\n2027-02-14,班,春节补班\r\n");
        var fromCsv = await Api.JsonAsync(await admin.PostAsync($"/api/v1/holiday-sets/{code}/import", new ByteArrayContent(csv)), HttpStatusCode.OK);
        Assert.Equal(2, fromCsv["added"]!.GetValue<int>());

        // New Year on 1 Jan for three years except 2028 (a folded SUMMARY); 23:00 on 30 Sep in London (BST) is 06:00 on 1 Oct in China.
        const string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Holidays//CN\r\n"
            + "BEGIN:VEVENT\r\nUID:ny@test\r\nDTSTART;VALUE=DATE:20270101\r\nRRULE:FREQ=YEARLY;COUNT=3\r\nEXDATE;VALUE=DATE:20280101\r\nSUMMARY:元\r\n 旦\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nUID:nd@test\r\nDTSTART;TZID=Europe/London:20270930T230000\r\nDTEND;TZID=Europe/London:20270930T235900\r\nSUMMARY:国庆节\r\nEND:VEVENT\r\n"
            + "END:VCALENDAR\r\n";
        using var form = new MultipartFormDataContent { { new StringContent(ics, Encoding.UTF8, "text/calendar"), "file", "holidays.ics" } };
        var fromIcs = await Api.JsonAsync(await admin.PostAsync($"/api/v1/holiday-sets/{code}/import", form), HttpStatusCode.OK);
        Assert.Equal(3, fromIcs["added"]!.GetValue<int>());

        var entries = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/holiday-sets/{code}"))!["entries"]!.AsArray()
            .Select(e => (e!["date"]!.GetValue<string>(), e["kind"]!.GetValue<string>(), e["name"]!.GetValue<string>())).OrderBy(e => e.Item1);
        Assert.Equal(
            [("2027-01-01", "holiday", "元旦"), ("2027-02-06", "holiday", "春节, 除夕"), ("2027-02-14", "make-up-workday", "春节补班"),
                ("2027-10-01", "holiday", "国庆节"), ("2029-01-01", "holiday", "元旦")],
            entries);

        // A line Ical.Net cannot read is reported by its number, and nothing is saved.
        const string broken = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20271225\r\nRRULE:FREQ=NEVER\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        await Api.AssertFieldErrorAsync(await admin.PostAsync($"/api/v1/holiday-sets/{code}/import", new StringContent(broken, Encoding.UTF8, "text/calendar")), "lines[4]");
        Assert.Equal(5, (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/holiday-sets/{code}"))!["entries"]!.AsArray().Count);
    }

    [Fact]
    public async Task HolidaySet_ImportCsv_BadLineReported_NothingSaved_ThenEditAffectsCalendar()
    {
        using var admin = await app.AdminAsync();
        var setCode = Unique("HS");
        var created = await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/holiday-sets", new
        {
            code = setCode, nameZh = "公司假日", nameEn = "Company days", entries = new[] { new { date = "2026-12-24", kind = "holiday", name = "平安夜" } },
        }), HttpStatusCode.Created);
        Assert.Equal(0, created["version"]!.GetValue<int>());

        const string bad = "date,kind,name\n2026-12-31,holiday,跨年\n2026-13-01,holiday,坏日期\n2026-12-26,班,补班\n2026-12-27,vacation,未知\n";
        var problem = await Api.AssertFieldErrorAsync(await admin.PostAsync($"/api/v1/holiday-sets/{setCode}/import", new StringContent(bad, Encoding.UTF8, "text/csv")), "lines[3]");
        Assert.True(problem["errors"]!.AsObject().ContainsKey("lines[5]"));
        Assert.False(problem["errors"]!.AsObject().ContainsKey("lines[2]"));
        Assert.Single((await admin.GetFromJsonAsync<JsonObject>($"/api/v1/holiday-sets/{setCode}"))!["entries"]!.AsArray());

        var calCode = Unique("CAL");
        await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/calendars", new
        {
            code = calCode, nameZh = "公司", nameEn = "Company", timeZone = "Asia/Shanghai", alwaysOpen = false, hours = Weekdays(), holidaySets = new[] { setCode },
        }), HttpStatusCode.Created);

        // Thu 31 Dec 2026 is still a workday: Wed 30 Dec 17:00 + 120 min → Thu 31 Dec 10:00.
        Assert.Equal("2026-12-31T10:00:00+08:00", await DueAsync(admin, calCode, "2026-12-30T17:00:00+08:00", 120));

        const string good = "date,kind,name\n2026-12-31,holiday,跨年\n2027-01-02,make-up-workday,补班\n";
        var imported = await Api.JsonAsync(await admin.PostAsync($"/api/v1/holiday-sets/{setCode}/import", new StringContent(good, Encoding.UTF8, "text/csv")), HttpStatusCode.OK);
        Assert.Equal(2, imported["added"]!.GetValue<int>());
        Assert.Equal(1, imported["version"]!.GetValue<int>());

        // The calendar sees the edit of its set: 31 Dec off, Fri 1 Jan (no holiday in this set) → 10:00 on 1 Jan 2027.
        Assert.Equal("2027-01-01T10:00:00+08:00", await DueAsync(admin, calCode, "2026-12-30T17:00:00+08:00", 120));

        // A set used by a calendar cannot be deleted; a stale version cannot replace entries.
        await Api.AssertProblemAsync(await admin.DeleteAsync($"/api/v1/holiday-sets/{setCode}?version=1"), HttpStatusCode.Conflict);
        await Api.AssertProblemAsync(
            await admin.PutAsJsonAsync($"/api/v1/holiday-sets/{setCode}", new { nameZh = "x", nameEn = "x", entries = Array.Empty<object>(), version = 0 }),
            HttpStatusCode.Conflict);
        var replaced = await Api.JsonAsync(
            await admin.PutAsJsonAsync($"/api/v1/holiday-sets/{setCode}", new { nameZh = "x", nameEn = "x", entries = Array.Empty<object>(), version = 1 }),
            HttpStatusCode.OK);
        Assert.Empty(replaced["entries"]!.AsArray());
        Assert.Equal([calCode], replaced["usedBy"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task UnitAssignment_ForUnitAsync_UsesNearestAncestor()
    {
        using var admin = await app.AdminAsync();
        var rc = await TestOrg.UnitAsync(admin, Unique("RC"), "分配测试", "responsibility-centre", app.Org.Region);
        var wc = await TestOrg.UnitAsync(admin, Unique("WC"), "分配测试工作中心", "work-centre", rc);
        var code = Unique("CAL");
        await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/calendars", new
        {
            code, nameZh = "电信", nameEn = "Telecom", timeZone = "Asia/Shanghai", alwaysOpen = true, units = new[] { rc },
        }), HttpStatusCode.Created);

        await using var scope = app.Services.CreateAsyncScope();
        var calendars = scope.ServiceProvider.GetRequiredService<CalendarService>();
        Assert.Equal(code, (await calendars.ForUnitAsync(rc, CancellationToken.None)).Code);
        Assert.Equal(code, (await calendars.ForUnitAsync(wc, CancellationToken.None)).Code);
        Assert.True((await calendars.ForUnitAsync(wc, CancellationToken.None)).IsAlwaysOpen);
        Assert.Equal("CN-STD", (await calendars.ForUnitAsync(app.Org.WcB, CancellationToken.None)).Code);

        // A unit follows one calendar only.
        await Api.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/calendars", new
        {
            code = Unique("CAL"), nameZh = "第二", nameEn = "Second", timeZone = "UTC", alwaysOpen = true, units = new[] { rc },
        }), "units");
    }
}

public sealed class CalendarsApiSqliteTests(SqliteApp app) : CalendarsApiTests(app), IClassFixture<SqliteApp>;

public sealed class CalendarsApiPostgresTests(PostgresApp app) : CalendarsApiTests(app), IClassFixture<PostgresApp>;
