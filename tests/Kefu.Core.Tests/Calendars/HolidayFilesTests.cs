using Kefu.Core.Calendars;

namespace Kefu.Core.Tests.Calendars;

public sealed class HolidayFilesTests
{
    [Fact]
    public void Csv_ReadsKindsInBothLanguages_SkipsHeaderBlankAndComments()
    {
        var (days, errors) = HolidayFiles.Parse("date,kind,name\r\n# 2026\r\n2026-10-01,holiday,国庆节\r\n\r\n2026-10-10,班,\"国庆, 补班\"\r\n2026/9/20,make-up-workday,补班\r\n");
        Assert.Empty(errors);
        Assert.Equal(
            [
                new HolidayDay(new(2026, 10, 1), CalendarDayKind.Holiday, "国庆节"),
                new HolidayDay(new(2026, 10, 10), CalendarDayKind.MakeUpWorkday, "国庆, 补班"),
                new HolidayDay(new(2026, 9, 20), CalendarDayKind.MakeUpWorkday, "补班"),
            ],
            days);
    }

    [Fact]
    public void Csv_EveryBadLineIsReportedWithItsNumber()
    {
        var (_, errors) = HolidayFiles.Parse("2026-10-01,holiday,a\n2026-10-01,holiday,b\nnot a date,holiday\n2026-10-02\n2026-10-03,party,x\n");
        Assert.Equal([2, 3, 4, 5], errors.Select(e => e.Line));
    }

    [Fact]
    public void ICalendar_FoldedLines_MultiDayEvents_AndMakeUpMarkers()
    {
        const string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260215\r\nDTEND;VALUE=DATE:20260224\r\nSUMMARY:春\r\n 节\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260214\r\nSUMMARY:Spring Festival\r\nCATEGORIES:Holiday,Make-up\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var (days, errors) = HolidayFiles.Parse(ics);
        Assert.Empty(errors);
        Assert.Equal(10, days.Count);
        Assert.All(days.Where(d => d.Date != new DateOnly(2026, 2, 14)), d => Assert.Equal(("春节", CalendarDayKind.Holiday), (d.Name, d.Kind)));
        Assert.Equal(CalendarDayKind.MakeUpWorkday, days.Single(d => d.Date == new DateOnly(2026, 2, 14)).Kind);
        Assert.Equal(new DateOnly(2026, 2, 23), days.Max(d => d.Date));
    }

    [Fact]
    public void ICalendar_TimedRecurringAndOpenEvents_AreErrorsWithLineNumbers()
    {
        const string ics = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261001T090000Z\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261001\nRRULE:FREQ=YEARLY\nEND:VEVENT\n"
            + "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261001\nDTEND;VALUE=DATE:20261001\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261005\nEND:VCALENDAR\n";
        var (_, errors) = HolidayFiles.Parse(ics);
        Assert.Equal([3, 7, 11, 13, 16], errors.Select(e => e.Line));
    }
}
