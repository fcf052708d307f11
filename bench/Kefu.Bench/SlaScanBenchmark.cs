using System.Diagnostics;
using System.Globalization;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Kefu.Core.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kefu.Bench;

/// <summary>
/// Fills an empty PostgreSQL database with open service requests, each with a running resolution clock (set-based), then
/// times the SLA scan (warnings and breaches) next to a baseline <c>SELECT count(*)</c> of the running clocks.
/// About 1 in 10,000 clocks falls due in each measured run, so every run warns and breaches a few clocks as production would.
/// </summary>
internal sealed class SlaScanBenchmark(DatabaseOptions options, int count, int reps)
{
    private const int Batch = 100_000;

    public async Task RunAsync()
    {
        if (options.Provider != DatabaseProvider.PostgreSql)
        {
            throw new InvalidOperationException("sla-scan runs on PostgreSQL (the cluster database).");
        }

        var clock = new BenchClock(TimeProvider.System.GetUtcNow());
        await using var services = BuildServices(clock);
        var existing = await PrepareAsync(services);
        if (existing == 0)
        {
            var watch = Stopwatch.StartNew();
            await GenerateAsync(services, clock.GetUtcNow().UtcDateTime);
            Console.WriteLine($"\rgenerated {count:N0} open requests with a running clock each in {watch.Elapsed.TotalSeconds:F1} s");
        }
        else
        {
            Console.WriteLine($"The database already holds {existing:N0} clocks: generation skipped, measuring those.");
            count = existing;
        }

        Console.WriteLine($"{options.Provider}, {count:N0} running clocks, median of {reps} runs after one warm-up; each run moves the clock on 1 minute");
        var baseline = await MeasureAsync(services, clock, async sp =>
            (await sp.GetRequiredService<KefuDb>().Set<SlaClock>().CountAsync(c => c.State == SlaClockState.Running), ""));
        var scan = await MeasureAsync(services, clock, async sp =>
        {
            var result = await sp.GetRequiredService<SlaScanner>().ScanAsync();
            return (result.Warned + result.Breached, $"{result.Warned} warned, {result.Breached} breached");
        });

        Console.WriteLine();
        Console.WriteLine($"| {"measurement",-62} | {"median ms",10} | {"× baseline",10} |");
        Console.WriteLine($"|{new string('-', 64)}|{new string('-', 12)}|{new string('-', 12)}|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {"(a) baseline: count(*) of running clocks = " + baseline.Rows.ToString("N0", CultureInfo.InvariantCulture),-62} | {baseline.Ms,10:F2} | {1.0,10:F2} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {"(b) sla-scan, one run (" + scan.Note + ")",-62} | {scan.Ms,10:F2} | {scan.Ms / baseline.Ms,10:F2} |"));
    }

    private ServiceProvider BuildServices(BenchClock clock)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<ICallerAccessor>(new FixedCallerAccessor(Caller.System with { UserName = "bench" }));
        services.AddKefuCore(options);
        services.AddIdentityCore<User>().AddRoles<Role>().AddEntityFrameworkStores<KefuDb>();
        return services.BuildServiceProvider();
    }

    private static async Task<int> PrepareAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var boot = scope.ServiceProvider.GetRequiredService<Bootstrapper>();
        await boot.MigrateAsync();
        await boot.EnsureAdministratorAsync(null, null);
        await scope.ServiceProvider.GetRequiredService<DemoData>().EnsureOrganisationAsync(Bootstrapper.GeneratePassword());
        return await scope.ServiceProvider.GetRequiredService<KefuDb>().Set<SlaClock>().CountAsync();
    }

    /// <summary>
    /// The demo organisation's Shanghai centre and 1,000 customers, then the requests and their clocks in batches of INSERT … SELECT over
    /// generate_series. Clock i falls due at now + i × 6 seconds (spread over the next months), warning 10 minutes earlier.
    /// </summary>
    private async Task GenerateAsync(ServiceProvider services, DateTime now)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var unit = await db.OrgUnits.Where(u => u.Code == "SH").Select(u => u.Id).SingleAsync();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO customers ("Id", "Number", "Kind", "Name", "NameKey", "Nature", "OrgUnitId", "SourceChannel", "CreatedAt", "UpdatedAt", "Version")
            SELECT gen_random_uuid(), 'B' || lpad(i::text, 8, '0'), 'Person', '客户' || i, '客户' || i, 'Retail', {unit}, 'phone', {now}, {now}, 0
            FROM generate_series(1, 1000) AS i
            """);
        for (var from = 1; from <= count; from += Batch)
        {
            var to = Math.Min(count, from + Batch - 1);
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO service_requests ("Id", "Number", "TypeCode", "Channel", "Phase", "ChargeMode", "PaidInFull", "Urgency", "ShortText",
                    "CustomerId", "ResponsibilityCentreId", "ObjectStreet", "UserStatus", "ApprovalState", "SystemStatus", "CreatedAt", "CreatedByName",
                    "UpdatedAt", "Version", "SlaState", "SlaDueAt", "SlaLevelCode", "GreenChannel", "SlaSortKey")
                SELECT gen_random_uuid(), 'REP-B' || lpad(i::text, 9, '0'), 'REP', 'Phone', 'AfterSale', 'Free', true, 'Normal', '压测',
                    (SELECT c."Id" FROM customers c WHERE c."Number" = 'B' || lpad((1 + i % 1000)::text, 8, '0')), {unit}, '压测路1号', 'XJ', 'None', 'Outstanding',
                    {now}, 'bench', {now}, 0, 'OnTrack', {now} + make_interval(secs => i * 6), 'BASIC', false,
                    '1' || to_char({now} + make_interval(secs => i * 6), 'YYYYMMDDHH24MISS')
                FROM generate_series({from}, {to}) AS i
                """);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO sla_clocks ("Id", "RequestId", "CustomerId", "Kind", "LevelCode", "TargetMinutes", "StartedAt", "DueAt", "WarnAt",
                    "PausedMinutes", "State")
                SELECT gen_random_uuid(), r."Id", r."CustomerId", 'Resolution', 'BASIC', 2850, {now}, r."SlaDueAt",
                    r."SlaDueAt" - interval '10 minutes', 0, 'Running'
                FROM service_requests r
                WHERE r."Number" >= 'REP-B' || lpad({from}::text, 9, '0') AND r."Number" <= 'REP-B' || lpad({to}::text, 9, '0')
                """);
            await tx.CommitAsync();
            Console.Write($"\rgenerated {to:N0} / {count:N0}");
        }

        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }

    /// <summary>Median of <see cref="reps"/> runs after one warm-up; the clock moves on a minute before each run, as the job would.</summary>
    private async Task<(double Ms, int Rows, string Note)> MeasureAsync(
        ServiceProvider services, BenchClock clock, Func<IServiceProvider, Task<(int Rows, string Note)>> action)
    {
        var times = new List<double>();
        (int Rows, string Note) last = (0, "");
        for (var i = 0; i <= reps; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await using var scope = services.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            last = await action(scope.ServiceProvider);
            if (i > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return (times[times.Count / 2], last.Rows, last.Note);
    }

    private sealed class BenchClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
