namespace Kefu.Core.Calendars;

/// <summary>What a date is in a calendar beyond its weekday: a public holiday (closed) or a make-up workday (调休, open).</summary>
public enum CalendarDayKind
{
    Holiday = 0,
    MakeUpWorkday = 1,
}

/// <summary>A span of working time within one local day, as wall-clock times from midnight (end may be 24:00).</summary>
public readonly record struct WorkingPeriod(TimeSpan Start, TimeSpan End)
{
    public static WorkingPeriod Of(int startHour, int startMinute, int endHour, int endMinute) =>
        new(new TimeSpan(startHour, startMinute, 0), new TimeSpan(endHour, endMinute, 0));
}

/// <summary>Everything a <see cref="WorkingCalendar"/> is compiled from.</summary>
public sealed class WorkingCalendarSpec
{
    public required string Code { get; init; }

    public required TimeZoneInfo TimeZone { get; init; }

    /// <summary>Working periods per weekday, indexed by <see cref="DayOfWeek"/> (Sunday = 0); sorted, disjoint, within 0–24 h.</summary>
    public required IReadOnlyList<IReadOnlyList<WorkingPeriod>> Week { get; init; }

    /// <summary>Holidays and make-up workdays by local date.</summary>
    public IReadOnlyDictionary<DateOnly, CalendarDayKind> Days { get; init; } = new Dictionary<DateOnly, CalendarDayKind>();

    /// <summary>The hours of a make-up workday; by default those of the first weekday from Monday that has hours.</summary>
    public IReadOnlyList<WorkingPeriod>? MakeUpHours { get; init; }

    /// <summary>The periods of a local date under this spec (the rule the compiled table and tests share).</summary>
    public IReadOnlyList<WorkingPeriod> PeriodsOn(DateOnly date)
    {
        if (Days.TryGetValue(date, out var kind))
        {
            return kind == CalendarDayKind.Holiday ? [] : DefaultMakeUpHours();
        }

        return Week[(int)date.DayOfWeek];
    }

    public IReadOnlyList<WorkingPeriod> DefaultMakeUpHours()
    {
        if (MakeUpHours is { } h)
        {
            return h;
        }

        for (var i = 1; i <= 7; i++)
        {
            var day = Week[i % 7];
            if (day.Count > 0)
            {
                return day;
            }
        }

        return [];
    }
}

/// <summary>
/// A business calendar compiled into a sorted table of working intervals in UTC ticks with running totals, so
/// <see cref="AddWorkingTime"/> and <see cref="WorkingTimeBetween"/> are two binary searches whatever the duration.
/// Hours are wall-clock hours in <see cref="TimeZone"/>: an instant is working time when its local time falls in the
/// periods of its local date (so a DST gap shortens a day and a repeated hour lengthens it). Immutable and thread-safe.
/// </summary>
public sealed class WorkingCalendar
{
    /// <summary>The years compiled by default; instants outside them are rejected.</summary>
    public const int DefaultFirstYear = 2000;

    public const int DefaultLastYear = 2100;

    private readonly long[] starts;
    private readonly long[] ends;
    private readonly long[] cumulativeEnds;   // working ticks from the table start to the end of interval i
    private readonly int[] startOffsets;       // zone offset (seconds) inside interval i
    private readonly int[] endOffsets;         // zone offset (seconds) at the end instant of interval i
    private readonly int[] dayIndex;           // per UTC day from minTicks' day: the first interval starting on or after it
    private readonly long firstDayTicks;
    private readonly long minTicks;
    private readonly long maxTicks;

    private WorkingCalendar(string code, TimeZoneInfo zone, bool alwaysOpen)
    {
        Code = code;
        TimeZone = zone;
        IsAlwaysOpen = alwaysOpen;
        starts = ends = cumulativeEnds = [];
        startOffsets = endOffsets = dayIndex = [];
    }

    private WorkingCalendar(
        string code, TimeZoneInfo zone, long[] starts, long[] ends, int[] startOffsets, int[] endOffsets, long minTicks, long maxTicks)
        : this(code, zone, false)
    {
        this.starts = starts;
        this.ends = ends;
        this.startOffsets = startOffsets;
        this.endOffsets = endOffsets;
        this.minTicks = minTicks;
        this.maxTicks = maxTicks;
        cumulativeEnds = new long[starts.Length];
        long total = 0;
        for (var i = 0; i < starts.Length; i++)
        {
            total += ends[i] - starts[i];
            cumulativeEnds[i] = total;
        }

        firstDayTicks = minTicks - (minTicks % TimeSpan.TicksPerDay);
        var days = (int)(((maxTicks - firstDayTicks) / TimeSpan.TicksPerDay) + 2);
        dayIndex = new int[days + 1];
        var k = 0;
        for (var d = 0; d <= days; d++)
        {
            var dayStart = firstDayTicks + (d * TimeSpan.TicksPerDay);
            while (k < starts.Length && starts[k] < dayStart)
            {
                k++;
            }

            dayIndex[d] = k;
        }
    }

