using Kefu.Core.Common;

namespace Kefu.Core.Calendars;

/// <summary>A business calendar (SLA-2): weekly working hours or 24×7, a time zone, the holiday sets it follows and the
/// organisation units it is assigned to.</summary>
public sealed class BusinessCalendar : IVersioned
{
    private readonly List<CalendarDayHours> hours = [];
    private readonly List<CalendarHolidaySet> holidaySets = [];
    private readonly List<CalendarUnit> units = [];

    private BusinessCalendar()
    {
        Code = "";
        NameZh = "";
        NameEn = "";
        TimeZoneId = "";
    }

    public Guid Id { get; private set; }

    public string Code { get; private set; }

    public string NameZh { get; private set; }

    public string NameEn { get; private set; }

    /// <summary>An IANA time zone id, e.g. Asia/Shanghai.</summary>
    public string TimeZoneId { get; private set; }

    public bool IsAlwaysOpen { get; private set; }

    /// <summary>Incremented on every edit, so an edit of the hours or links alone still bumps <see cref="Version"/>.</summary>
    public int Revision { get; private set; }

    public int Version { get; private set; }

    /// <summary>Seven rows, one per weekday.</summary>
    public IReadOnlyList<CalendarDayHours> Hours => hours;

    public IReadOnlyList<CalendarHolidaySet> HolidaySets => holidaySets;

    public IReadOnlyList<CalendarUnit> Units => units;

    public void BumpVersion() => Version++;

    internal static BusinessCalendar Create(string code, ValidCalendar input)
    {
        var c = new BusinessCalendar { Id = Guid.CreateVersion7(), Code = code };
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            c.hours.Add(new CalendarDayHours(c.Id, day));
        }

        c.Apply(input);
        return c;
    }

    internal void Apply(ValidCalendar input)
    {
        NameZh = input.NameZh;
        NameEn = input.NameEn;
        TimeZoneId = input.TimeZoneId;
        IsAlwaysOpen = input.IsAlwaysOpen;
        Revision++;
        foreach (var row in hours)
        {
            row.Set(input.Week[(int)row.Day]);
        }

        holidaySets.RemoveAll(s => !input.HolidaySetIds.Contains(s.HolidaySetId));
        foreach (var id in input.HolidaySetIds.Where(id => holidaySets.All(s => s.HolidaySetId != id)))
        {
            holidaySets.Add(new CalendarHolidaySet(Id, id));
        }

        units.RemoveAll(u => !input.UnitIds.Contains(u.UnitId));
        foreach (var id in input.UnitIds.Where(id => units.All(u => u.UnitId != id)))
        {
            units.Add(new CalendarUnit(Id, id));
        }
    }
}

/// <summary>Validated hours of one weekday: closed (null) or open from Start to End minutes with an optional break.</summary>
public sealed record DayHours(int StartMinute, int EndMinute, int? BreakStartMinute, int? BreakEndMinute)
{
    public IReadOnlyList<WorkingPeriod> Periods() =>
        BreakStartMinute is int bs && BreakEndMinute is int be
            ? [Period(StartMinute, bs), Period(be, EndMinute)]
            : [Period(StartMinute, EndMinute)];

    private static WorkingPeriod Period(int from, int to) => new(TimeSpan.FromMinutes(from), TimeSpan.FromMinutes(to));
}

/// <summary>The input of a calendar edit after validation.</summary>
public sealed record ValidCalendar(
    string NameZh, string NameEn, string TimeZoneId, bool IsAlwaysOpen, IReadOnlyList<DayHours?> Week,
    IReadOnlySet<Guid> HolidaySetIds, IReadOnlySet<Guid> UnitIds);

/// <summary>The working hours of one weekday in minutes from local midnight (end up to 1440 = 24:00).</summary>
public sealed class CalendarDayHours
{
    private CalendarDayHours()
    {
    }

    internal CalendarDayHours(Guid calendarId, DayOfWeek day)
    {
        Id = Guid.CreateVersion7();
        CalendarId = calendarId;
        Day = day;
    }

    public Guid Id { get; private set; }

    public Guid CalendarId { get; private set; }

    public DayOfWeek Day { get; private set; }

    public bool IsOpen { get; private set; }

    public int StartMinute { get; private set; }

    public int EndMinute { get; private set; }

    public int? BreakStartMinute { get; private set; }

    public int? BreakEndMinute { get; private set; }

    public DayHours? ToDayHours() => IsOpen ? new DayHours(StartMinute, EndMinute, BreakStartMinute, BreakEndMinute) : null;

    internal void Set(DayHours? h)
    {
        IsOpen = h is not null;
        StartMinute = h?.StartMinute ?? 0;
        EndMinute = h?.EndMinute ?? 0;
        BreakStartMinute = h?.BreakStartMinute;
        BreakEndMinute = h?.BreakEndMinute;
    }
}

/// <summary>A holiday set a calendar follows.</summary>
public sealed class CalendarHolidaySet
{
    private CalendarHolidaySet()
    {
    }

    internal CalendarHolidaySet(Guid calendarId, Guid holidaySetId)
    {
        CalendarId = calendarId;
        HolidaySetId = holidaySetId;
    }

    public Guid CalendarId { get; private set; }

    public Guid HolidaySetId { get; private set; }
}

/// <summary>An organisation unit (typically a responsibility centre) whose requests follow the calendar; a unit has at most one.</summary>
public sealed class CalendarUnit
{
    private CalendarUnit()
    {
    }

    internal CalendarUnit(Guid calendarId, Guid unitId)
    {
        CalendarId = calendarId;
        UnitId = unitId;
    }

    public Guid CalendarId { get; private set; }

    public Guid UnitId { get; private set; }
}
