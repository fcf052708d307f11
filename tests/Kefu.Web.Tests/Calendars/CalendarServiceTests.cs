using Kefu.Core.Calendars;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Calendars;

public abstract class CalendarServiceTests(KefuApp app)
{
    private static DateTimeOffset Cst(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.FromHours(8));

    private async Task<T> WithCalendarsAsync<T>(Func<CalendarService, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CalendarService>());
    }

    [Fact]
    public async Task ShippedDefault_CnStd_KnowsNationalDayAndMakeUpDays()
    {
        var cal = await WithCalendarsAsync(s => s.ByCodeAsync("CN-STD", CancellationToken.None));
        Assert.NotNull(cal);
        Assert.Equal("Asia/Shanghai", cal.TimeZone.Id);
        Assert.False(cal.IsAlwaysOpen);

        // Wed 30 Sep 2026 17:00 + 4 h: 1.5 h Wednesday, 1–7 Oct off, Thu 8 Oct 9:00 + 2.5 h → 11:30.
        Assert.Equal(Cst(2026, 10, 8, 11, 30), cal.AddWorkingTime(Cst(2026, 9, 30, 17), TimeSpan.FromHours(4)));

        // Sat 10 Oct 2026 is a make-up workday.
        Assert.True(cal.IsWorkingTime(Cst(2026, 10, 10, 10)));
    }

    [Fact]
    public async Task ShippedAlwaysOpen_IsTwentyFourSeven()
    {
        var cal = await WithCalendarsAsync(s => s.ByCodeAsync("24x7", CancellationToken.None));
        Assert.NotNull(cal);
        Assert.True(cal.IsAlwaysOpen);
        Assert.Equal(Cst(2026, 10, 2, 1), cal.AddWorkingTime(Cst(2026, 10, 1, 23), TimeSpan.FromHours(2)));
    }

    [Fact]
    public async Task UnknownCode_IsNull_AndUnassignedUnit_GetsCnStd()
    {
        Assert.Null(await WithCalendarsAsync(s => s.ByCodeAsync("NOPE", CancellationToken.None)));
        Assert.Equal("CN-STD", (await WithCalendarsAsync(s => s.ForUnitAsync(null, CancellationToken.None))).Code);
        Assert.Equal("CN-STD", (await WithCalendarsAsync(s => s.ForUnitAsync(app.Org.WcB, CancellationToken.None))).Code);
    }

    [Fact]
    public async Task Compiled_IsCachedUntilTheVersionChanges()
    {
        var first = await WithCalendarsAsync(s => s.ByCodeAsync("CN-STD", CancellationToken.None));
        var second = await WithCalendarsAsync(s => s.ByCodeAsync("CN-STD", CancellationToken.None));
        Assert.Same(first, second);
    }
}

public sealed class CalendarServiceSqliteTests(SqliteApp app) : CalendarServiceTests(app), IClassFixture<SqliteApp>;

public sealed class CalendarServicePostgresTests(PostgresApp app) : CalendarServiceTests(app), IClassFixture<PostgresApp>;
