using Kefu.Core.ServiceRequests;
using Kefu.Core.Sla;

namespace Kefu.Core.Tests.Sla;

public sealed class SlaClockTests
{
    private static readonly DateTime Monday10 = new(2026, 9, 14, 10, 0, 0, DateTimeKind.Utc);

    private static SlaClock Start(int minutes, ISlaCalendar calendar, int warning = 75) =>
        SlaClock.Start(Guid.NewGuid(), Guid.NewGuid(), SlaKind.Resolution, "BASIC", minutes, warning, Monday10, calendar);

    [Fact]
    public void Start_OfficeHours_DueAndWarnCountOnlyWorkingTime()
    {
        var clock = Start(600, OfficeHours.Instance);

        // Monday 10:00 + 10 working hours of 9:00–18:00: 8 h on Monday, 2 h on Tuesday.
        Assert.Equal(new DateTime(2026, 9, 15, 11, 0, 0, DateTimeKind.Utc), clock.DueAt);
        Assert.Equal(new DateTime(2026, 9, 14, 17, 30, 0, DateTimeKind.Utc), clock.WarnAt);
        Assert.Equal(SlaClockState.Running, clock.State);
    }

    [Fact]
    public void Resume_AfterPauseOverNight_DueMovesByTheWorkingTimePaused()
    {
        var clock = Start(600, OfficeHours.Instance);
        clock.Pause(new DateTime(2026, 9, 14, 16, 0, 0, DateTimeKind.Utc));
        Assert.Equal(SlaClockState.Paused, clock.State);

        // Paused Monday 16:00 with 4 working hours left (2 h on Monday, 2 h on Tuesday up to 11:00); resumed Tuesday 10:00.
        clock.Resume(new DateTime(2026, 9, 15, 10, 0, 0, DateTimeKind.Utc), OfficeHours.Instance);

        Assert.Equal(SlaClockState.Running, clock.State);
        Assert.Null(clock.PausedSince);
        Assert.Equal(new DateTime(2026, 9, 15, 14, 0, 0, DateTimeKind.Utc), clock.DueAt);
        Assert.Equal(180, clock.PausedMinutes);
    }

    [Fact]
    public void Resume_OverWeekend_CountsNoPausedTimeOnNonWorkingDays()
    {
        var clock = Start(120, OfficeHours.Instance);
        clock.Pause(new DateTime(2026, 9, 18, 17, 0, 0, DateTimeKind.Utc));
        clock.Resume(new DateTime(2026, 9, 21, 9, 0, 0, DateTimeKind.Utc), OfficeHours.Instance);

        // Due Monday 12:00 was already past when paused on Friday: nothing was left, so the clock is due at once.
        Assert.Equal(new DateTime(2026, 9, 21, 9, 0, 0, DateTimeKind.Utc), clock.DueAt);
        Assert.Equal(60, clock.PausedMinutes);
    }

    [Fact]
    public void Resume_AlreadyWarned_KeepsTheWarningTime()
    {
        var clock = Start(600, AlwaysOpenSlaCalendar.Instance);
        var warnAt = clock.WarnAt;
        typeof(SlaClock).GetProperty(nameof(SlaClock.WarnedAt))!.SetValue(clock, warnAt);
        clock.Pause(Monday10.AddHours(8));
        clock.Resume(Monday10.AddHours(10), AlwaysOpenSlaCalendar.Instance);

        Assert.Equal(warnAt, clock.WarnAt);
        Assert.Equal(Monday10.AddHours(12), clock.DueAt);
    }

    [Fact]
    public void Meet_AfterBreach_StaysBreachedWithMetTime()
    {
        var clock = Start(60, AlwaysOpenSlaCalendar.Instance);
        clock.Breach(Monday10.AddHours(2));
        clock.Meet(Monday10.AddHours(3));

        Assert.Equal(SlaClockState.Breached, clock.State);
        Assert.Equal(Monday10.AddHours(3), clock.MetAt);
        Assert.Equal(SlaState.Breached, SlaClock.Summarise([clock]));
    }

    [Fact]
    public void Summarise_PausedAndMet_IsPausedThenMet()
    {
        var paused = Start(60, AlwaysOpenSlaCalendar.Instance);
        var met = Start(60, AlwaysOpenSlaCalendar.Instance);
        met.Meet(Monday10);
        paused.Pause(Monday10);

        Assert.Equal(SlaState.Paused, SlaClock.Summarise([paused, met]));
        Assert.Equal(paused.DueAt, SlaClock.NextDue([paused, met]));
        paused.Meet(Monday10);
        Assert.Equal(SlaState.Met, SlaClock.Summarise([paused, met]));
        Assert.Null(SlaClock.NextDue([paused, met]));
        Assert.Null(SlaClock.Summarise([]));
    }

    [Fact]
    public void SortKey_GreenFirstThenEarliestDueThenNone()
    {
        var keys = new[]
        {
            ServiceRequest.SortKey(false, null),
            ServiceRequest.SortKey(false, Monday10),
            ServiceRequest.SortKey(true, Monday10.AddDays(3)),
            ServiceRequest.SortKey(false, Monday10.AddHours(-1)),
            ServiceRequest.SortKey(true, null),
        };

        Assert.Equal([keys[2], keys[4], keys[3], keys[1], keys[0]], keys.Order(StringComparer.Ordinal));
    }

    /// <summary>Weekdays 9:00–18:00 UTC, no holidays: enough to check the clock arithmetic apart from real calendars.</summary>
    private sealed class OfficeHours : ISlaCalendar
    {
        public static readonly OfficeHours Instance = new();

        public string Code => "office";

        public DateTime Add(DateTime startUtc, TimeSpan work)
        {
            var t = startUtc;
            while (true)
            {
                var (open, close) = Day(t);
                if (t < open)
                {
                    t = open;
                }

                if (t >= close || t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    t = t.Date.AddDays(1).AddHours(9);
                    continue;
                }

                if (close - t >= work)
                {
                    return t + work;
                }

                work -= close - t;
                t = t.Date.AddDays(1).AddHours(9);
            }
        }

        public TimeSpan Between(DateTime fromUtc, DateTime toUtc)
        {
            var total = TimeSpan.Zero;
            for (var day = fromUtc.Date; day < toUtc; day = day.AddDays(1))
            {
                if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    continue;
                }

                var (open, close) = Day(day);
                var start = fromUtc > open ? fromUtc : open;
                var end = toUtc < close ? toUtc : close;
                if (end > start)
                {
                    total += end - start;
                }
            }

            return total;
        }

        private static (DateTime Open, DateTime Close) Day(DateTime t) =>
            (DateTime.SpecifyKind(t.Date.AddHours(9), DateTimeKind.Utc), DateTime.SpecifyKind(t.Date.AddHours(18), DateTimeKind.Utc));
    }
}
