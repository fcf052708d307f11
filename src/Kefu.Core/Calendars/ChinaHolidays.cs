namespace Kefu.Core.Calendars;

/// <summary>One shipped holiday-set entry.</summary>
public sealed record HolidayDay(DateOnly Date, CalendarDayKind Kind, string Name);

/// <summary>The mainland-China public holidays and make-up workdays (调休) that ship as data.</summary>
public static class ChinaHolidays
{
    /// <summary>国务院办公厅关于2026年部分节假日安排的通知 (4 November 2025).</summary>
    public static IReadOnlyList<HolidayDay> Year2026 { get; } =
    [
        .. Off(2026, 1, 1, 3, "元旦"), Work(2026, 1, 4, "元旦调休上班"),
        .. Off(2026, 2, 15, 23, "春节"), Work(2026, 2, 14, "春节调休上班"), Work(2026, 2, 28, "春节调休上班"),
        .. Off(2026, 4, 4, 6, "清明节"),
        .. Off(2026, 5, 1, 5, "劳动节"), Work(2026, 5, 9, "劳动节调休上班"),
        .. Off(2026, 6, 19, 21, "端午节"),
        .. Off(2026, 9, 25, 27, "中秋节"),
        .. Off(2026, 10, 1, 7, "国庆节"), Work(2026, 9, 20, "国庆节调休上班"), Work(2026, 10, 10, "国庆节调休上班"),
    ];

    /// <summary>Provisional: the State Council notice for 2027 was not available. The statutory days by the 2027 lunar dates
    /// (New Year 1 Jan; Spring Festival eve 5 Feb and 6–8 Feb; Qingming 5 Apr; Labour Day 1–2 May; Dragon Boat 9 Jun;
    /// Mid-Autumn 15 Sep; National Day 1–3 Oct), the weekend joined to them, and a statutory day falling on a weekend moved to
    /// the next workday. No make-up workdays are guessed; replace the set when the notice is published.</summary>
    public static IReadOnlyList<HolidayDay> Year2027Provisional { get; } =
    [
        .. Off(2027, 1, 1, 3, "元旦"),
        .. Off(2027, 2, 5, 10, "春节"),
        .. Off(2027, 4, 3, 5, "清明节"),
        .. Off(2027, 5, 1, 4, "劳动节"),
        .. Off(2027, 6, 9, 9, "端午节"),
        .. Off(2027, 9, 15, 15, "中秋节"),
        .. Off(2027, 10, 1, 5, "国庆节"),
    ];

    private static IEnumerable<HolidayDay> Off(int year, int month, int fromDay, int toDay, string name) =>
        Enumerable.Range(fromDay, toDay - fromDay + 1).Select(d => new HolidayDay(new DateOnly(year, month, d), CalendarDayKind.Holiday, name));

    private static HolidayDay Work(int year, int month, int day, string name) =>
        new(new DateOnly(year, month, day), CalendarDayKind.MakeUpWorkday, name);
}
