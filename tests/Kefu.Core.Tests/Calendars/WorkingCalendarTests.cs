using Kefu.Core.Calendars;

namespace Kefu.Core.Tests.Calendars;

public sealed class WorkingCalendarTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    // CN-STD: 9:00–18:30 Monday to Friday, Asia/Shanghai, 2026 holidays and make-up workdays.
    private static readonly WorkingCalendar CnStd = WorkingCalendar.Compile(
        Spec("CN-STD", Shanghai, Weekdays(WorkingPeriod.Of(9, 0, 18, 30)), ChinaHolidays.Year2026), 2025, 2027);

    internal static IReadOnlyList<IReadOnlyList<WorkingPeriod>> Weekdays(params WorkingPeriod[] periods) =>
        [[], periods, periods, periods, periods, periods, []];

    internal static WorkingCalendarSpec Spec(
        string code, TimeZoneInfo zone, IReadOnlyList<IReadOnlyList<WorkingPeriod>> week, IEnumerable<HolidayDay>? days = null) =>
        new()
        {
            Code = code,
            TimeZone = zone,
            Week = week,
            Days = (days ?? []).ToDictionary(d => d.Date, d => d.Kind),
        };

    private static DateTimeOffset Cst(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.FromHours(8));

    [Fact]
    public void WithinOneDay_AddsWallClockTime()
    {
        // Mon 16 Nov 2026 10:00 + 2 h 15 min → 12:15 the same day.
        Assert.Equal(Cst(2026, 11, 16, 12, 15), CnStd.AddWorkingTime(Cst(2026, 11, 16, 10), TimeSpan.FromMinutes(135)));
    }

    [Fact]
    public void EndingExactlyAtClosing_IsDueAtClosing()
    {
        // Mon 16 Nov 2026 17:30 + 1 h → 18:30 (closing), not the next morning.
        var due = CnStd.AddWorkingTime(Cst(2026, 11, 16, 17, 30), TimeSpan.FromHours(1));
        Assert.Equal(Cst(2026, 11, 16, 18, 30), due);
        Assert.Equal(TimeSpan.FromHours(8), due.Offset);
    }

    [Fact]
    public void OverTheWeekend_ContinuesOnMonday()
    {
        // Fri 20 Nov 2026 17:00 + 4 h: 1.5 h on Friday (to 18:30), Sat/Sun closed, 2.5 h on Mon 23 Nov from 9:00 → 11:30.
        Assert.Equal(Cst(2026, 11, 23, 11, 30), CnStd.AddWorkingTime(Cst(2026, 11, 20, 17), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void BeforeNationalDay_SkipsTheWholeHoliday()
    {
        // Wed 30 Sep 2026 17:00 + 4 h: 1.5 h on Wednesday; 1–7 Oct are holidays; Thu 8 Oct 9:00 + 2.5 h → 11:30.
        Assert.Equal(Cst(2026, 10, 8, 11, 30), CnStd.AddWorkingTime(Cst(2026, 9, 30, 17), TimeSpan.FromHours(4)));

        // + 12 h: 1.5 h on 30 Sep, 9.5 h on Thu 8 Oct, 1 h on Fri 9 Oct from 9:00 → 10:00.
        Assert.Equal(Cst(2026, 10, 9, 10), CnStd.AddWorkingTime(Cst(2026, 9, 30, 17), TimeSpan.FromHours(12)));
    }

    [Fact]
    public void MakeUpSaturday_IsAWorkday()
    {
        // Fri 9 Oct 2026 17:00 + 4 h: 1.5 h on Friday; Sat 10 Oct is a make-up workday with weekday hours → 9:00 + 2.5 h = 11:30.
        Assert.Equal(Cst(2026, 10, 10, 11, 30), CnStd.AddWorkingTime(Cst(2026, 10, 9, 17), TimeSpan.FromHours(4)));

        // Fri 18 Sep 2026 18:00 + 1 h: 0.5 h on Friday; Sat 19 closed; Sun 20 Sep worked → 9:30.
        Assert.Equal(Cst(2026, 9, 20, 9, 30), CnStd.AddWorkingTime(Cst(2026, 9, 18, 18), TimeSpan.FromHours(1)));
        Assert.True(CnStd.IsWorkingTime(Cst(2026, 10, 10, 10)));
        Assert.False(CnStd.IsWorkingTime(Cst(2026, 10, 17, 10)));
    }

    [Fact]
    public void SpringFestival_NineDaysOff()
    {
        // Fri 13 Feb 2026 18:00 + 1 h: 0.5 h Friday; Sat 14 Feb is a make-up workday → 9:30.
        Assert.Equal(Cst(2026, 2, 14, 9, 30), CnStd.AddWorkingTime(Cst(2026, 2, 13, 18), TimeSpan.FromHours(1)));

        // Sat 14 Feb 18:00 + 1 h: 0.5 h; 15–23 Feb off → Tue 24 Feb 9:30.
        Assert.Equal(Cst(2026, 2, 24, 9, 30), CnStd.AddWorkingTime(Cst(2026, 2, 14, 18), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void StartOutsideHours_BeginsAtNextOpening()
    {
        // Sun 22 Nov 2026 15:00 + 30 min → Mon 9:30; Mon 7:00 + 30 min → 9:30; Mon 20:00 + 30 min → Tue 9:30.
        Assert.Equal(Cst(2026, 11, 23, 9, 30), CnStd.AddWorkingTime(Cst(2026, 11, 22, 15), TimeSpan.FromMinutes(30)));
        Assert.Equal(Cst(2026, 11, 23, 9, 30), CnStd.AddWorkingTime(Cst(2026, 11, 23, 7), TimeSpan.FromMinutes(30)));
        Assert.Equal(Cst(2026, 11, 24, 9, 30), CnStd.AddWorkingTime(Cst(2026, 11, 23, 20), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void ZeroWork_IsStartWhenOpen_ElseNextOpening()
    {
        Assert.Equal(Cst(2026, 11, 23, 10), CnStd.AddWorkingTime(Cst(2026, 11, 23, 10), TimeSpan.Zero));
        Assert.Equal(Cst(2026, 11, 24, 9), CnStd.AddWorkingTime(Cst(2026, 11, 23, 18, 30), TimeSpan.Zero));
        Assert.Equal(Cst(2026, 10, 8, 9), CnStd.AddWorkingTime(Cst(2026, 10, 1, 12), TimeSpan.Zero));
    }

    [Fact]
    public void InputInAnotherOffset_AnswersInTheCalendarZone()
    {
        // 02:00Z = 10:00 +08:00 on Mon 23 Nov; + 1 h → 11:00 +08:00.
        var due = CnStd.AddWorkingTime(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.FromHours(8), due.Offset);
        Assert.Equal(new DateTime(2026, 11, 23, 11, 0, 0), due.DateTime);
    }

    [Fact]
    public void Seconds_AreKept()
    {
        var start = Cst(2026, 11, 23, 10).AddSeconds(17);
        Assert.Equal(start.AddMinutes(90), CnStd.AddWorkingTime(start, TimeSpan.FromMinutes(90)));
        Assert.Equal(TimeSpan.FromSeconds(43), CnStd.WorkingTimeBetween(Cst(2026, 11, 23, 18, 29).AddSeconds(17), Cst(2026, 11, 24, 8)));
    }

    [Fact]
    public void LunchBreak_IsSkipped()
    {
        var cal = WorkingCalendar.Compile(
            Spec("LUNCH", Shanghai, Weekdays(WorkingPeriod.Of(9, 0, 12, 0), WorkingPeriod.Of(13, 30, 18, 0))), 2026, 2026);

        // Mon 23 Nov 2026 11:30 + 1 h: 0.5 h to 12:00, lunch until 13:30, + 0.5 h → 14:00.
        Assert.Equal(Cst(2026, 11, 23, 14), cal.AddWorkingTime(Cst(2026, 11, 23, 11, 30), TimeSpan.FromHours(1)));

        // Starting inside the break: 12:15 + 10 min → 13:40.
        Assert.Equal(Cst(2026, 11, 23, 13, 40), cal.AddWorkingTime(Cst(2026, 11, 23, 12, 15), TimeSpan.FromMinutes(10)));

        // Ending exactly at the start of the break → 12:00.
        Assert.Equal(Cst(2026, 11, 23, 12), cal.AddWorkingTime(Cst(2026, 11, 23, 11), TimeSpan.FromHours(1)));
        Assert.False(cal.IsWorkingTime(Cst(2026, 11, 23, 12, 45)));

        // A whole day is 3 h + 4.5 h = 7.5 h.
        Assert.Equal(TimeSpan.FromHours(7.5), cal.WorkingTimeBetween(Cst(2026, 11, 23, 0), Cst(2026, 11, 24, 0)));
    }

    [Fact]
    public void LongDurations_SkipWeeksExactly()
    {
        // CN-STD has 47.5 h a week. From Mon 2 Nov 2026 9:00, 3 × 47.5 h later is Fri 20 Nov 18:30 (no holidays in between).
        Assert.Equal(Cst(2026, 11, 20, 18, 30), CnStd.AddWorkingTime(Cst(2026, 11, 2, 9), TimeSpan.FromHours(3 * 47.5)));

        // The whole of 2026: 365 days − 104 weekend days − 19 holidays on weekdays + 6 make-up days = 248 working days (× 9.5 h).
        Assert.Equal(TimeSpan.FromHours(248 * 9.5), CnStd.WorkingTimeBetween(Cst(2026, 1, 1, 0), Cst(2027, 1, 1, 0)));
    }

    [Fact]
    public void WorkingTimeBetween_IsNegativeBackwards_AndInvertsAdd()
    {
        var a = Cst(2026, 9, 29, 10);
        var b = CnStd.AddWorkingTime(a, TimeSpan.FromMinutes(1234));
        Assert.Equal(TimeSpan.FromMinutes(1234), CnStd.WorkingTimeBetween(a, b));
        Assert.Equal(TimeSpan.FromMinutes(-1234), CnStd.WorkingTimeBetween(b, a));
        Assert.Equal(TimeSpan.Zero, CnStd.WorkingTimeBetween(Cst(2026, 10, 2, 0), Cst(2026, 10, 5, 0)));
    }

    [Fact]
    public void Berlin_SpringForward_OverTheWeekend()
    {
        var cal = WorkingCalendar.Compile(Spec("DE", Berlin, Weekdays(WorkingPeriod.Of(9, 0, 17, 0))), 2026, 2026);

        // Fri 27 Mar 2026 16:00 CET (+01:00) + 2 h: 1 h Friday; clocks go forward Sun 29 Mar; Mon 30 Mar 9:00 CEST + 1 h → 10:00 +02:00.
        var due = cal.AddWorkingTime(new DateTimeOffset(2026, 3, 27, 16, 0, 0, TimeSpan.FromHours(1)), TimeSpan.FromHours(2));
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 10, 0, 0, TimeSpan.FromHours(2)), due);
        Assert.Equal(TimeSpan.FromHours(2), due.Offset);
    }

    [Fact]
    public void Berlin_NightHoursAcrossDstChanges_FollowTheWallClock()
    {
        // Open 01:00–04:00 every day. Sun 29 Mar 2026 02:00→03:00 leaves 2 h; Sun 25 Oct 2026 03:00→02:00 gives 4 h.
        var night = WorkingPeriod.Of(1, 0, 4, 0);
        var cal = WorkingCalendar.Compile(Spec("NIGHT", Berlin, [[night], [night], [night], [night], [night], [night], [night]]), 2026, 2026);
        var march = new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.FromHours(2), cal.WorkingTimeBetween(march, march.AddDays(1)));
        var october = new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.FromHours(2));
        Assert.Equal(TimeSpan.FromHours(4), cal.WorkingTimeBetween(october, october.AddDays(1)));

        // 29 Mar 01:30 CET + 1 h: 01:30–02:00 CET, then 03:00–03:30 CEST → 03:30 +02:00.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 30, 0, TimeSpan.FromHours(2)),
            cal.AddWorkingTime(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.FromHours(1)), TimeSpan.FromHours(1)));

        // 25 Oct 01:30 CEST + 1 h → 02:30 CEST (first pass); + 2 h → 02:30 CET (second pass).
        var start = new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.FromHours(2));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(2)), cal.AddWorkingTime(start, TimeSpan.FromHours(1)));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(1)), cal.AddWorkingTime(start, TimeSpan.FromHours(2)));
    }

    [Fact]
    public void NewYork_FallBack_OffsetOfTheAnswerFollowsTheDate()
    {
        var cal = WorkingCalendar.Compile(Spec("US", NewYork, Weekdays(WorkingPeriod.Of(8, 0, 17, 0))), 2026, 2026);

        // Fri 30 Oct 2026 16:00 EDT (−04:00) + 3 h: 1 h Friday; clocks go back Sun 1 Nov; Mon 2 Nov 8:00 EST + 2 h → 10:00 −05:00.
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.FromHours(-5)),
            cal.AddWorkingTime(new DateTimeOffset(2026, 10, 30, 16, 0, 0, TimeSpan.FromHours(-4)), TimeSpan.FromHours(3)));
    }

    [Fact]
    public void AlwaysOpen_AddsElapsedTime()
    {
        var cal = WorkingCalendar.AlwaysOpen("24x7", Shanghai);
        Assert.True(cal.IsAlwaysOpen);
        Assert.Equal(Cst(2026, 10, 2, 3, 30), cal.AddWorkingTime(Cst(2026, 10, 1, 23), TimeSpan.FromHours(4.5)));
        Assert.Equal(TimeSpan.FromHours(8), cal.AddWorkingTime(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.Zero).Offset);
        Assert.Equal(TimeSpan.FromHours(-3), cal.WorkingTimeBetween(Cst(2026, 10, 2, 3), Cst(2026, 10, 2, 0)));
        Assert.True(cal.IsWorkingTime(Cst(2026, 10, 1, 3)));
    }

    [Fact]
    public void OutsideTheCompiledYears_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CnStd.AddWorkingTime(Cst(2030, 1, 1, 10), TimeSpan.FromHours(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => CnStd.AddWorkingTime(Cst(2027, 12, 31, 10), TimeSpan.FromDays(30)));
        Assert.Throws<ArgumentOutOfRangeException>(() => CnStd.AddWorkingTime(Cst(2026, 1, 5, 10), TimeSpan.FromHours(-1)));
    }

    [Fact]
    public void ShippedHolidays2026_MatchTheStateCouncilNotice()
    {
        var days = ChinaHolidays.Year2026;
        Assert.Equal(33, days.Count(d => d.Kind == CalendarDayKind.Holiday));
        Assert.Equal(
            [new(2026, 1, 4), new(2026, 2, 14), new(2026, 2, 28), new(2026, 5, 9), new(2026, 9, 20), new(2026, 10, 10)],
            days.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday).Select(d => d.Date).Order().ToArray());
        Assert.All(days.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday),
            d => Assert.True(d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday));
    }

    [Fact]
    public void ProvisionalHolidays2027_FollowTheLunarDates()
    {
        var lunar = new System.Globalization.ChineseLunisolarCalendar();
        DateOnly Lunar(int month, int day) => DateOnly.FromDateTime(lunar.ToDateTime(2027, month, day, 0, 0, 0, 0));
        var off = ChinaHolidays.Year2027Provisional.Select(d => d.Date).ToHashSet();
        Assert.Contains(Lunar(1, 1), off);                         // Spring Festival, 6 Feb 2027
        Assert.Contains(Lunar(1, 1).AddDays(-1), off);             // its eve
        Assert.Contains(Lunar(5, 5), off);                         // Dragon Boat, 9 Jun 2027 (no leap month before it in 2027)
        Assert.Contains(Lunar(8, 15), off);                        // Mid-Autumn, 15 Sep 2027
        Assert.Equal(new DateOnly(2027, 2, 6), Lunar(1, 1));
    }
}