    public string Code { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>Open 24×7: working time is elapsed time.</summary>
    public bool IsAlwaysOpen { get; }

    /// <summary>The first instant (inclusive) the calendar can answer for.</summary>
    public DateTimeOffset RangeStart => new(IsAlwaysOpen ? DateTime.MinValue.Ticks : minTicks, TimeSpan.Zero);

    /// <summary>The last instant (exclusive) the calendar can answer for.</summary>
    public DateTimeOffset RangeEnd => new(IsAlwaysOpen ? DateTime.MaxValue.Ticks : maxTicks, TimeSpan.Zero);

    public static WorkingCalendar AlwaysOpen(string code, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(zone);
        return new WorkingCalendar(code, zone, true);
    }

    /// <summary>Compiles a calendar for the local dates of <paramref name="firstYear"/> to <paramref name="lastYear"/>.</summary>
    public static WorkingCalendar Compile(WorkingCalendarSpec spec, int firstYear = DefaultFirstYear, int lastYear = DefaultLastYear)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Week.Count != 7)
        {
            throw new ArgumentException("The week needs seven days.", nameof(spec));
        }

        if (firstYear < 1900 || lastYear > 9000 || lastYear < firstYear)
        {
            throw new ArgumentOutOfRangeException(nameof(firstYear));
        }

        for (var d = 0; d < 7; d++)
        {
            CheckPeriods(spec.Week[d]);
        }

        CheckPeriods(spec.DefaultMakeUpHours());

        var zone = spec.TimeZone;
        var firstDate = new DateOnly(firstYear, 1, 1);
        var endDate = new DateOnly(lastYear + 1, 1, 1);
        var segments = OffsetSegments(zone, firstDate.ToDateTime(TimeOnly.MinValue).Ticks - (2 * TimeSpan.TicksPerDay),
            endDate.ToDateTime(TimeOnly.MinValue).Ticks + (2 * TimeSpan.TicksPerDay));

        var pieces = new List<(long Start, long End, int Offset, int EndOffset)>(((lastYear - firstYear) + 1) * 300);
        var seg = 0;
        for (var date = firstDate; date < endDate; date = date.AddDays(1))
        {
            var midnight = date.ToDateTime(TimeOnly.MinValue).Ticks;
            foreach (var p in spec.PeriodsOn(date))
            {
                var l1 = midnight + p.Start.Ticks;
                var l2 = midnight + p.End.Ticks;
                while (seg < segments.Count - 1 && segments[seg].End <= l1 - (15 * TimeSpan.TicksPerHour))
                {
                    seg++;
                }

                for (var k = seg; k < segments.Count && segments[k].Start < l2 + (15 * TimeSpan.TicksPerHour); k++)
                {
                    var (s, e, o) = segments[k];
                    var a = Math.Max(s, l1 - o);
                    var b = Math.Min(e, l2 - o);
                    if (a < b)
                    {
                        var endOffset = b < e || k + 1 >= segments.Count ? o : segments[k + 1].Offset;
                        pieces.Add((a, b, (int)(o / TimeSpan.TicksPerSecond), (int)(endOffset / TimeSpan.TicksPerSecond)));
                    }
                }
            }
        }

        pieces.Sort((x, y) => x.Start.CompareTo(y.Start));
        var n = pieces.Count;
        var st = new long[n];
        var en = new long[n];
        var so = new int[n];
        var eo = new int[n];
        for (var i = 0; i < n; i++)
        {
            (st[i], en[i], so[i], eo[i]) = pieces[i];
        }

