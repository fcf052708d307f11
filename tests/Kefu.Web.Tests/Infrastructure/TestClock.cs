namespace Kefu.Web.Tests.Infrastructure;

/// <summary>
/// The app's clock in tests: real time that flows, shifted by an offset a test can set, so SLA and schedule logic can be
/// moved to "a Friday afternoon before a holiday" or "three months later" while tokens and timeouts keep working.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Makes "now" the given instant; time flows on from there.</summary>
    public void SetUtcNow(DateTimeOffset now) => Interlocked.Exchange(ref offsetTicks, (now - System.GetUtcNow()).Ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref offsetTicks, 0);
}
