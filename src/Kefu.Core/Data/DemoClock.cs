namespace Kefu.Core.Data;

/// <summary>
/// The clock the demo writes its history with: the app's own time moved back to when a step of the story happened, so requests,
/// status changes, SLA clocks and notifications carry plausible instants (created three days ago, breached since yesterday).
/// It is handed only to the services the demo builds for itself; the app's <see cref="TimeProvider"/> is never changed.
/// </summary>
public sealed class DemoClock(TimeProvider real, TimeZoneInfo zone) : TimeProvider
{
    private DateTimeOffset? at;

    /// <summary>The app's real "now", which the demo story ends at.</summary>
    public DateTimeOffset RealNow => real.GetUtcNow();

    /// <summary>The real calendar day in China, which the demo story's dates are counted from.</summary>
    public DateOnly RealToday => new Common.BusinessDate(real, zone).Today();

    /// <summary>The business dates as of this clock (for the services the demo builds).</summary>
    public Common.BusinessDate Dates => new(this, zone);

    /// <summary>A local time of a business day as a UTC instant.</summary>
    public DateTime ToUtc(DateOnly day, TimeOnly at) => Dates.ToUtc(day, at);

    public override DateTimeOffset GetUtcNow() => at ?? real.GetUtcNow();

    /// <summary>Makes "now" the given instant (never later than the real now) until the next call.</summary>
    public void Set(DateTimeOffset instant)
    {
        var now = real.GetUtcNow();
        at = instant > now ? now : instant;
    }

    /// <summary>Back to the real time.</summary>
    public void Reset() => at = null;
}
