using Kefu.Core.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Core.Tests.Common;

public class BusinessDateTests
{
    private sealed class At(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static BusinessDate Shanghai(DateTimeOffset now) => new(new At(now), BusinessDate.FindZone(null));

    [Theory]
    [InlineData("2026-09-14T15:59:59.9999999Z", "2026-09-14")] // 23:59:59.9999999 in Shanghai
    [InlineData("2026-09-14T16:00:00Z", "2026-09-15")] // midnight in Shanghai, still the 14th in UTC
    [InlineData("2026-09-14T23:30:00Z", "2026-09-15")] // 07:30 in Shanghai
    [InlineData("2026-09-15T00:00:00Z", "2026-09-15")] // midnight UTC is 08:00 in Shanghai
    [InlineData("2026-12-31T16:00:00Z", "2027-01-01")] // the year turns in Shanghai first
    public void Today_InShanghai_TurnsAtLocalMidnight(string utc, string expected)
    {
        var dates = Shanghai(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), dates.Today());
    }

    [Fact]
    public void StartOf_ADay_IsLocalMidnightInUtc_AndDateOfGivesTheDayBack()
    {
        var dates = Shanghai(DateTimeOffset.UnixEpoch);
        var day = new DateOnly(2026, 9, 15);
        var start = dates.StartOf(day);
        Assert.Equal(new DateTime(2026, 9, 14, 16, 0, 0, DateTimeKind.Utc), start);
        Assert.Equal(day, dates.DateOf(start));
        Assert.Equal(day.AddDays(-1), dates.DateOf(start.AddTicks(-1)));
        Assert.Equal(new DateTime(2026, 9, 15, 1, 0, 0, DateTimeKind.Utc), dates.ToUtc(day, new TimeOnly(9, 0)));
    }

    [Fact]
    public void Registration_ReadsTheZoneFromKefuTimeZone_AndDefaultsToShanghai()
    {
        static BusinessDate Resolve(string? zone)
        {
            var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [BusinessDate.ConfigKey] = zone }).Build();
            var services = new ServiceCollection().AddSingleton<IConfiguration>(config)
                .AddSingleton<TimeProvider>(new At(new DateTimeOffset(2026, 9, 14, 23, 30, 0, TimeSpan.Zero))).AddBusinessDate();
            return services.BuildServiceProvider().GetRequiredService<BusinessDate>();
        }

        Assert.Equal(new DateOnly(2026, 9, 15), Resolve(null).Today());
        Assert.Equal(new DateOnly(2026, 9, 14), Resolve("UTC").Today());
        Assert.Equal(new DateOnly(2026, 9, 14), Resolve("America/New_York").Today()); // 19:30 on the 14th
        Assert.Throws<InvalidOperationException>(() => Resolve("Mars/Olympus"));
    }
}
