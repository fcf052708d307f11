using Kefu.Core.Calendars;
using Kefu.Core.Common;

namespace Kefu.Core.Tests.Calendars;

public sealed class HolidayFilesTests
{
    private sealed class At(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Business dates in Shanghai on 1 June 2026.</summary>
    private static readonly BusinessDate Dates = new(new At(new DateTimeOffset(2026, 6, 1, 4, 0, 0, TimeSpan.Zero)), BusinessDate.FindZone(null));

    private static (List<HolidayDay> Days, List<ImportLineError> Errors) Parse(string text) => HolidayFiles.Parse(text, Dates);

    private static string Ics(params string[] events) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + string.Concat(events.Select(e => $"BEGIN:VEVENT\r\n{e}END:VEVENT\r\n")) + "END:VCALENDAR\r\n";

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Csv_ReadsKindsInBothLanguages_SkipsHeaderBlankAndComments()
    {
        var (days, errors) = Parse("date,kind,name\r\n# 2026\r\n2026-10-01,holiday,国庆节\r\n\r\n2026-10-10,班,\"国庆, 补班\"\r\n2026/9/20,make-up-workday,补班\r\n");
        Assert.Empty(errors);
        Assert.Equal(
            [
                new HolidayDay(D(2026, 10, 1), CalendarDayKind.Holiday, "国庆节"),
                new HolidayDay(D(2026, 10, 10), CalendarDayKind.MakeUpWorkday, "国庆, 补班"),
                new HolidayDay(D(2026, 9, 20), CalendarDayKind.MakeUpWorkday, "补班"),
            ],
            days);
    }

    [Fact]
    public void Csv_ChineseHeader_QuotedNameOverTwoLines_AndTheLinesAfterItKeepTheirNumbers()
    {
        var (days, errors) = Parse("日期,类型,名称\n2026-10-01,休,\"国庆节\n（第一天）\"\n2026-10-02,休,国庆节\nbad,休,x\n");
        Assert.Equal(["国庆节\n（第一天）", "国庆节"], days.Select(d => d.Name));
        Assert.Equal((5, "Not a date (yyyy-MM-dd): bad"), (Assert.Single(errors).Line, errors[0].Message));
    }

    [Fact]
    public void Csv_EveryBadLineIsReportedWithItsNumber()
    {
        var (_, errors) = Parse("2026-10-01,holiday,a\n2026-10-01,holiday,b\nnot a date,holiday\n2026-10-02\n2026-10-03,party,x\n");
        Assert.Equal([2, 3, 4, 5], errors.Select(e => e.Line));
        Assert.Equal("2026-10-01 is already on line 1.", errors[0].Message);
    }

    [Fact]
    public void ICalendar_FoldedLines_AllDayRanges_AndMakeUpMarkers()
    {
        var ics = Ics(
            "UID:spring\r\nDTSTART;VALUE=DATE:20260215\r\nDTEND;VALUE=DATE:20260224\r\nSUMMARY:春\r\n 节\r\n",
            "UID:makeup\r\nDTSTART;VALUE=DATE:20260214\r\nSUMMARY:Spring Festival\r\nCATEGORIES:Holiday,Make-up\r\n");
        var (days, errors) = Parse(ics);
        Assert.Empty(errors);
        Assert.Equal(10, days.Count);
        Assert.All(days.Where(d => d.Date != D(2026, 2, 14)), d => Assert.Equal(("春节", CalendarDayKind.Holiday), (d.Name, d.Kind)));
        Assert.Equal(CalendarDayKind.MakeUpWorkday, days.Single(d => d.Date == D(2026, 2, 14)).Kind);
        Assert.Equal((D(2026, 2, 15), D(2026, 2, 23)), (days.Where(d => d.Kind == CalendarDayKind.Holiday).Min(d => d.Date), days.Max(d => d.Date)));
    }

    [Fact]
    public void ICalendar_YearlyRule_WithCount_AndExdate_GivesEachYearsDate()
    {
        var (days, errors) = Parse(Ics("UID:ny\r\nDTSTART;VALUE=DATE:20260101\r\nRRULE:FREQ=YEARLY;COUNT=4\r\nEXDATE;VALUE=DATE:20280101\r\nSUMMARY:元旦\r\n"));
        Assert.Empty(errors);
        Assert.Equal([D(2026, 1, 1), D(2027, 1, 1), D(2029, 1, 1)], days.Select(d => d.Date));
        Assert.All(days, d => Assert.Equal(("元旦", CalendarDayKind.Holiday), (d.Name, d.Kind)));
    }

    [Fact]
    public void ICalendar_OpenYearlyRule_StopsAtTheHorizon_AndStartsNoEarlierThanItsBackEdge()
    {
        // Today is 2026-06-01 in Shanghai: a rule from 1990 without an end gives 2016-10-01 … 2035-10-01 (within ten years either side).
        var (days, errors) = Parse(Ics("UID:nd\r\nDTSTART;VALUE=DATE:19901001\r\nDTEND;VALUE=DATE:19901002\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:国庆节\r\n"));
        Assert.Empty(errors);
        Assert.Equal(Enumerable.Range(2016, 20).Select(y => D(y, 10, 1)), days.Select(d => d.Date));
        Assert.Equal(10, HolidayFiles.RecurrenceHorizonYears);
    }

    [Fact]
    public void ICalendar_AnOverriddenOccurrence_MovesThatYearOnly()
    {
        var (days, errors) = Parse(Ics(
            "UID:x\r\nDTSTART;VALUE=DATE:20260101\r\nRRULE:FREQ=YEARLY;COUNT=3\r\nSUMMARY:元旦\r\n",
            "UID:x\r\nRECURRENCE-ID;VALUE=DATE:20270101\r\nDTSTART;VALUE=DATE:20270102\r\nSUMMARY:元旦（调）\r\n"));
        Assert.Empty(errors);
        Assert.Equal([D(2026, 1, 1), D(2027, 1, 2), D(2028, 1, 1)], days.Select(d => d.Date).Order());
    }

    [Fact]
    public void ICalendar_TzidAndUtcTimes_AreChinaDates()
    {
        var (days, errors) = Parse(Ics(
            // 20:00 on 30 Sep in New York is 08:00 on 1 Oct in Shanghai.
            "UID:ny\r\nDTSTART;TZID=America/New_York:20260930T200000\r\nDTEND;TZID=America/New_York:20260930T230000\r\nSUMMARY:a\r\n",
            // 16:00Z on 2 Oct until 16:00Z on 4 Oct: 3 and 4 Oct in Shanghai (the end is exclusive).
            "UID:utc\r\nDTSTART:20261002T160000Z\r\nDTEND:20261004T160000Z\r\nSUMMARY:b\r\n",
            "UID:sh\r\nDTSTART;TZID=Asia/Shanghai:20261007T090000\r\nDTEND;TZID=Asia/Shanghai:20261007T180000\r\nSUMMARY:c\r\n"));
        Assert.Empty(errors);
        Assert.Equal([(D(2026, 10, 1), "a"), (D(2026, 10, 3), "b"), (D(2026, 10, 4), "b"), (D(2026, 10, 7), "c")], days.Select(d => (d.Date, d.Name)));
    }

    [Fact]
    public void ICalendar_OverlappingEventsOfOneKind_KeepTheFirst_ButAHolidayOnAMakeUpDayIsAnError()
    {
        var (days, errors) = Parse(Ics(
            "UID:a\r\nDTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261004\r\nSUMMARY:国庆节\r\n",
            "UID:b\r\nDTSTART;VALUE=DATE:20261003\r\nSUMMARY:中秋节\r\n"));
        Assert.Empty(errors);
        Assert.Equal(["国庆节", "国庆节", "国庆节"], days.Select(d => d.Name));

        var (_, clash) = Parse(Ics(
            "UID:a\r\nDTSTART;VALUE=DATE:20261001\r\nSUMMARY:国庆节\r\n",
            "UID:b\r\nDTSTART;VALUE=DATE:20261001\r\nSUMMARY:补班\r\n"));
        Assert.Equal((9, "2026-10-01 is a make-up workday here but a holiday in the event on line 4."), (Assert.Single(clash).Line, clash[0].Message));
    }

    [Fact]
    public void ICalendar_BadEvents_AreErrorsWithTheirLineNumbers()
    {
        // Lines: 4 BEGIN, 5 UID, 6 DTSTART (not a date) | 8 BEGIN, 10 DTSTART, 11 DTEND = DTSTART | 13 BEGIN (no DTSTART) |
        // 17 BEGIN, 19 DTSTART 40 days before its DTEND | 22 BEGIN, 24 DTSTART, 25 RRULE daily for ever | 27 BEGIN, 29 unknown TZID.
        var ics = Ics(
            "UID:a\r\nDTSTART;VALUE=DATE:2026xx01\r\n",
            "UID:b\r\nDTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261001\r\n",
            "UID:c\r\nSUMMARY:x\r\n",
            "UID:d\r\nDTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261110\r\n",
            "UID:e\r\nDTSTART;VALUE=DATE:20261001\r\nRRULE:FREQ=DAILY\r\n",
            "UID:f\r\nDTSTART;TZID=Mars/Olympus:20261001T090000\r\n");
        var (_, errors) = Parse(ics);
        Assert.Equal([6, 11, 13, 20, 25, 29], errors.Select(e => e.Line));
        Assert.Equal("Not a date or date-time: 2026xx01", errors[0].Message);
        Assert.Equal("The event has no DTSTART.", errors[2].Message);
    }

    [Fact]
    public void ICalendar_UnreadableLines_AndAnUnclosedEvent_AreReportedWhereTheyStand()
    {
        var (_, junk) = Parse("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261001\nthis is not a content line\nEND:VEVENT\nEND:VCALENDAR\n");
        Assert.Equal(5, Assert.Single(junk).Line);

        var (_, rule) = Parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261001\nRRULE:FREQ=SOMETIMES\nEND:VEVENT\nEND:VCALENDAR\n");
        Assert.Equal(4, Assert.Single(rule).Line);

        var (_, open) = Parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261001\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261005\nEND:VCALENDAR\n");
        Assert.Equal(5, Assert.Single(open).Line);
    }
}
