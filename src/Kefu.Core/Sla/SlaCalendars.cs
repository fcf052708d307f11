namespace Kefu.Core.Sla;

/// <summary>Working-time arithmetic on UTC instants, as the SLA clocks need it.</summary>
public interface ISlaCalendar
{
    string Code { get; }

    /// <summary>The instant after <paramref name="work"/> of working time from <paramref name="startUtc"/>.</summary>
    DateTime Add(DateTime startUtc, TimeSpan work);

    /// <summary>The working time between two instants (zero when <paramref name="toUtc"/> is not after <paramref name="fromUtc"/>).</summary>
    TimeSpan Between(DateTime fromUtc, DateTime toUtc);
}

/// <summary>Which calendar a responsibility centre works by.</summary>
public interface ISlaCalendars
{
    Task<ISlaCalendar> ForUnitAsync(Guid unitId, CancellationToken ct);
}

/// <summary>A 24×7 calendar: working time is wall time.</summary>
public sealed class AlwaysOpenSlaCalendar : ISlaCalendar
{
    public static readonly AlwaysOpenSlaCalendar Instance = new();

    public string Code => "24x7";

    public DateTime Add(DateTime startUtc, TimeSpan work) => startUtc + work;

    public TimeSpan Between(DateTime fromUtc, DateTime toUtc) => toUtc > fromUtc ? toUtc - fromUtc : TimeSpan.Zero;
}

/// <summary>The business calendar of a responsibility centre (SLA-2): its own, the nearest ancestor's, else CN-STD.</summary>
public sealed class BusinessSlaCalendars(Calendars.CalendarService calendars) : ISlaCalendars
{
    public async Task<ISlaCalendar> ForUnitAsync(Guid unitId, CancellationToken ct) => new Business(await calendars.ForUnitAsync(unitId, ct));

    private sealed class Business(Calendars.WorkingCalendar calendar) : ISlaCalendar
    {
        public string Code => calendar.Code;

        public DateTime Add(DateTime startUtc, TimeSpan work) =>
            calendar.AddWorkingTime(new DateTimeOffset(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc)), work).UtcDateTime;

        public TimeSpan Between(DateTime fromUtc, DateTime toUtc) => toUtc <= fromUtc
            ? TimeSpan.Zero
            : calendar.WorkingTimeBetween(
                new DateTimeOffset(DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc)), new DateTimeOffset(DateTime.SpecifyKind(toUtc, DateTimeKind.Utc)));
    }
}
