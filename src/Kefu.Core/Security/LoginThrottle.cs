using System.Collections.Concurrent;

namespace Kefu.Core.Security;

public sealed class LoginThrottleOptions
{
    /// <summary>Failed attempts of one user name from one address before it has to wait.</summary>
    public int FreeAttempts { get; set; } = 5;

    /// <summary>The first wait; every further failure doubles it, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Counts failed sign-ins per (user name, client address) and makes that pair wait with exponential back-off, so
/// guessing from one address slows down while the user signs in from any other address as usual: nobody can lock
/// another person's account. It applies to unknown user names alike (no difference tells which names exist).
/// Kept in memory per node, like the per-address rate limit in front of it; a success clears the pair.
/// </summary>
public sealed class LoginThrottle(TimeProvider time, LoginThrottleOptions options)
{
    private const int PurgeAbove = 10_000;
    private readonly ConcurrentDictionary<(string User, string Address), Entry> entries = new();

    /// <summary>How long the pair still has to wait (zero when it may try now), and its failures so far.</summary>
    public (TimeSpan Wait, int Failures) Check(string userName, string clientAddress)
    {
        if (!entries.TryGetValue(Key(userName, clientAddress), out var e))
        {
            return (TimeSpan.Zero, 0);
        }

        var wait = e.BlockedUntil - time.GetUtcNow();
        return (wait > TimeSpan.Zero ? wait : TimeSpan.Zero, e.Failures);
    }

    /// <summary>Counts a failure; returns the failures of the pair so far.</summary>
    public int Failed(string userName, string clientAddress)
    {
        var now = time.GetUtcNow();
        if (entries.Count > PurgeAbove)
        {
            Purge(now);
        }

        var e = entries.AddOrUpdate(
            Key(userName, clientAddress),
            _ => Next(0, now),
            (_, old) => Next(old.Failures, now));
        return e.Failures;
    }

    public void Succeeded(string userName, string clientAddress) => entries.TryRemove(Key(userName, clientAddress), out _);

    private Entry Next(int failures, DateTimeOffset now)
    {
        var count = failures + 1;
        var over = count - options.FreeAttempts;
        if (over < 0)
        {
            return new Entry(count, now, DateTimeOffset.MinValue);
        }

        var delay = TimeSpan.FromTicks(Math.Min(options.MaxDelay.Ticks, options.FirstDelay.Ticks * (1L << Math.Min(over, 20))));
        return new Entry(count, now, now + delay);
    }

    private void Purge(DateTimeOffset now)
    {
        foreach (var (key, e) in entries)
        {
            if (e.BlockedUntil < now && e.LastFailure < now - options.MaxDelay)
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    private static (string, string) Key(string userName, string clientAddress) =>
        (userName.Trim().ToUpperInvariant(), clientAddress);

    private sealed record Entry(int Failures, DateTimeOffset LastFailure, DateTimeOffset BlockedUntil);
}
