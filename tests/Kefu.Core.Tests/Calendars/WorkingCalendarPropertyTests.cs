using System.Globalization;
using System.Text;
using Kefu.Core.Calendars;
using Xunit.Abstractions;

namespace Kefu.Core.Tests.Calendars;

/// <summary>Compares the compiled table with a minute-by-minute walk that applies the rule directly (local time of each minute
/// in the zone, periods of its local date) on random calendars, starts and durations. Deterministic seed.</summary>
public sealed class WorkingCalendarPropertyTests(ITestOutputHelper output)
{
    private static readonly string[] Zones =
        ["Asia/Shanghai", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Sao_Paulo", "UTC"];

    [Fact]
    public void AddAndBetween_MatchAMinuteByMinuteWalk()
    {
        var random = new Random(20261001);
        var cases = 0;
        for (var c = 0; c < 120; c++)
        {
            var spec = RandomSpec(random, c);
            var cal = WorkingCalendar.Compile(spec, 2025, 2027);
            var weekly = spec.Week.Sum(d => d.Sum(p => (p.End - p.Start).TotalMinutes));
            for (var k = 0; k < 18; k++, cases++)
            {
                var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 365 * 24 * 60));
                var roll = random.NextDouble();
                var max = roll < 0.6 ? 3 * 24 * 60 : roll < 0.9 ? (int)weekly + 1 : (int)(weekly * 3) + 1;
                var minutes = random.Next(0, Math.Max(1, Math.Min(Math.Min(max, (int)(weekly * 3)), 3 * 7 * 24 * 60)));
                var expected = BruteAdd(spec, start, minutes);
                var actual = cal.AddWorkingTime(start, TimeSpan.FromMinutes(minutes));
                if (actual != expected || actual.Offset != TimeZoneInfo.ConvertTime(actual, spec.TimeZone).Offset)
                {
                    Assert.Fail($"AddWorkingTime({start:O}, {minutes} min) = {actual:O}, walk says {expected:O}\n{Describe(spec)}");
                }

                var to = start.AddMinutes(random.Next(-20000, 20000));
                var between = cal.WorkingTimeBetween(start, to);
                var brute = BruteBetween(spec, start, to);
                if (between != TimeSpan.FromMinutes(brute))
                {
                    Assert.Fail($"WorkingTimeBetween({start:O}, {to:O}) = {between}, walk says {brute} min\n{Describe(spec)}");
                }

                if (cal.IsWorkingTime(start) != IsWorking(spec, start))
                {
                    Assert.Fail($"IsWorkingTime({start:O}) = {!IsWorking(spec, start)}\n{Describe(spec)}");
                }
            }
        }

        output.WriteLine($"{cases} random cases agree with the walk.");
    }

    private static WorkingCalendarSpec RandomSpec(Random random, int index)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zones[index % Zones.Length]);
        var week = new IReadOnlyList<WorkingPeriod>[7];
        for (var d = 0; d < 7; d++)
        {
            week[d] = random.NextDouble() < 0.25 ? [] : RandomDay(random);
        }

        if (week.All(d => d.Count == 0))
        {
            week[1] = RandomDay(random);
        }

        var days = new Dictionary<DateOnly, CalendarDayKind>();
        for (var i = random.Next(0, 40); i > 0; i--)
        {
            days[new DateOnly(2026, 1, 1).AddDays(random.Next(0, 400))] =
                random.NextDouble() < 0.7 ? CalendarDayKind.Holiday : CalendarDayKind.MakeUpWorkday;
        }

        return new WorkingCalendarSpec
        {
            Code = "R" + index.ToString(CultureInfo.InvariantCulture),
            TimeZone = zone,
            Week = week,
            Days = days,
            MakeUpHours = random.NextDouble() < 0.3 ? RandomDay(random) : null,
        };
    }

    private static List<WorkingPeriod> RandomDay(Random random)
    {
        // Boundaries on whole minutes, sometimes at 0:00/24:00 or in the small hours where DST changes happen.
        var points = new SortedSet<int>();
        var count = random.Next(1, 3) * 2;
        while (points.Count < count)
        {
            var r = random.NextDouble();
            points.Add(r < 0.15 ? 0 : r < 0.3 ? 1440 : r < 0.5 ? random.Next(0, 300) : random.Next(0, 1441));
        }

        var list = points.ToList();
        var result = new List<WorkingPeriod>();
        for (var i = 0; i < list.Count; i += 2)
        {
            result.Add(new WorkingPeriod(TimeSpan.FromMinutes(list[i]), TimeSpan.FromMinutes(list[i + 1])));
        }

        return result;
    }

    private static bool IsWorking(WorkingCalendarSpec spec, DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, spec.TimeZone).DateTime;
        var time = local.TimeOfDay;
        foreach (var p in spec.PeriodsOn(DateOnly.FromDateTime(local)))
        {
            if (p.Start <= time && time < p.End)
            {
                return true;
            }
        }

        return false;
    }

    private static DateTimeOffset BruteAdd(WorkingCalendarSpec spec, DateTimeOffset start, int minutes)
    {
        var u = start;
        if (minutes == 0)
        {
            while (!IsWorking(spec, u))
            {
                u = u.AddMinutes(1);
            }

            return TimeZoneInfo.ConvertTime(u, spec.TimeZone);
        }

        for (var counted = 0; ; u = u.AddMinutes(1))
        {
            if (IsWorking(spec, u) && ++counted == minutes)
            {
                return TimeZoneInfo.ConvertTime(u.AddMinutes(1), spec.TimeZone);
            }
        }
    }

    private static int BruteBetween(WorkingCalendarSpec spec, DateTimeOffset from, DateTimeOffset to)
    {
        var (a, b, sign) = from <= to ? (from, to, 1) : (to, from, -1);
        var n = 0;
        for (var u = a; u < b; u = u.AddMinutes(1))
        {
            n += IsWorking(spec, u) ? 1 : 0;
        }

        return sign * n;
    }

    private static string Describe(WorkingCalendarSpec spec)
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"calendar {spec.Code} in {spec.TimeZone.Id}\n");
        for (var d = 0; d < 7; d++)
        {
            s.Append(CultureInfo.InvariantCulture, $"  {(DayOfWeek)d}: {string.Join(", ", spec.Week[d].Select(p => $"{p.Start:hh\\:mm}-{p.End:d\\.hh\\:mm}"))}\n");
        }

        s.Append(CultureInfo.InvariantCulture, $"  make-up hours: {string.Join(", ", spec.DefaultMakeUpHours().Select(p => $"{p.Start:hh\\:mm}-{p.End:d\\.hh\\:mm}"))}\n");
        s.Append(CultureInfo.InvariantCulture, $"  days: {string.Join(", ", spec.Days.OrderBy(d => d.Key).Select(d => $"{d.Key:yyyy-MM-dd} {d.Value}"))}");
        return s.ToString();
    }
}