        // The table answers for instants whose local date is inside the compiled years in every offset of the zone.
        var minTicks = firstDate.ToDateTime(TimeOnly.MinValue).Ticks + (15 * TimeSpan.TicksPerHour);
        var maxTicks = endDate.ToDateTime(TimeOnly.MinValue).Ticks - (15 * TimeSpan.TicksPerHour);
        return new WorkingCalendar(spec.Code, zone, st, en, so, eo, minTicks, maxTicks);
    }

    /// <summary>The instant when <paramref name="work"/> working time has elapsed after <paramref name="start"/>, in the calendar's zone.
    /// With zero work: <paramref name="start"/> when it is working time, else the next opening. Work that ends exactly when a
    /// period closes is due at the closing time.</summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan work)
    {
        if (work < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(work), "Working time cannot be negative.");
        }

        if (IsAlwaysOpen)
        {
            return TimeZoneInfo.ConvertTime(start + work, TimeZone);
        }

        var t = Check(start.UtcTicks, nameof(start));
        var i = LastStartAtOrBefore(t);
        long before;
        if (i >= 0 && t < ends[i])
        {
            if (work.Ticks == 0)
            {
                return At(t, startOffsets[i]);
            }

            before = cumulativeEnds[i] - (ends[i] - t);
        }
        else
        {
            before = i >= 0 ? cumulativeEnds[i] : 0;
            if (work.Ticks == 0)
            {
                if (i + 1 >= starts.Length)
                {
                    throw OutOfRange(nameof(work));
                }

                return At(starts[i + 1], startOffsets[i + 1]);
            }
        }

        var target = before + work.Ticks;
        var j = FirstCumulativeEndAtLeast(target, Math.Max(i, 0));
        if (j >= starts.Length)
        {
            throw OutOfRange(nameof(work));
        }

        var due = ends[j] - (cumulativeEnds[j] - target);
        return At(due, due < ends[j] ? startOffsets[j] : endOffsets[j]);
    }

    /// <summary>Working time in [from, to); negative when <paramref name="to"/> is before <paramref name="from"/>.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (IsAlwaysOpen)
        {
            return to - from;
        }

        var a = Check(from.UtcTicks, nameof(from));
        var b = Check(to.UtcTicks, nameof(to));
        return new TimeSpan(CumulativeAt(b) - CumulativeAt(a));
    }

    public bool IsWorkingTime(DateTimeOffset at)
    {
        if (IsAlwaysOpen)
        {
            return true;
        }

        var t = Check(at.UtcTicks, nameof(at));
        var i = LastStartAtOrBefore(t);
        return i >= 0 && t < ends[i];
    }

    private long CumulativeAt(long t)
    {
        var i = LastStartAtOrBefore(t);
        if (i < 0)
        {
            return 0;
        }

        return t < ends[i] ? cumulativeEnds[i] - (ends[i] - t) : cumulativeEnds[i];
    }

    private int LastStartAtOrBefore(long t)
    {
        // Intervals starting at or before t are those before the first one starting after t: search only within t's UTC day.
        var d = (int)((t - firstDayTicks) / TimeSpan.TicksPerDay);
        int lo = dayIndex[d], hi = dayIndex[d + 1];
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (starts[mid] <= t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo - 1;
    }

    private int FirstCumulativeEndAtLeast(long target, int from)
    {
        // Targets of minutes to days end a few intervals on: look ahead linearly first, then bisect the rest.
        var stop = Math.Min(from + 8, cumulativeEnds.Length);
        for (; from < stop; from++)
        {
            if (cumulativeEnds[from] >= target)
            {
                return from;
            }
        }

        int lo = from, hi = cumulativeEnds.Length;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (cumulativeEnds[mid] < target)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private long Check(long utcTicks, string name) =>
        utcTicks < minTicks || utcTicks > maxTicks ? throw OutOfRange(name) : utcTicks;

    private ArgumentOutOfRangeException OutOfRange(string name) =>
        new(name, $"Calendar {Code} answers for {RangeStart:yyyy-MM-dd} to {RangeEnd:yyyy-MM-dd} only.");

    private static DateTimeOffset At(long utcTicks, int offsetSeconds)
    {
        var offset = offsetSeconds * TimeSpan.TicksPerSecond;
        return new DateTimeOffset(utcTicks + offset, new TimeSpan(offset));
    }

    private static void CheckPeriods(IReadOnlyList<WorkingPeriod> periods)
    {
        var previousEnd = TimeSpan.Zero;
        foreach (var p in periods)
        {
            if (p.Start < previousEnd || p.End <= p.Start || p.End > TimeSpan.FromDays(1))
            {
                throw new ArgumentException("Working periods must be sorted, disjoint, and within the day.", nameof(periods));
            }

            previousEnd = p.End;
        }
    }

    /// <summary>Constant-offset stretches of UTC ticks [Start, End) with the zone's offset in ticks, found by stepping a day at a
    /// time and bisecting each change to the second.</summary>
    private static List<(long Start, long End, long Offset)> OffsetSegments(TimeZoneInfo zone, long from, long to)
    {
        static long OffsetAt(TimeZoneInfo z, long ticks) => z.GetUtcOffset(new DateTime(ticks, DateTimeKind.Utc)).Ticks;

        var result = new List<(long, long, long)>();
        var segStart = from;
        var offset = OffsetAt(zone, from);
        for (var t = from; t < to;)
        {
            var next = Math.Min(t + TimeSpan.TicksPerDay, to);
            var o = OffsetAt(zone, next);
            if (o != offset)
            {
                // Bisect (t, next] to the first second with the new offset.
                long lo = t / TimeSpan.TicksPerSecond, hi = next / TimeSpan.TicksPerSecond;
                while (hi - lo > 1)
                {
                    var mid = lo + ((hi - lo) / 2);
                    if (OffsetAt(zone, mid * TimeSpan.TicksPerSecond) == offset)
                    {
                        lo = mid;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                var change = hi * TimeSpan.TicksPerSecond;
                result.Add((segStart, change, offset));
                segStart = change;
                offset = OffsetAt(zone, change);
            }

            t = next;
        }

        result.Add((segStart, to, offset));
        return result;
    }
}
