using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Kefu.Core.Classification;
using Kefu.Core.Customers;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Kefu.Core.Transactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kefu.Bench;

/// <summary>
/// <c>classify</c>: fills <c>customers</c> customers and <c>transactions</c> purchases once (kept for re-runs with <c>--reuse</c>),
/// then in the same run times (a) the baseline <c>SELECT customer_id, sum(amount) FROM transactions GROUP BY customer_id</c>,
/// fully read (warmed, best and median of <c>reps</c>), and (b) a full reclassification of all enabled schemes through
/// <see cref="ClassificationRuns.RunNowAsync"/> (the code path of <c>kefu classify</c>), per step: metrics and each scheme.
/// (b) is measured at least three times: "initial" (current classes cleared first, so every customer changes class; with
/// <c>--keep-classes</c> a "catch-up" run over the classes an earlier bench run left instead), "steady" (a re-run over the same data,
/// nothing changes) and <c>nights</c> times "next day" (each after one new purchase for another 1 % of the customers).
/// </summary>
internal sealed class ClassifyBenchmark(DatabaseOptions options, int customers, int transactions, int reps, int nights, bool reuse, bool keepClasses)
{
    public async Task RunAsync()
    {
        KefuDbRegistration.EnsureSqliteFolder(options);
        await using var services = BuildServices();
        await FillAsync(services);

        Console.WriteLine($"load average: {LoadAverage()}");
        var baseline = await BaselineAsync(services);
        var best = baseline.Min();
        var median = Median(baseline);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(a) baseline GROUP BY customer sum over {transactions:N0} transactions: best {best:F2} s, median {median:F2} s ({string.Join(", ", baseline.Select(b => b.ToString("F2", CultureInfo.InvariantCulture)))})"));

        var columns = new List<(string Name, Timing Timing)>();
        if (!keepClasses)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
                db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
                await db.Database.ExecuteSqlRawAsync("DELETE FROM customer_classes");
                await db.Database.ExecuteSqlRawAsync("DELETE FROM class_changes");
                await db.Database.ExecuteSqlRawAsync("DELETE FROM customer_metrics");
            }

            columns.Add(("initial", await ClassifyAsync(services)));
        }
        else
        {
            // The classes of an earlier bench run include its next-day purchases, which it deleted at the end.
            columns.Add(("catch-up", await ClassifyAsync(services)));
        }

        await SettleAsync(services);
        columns.Add(("steady", await ClassifyAsync(services)));
        for (var night = 1; night <= nights; night++)
        {
            await NextDayAsync(services, night);
            columns.Add((nights == 1 ? "next day" : $"next day {night}", await ClassifyAsync(services)));
        }

        Console.WriteLine($"load average: {LoadAverage()}");
        await using (var scope = services.CreateAsyncScope())
        {
            // Leaves the filled data as it was, for --reuse.
            await scope.ServiceProvider.GetRequiredService<KefuDb>().Database.ExecuteSqlRawAsync(
                $"DELETE FROM transactions WHERE \"Reference\" LIKE '{NextDayReference}%'");
        }

        Console.WriteLine();
        Console.WriteLine($"{options.Provider}, {customers:N0} customers, {transactions:N0} transactions; baseline best {best:F2} s");
        Console.WriteLine($"| {"step",-24} |" + string.Concat(columns.Select(c => $" {c.Name + " s",12} | {"changes",10} |")));
        Console.WriteLine($"|{new string('-', 26)}|" + string.Concat(columns.Select(_ => $"{new string('-', 14)}|{new string('-', 12)}|")));
        foreach (var step in columns[0].Timing.Steps.Keys)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step,-24} |")
                + string.Concat(columns.Select(c => c.Timing.Steps.GetValueOrDefault(step)).Select(s => string.Create(CultureInfo.InvariantCulture, $" {s.Seconds,12:F2} | {s.Changes,10:N0} |"))));
        }

        Console.WriteLine($"| {"total",-24} |" + string.Concat(columns.Select(c => string.Create(CultureInfo.InvariantCulture, $" {c.Timing.Total,12:F2} | {"",10} |"))));
        Console.WriteLine($"| {"ratio total / baseline",-24} |" + string.Concat(columns.Select(c => string.Create(CultureInfo.InvariantCulture, $" {c.Timing.Total / best,12:F2} | {"",10} |"))));
    }

    /// <summary>
    /// A day of business between two nightly runs: one new purchase dated today for 1 % of the customers (every 100th by number,
    /// a large one, so that some of them move up a class), written through the bulk writer and committed.
    /// </summary>
    private const string NextDayReference = "BENCH-NEXT-DAY-";

    private static async Task NextDayAsync(ServiceProvider services, int night)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
        var ids = await db.Customers.AsNoTracking().OrderBy(c => c.Number).Select(c => c.Id).ToListAsync();
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime.Date);
        var rows = ids.Where((_, i) => i % 100 == night - 1)
            .Select((id, i) => new TransactionRow(id, today, 500 + (i % 50 * 200), "沙发 x1", SalesChannel.Offline, "微信支付", null, $"{NextDayReference}{night}-{i}"))
            .ToList();
        await using var tx = await db.Database.BeginTransactionAsync();
        await using (var writer = TransactionWriter.Create(db, null, TimeProvider.System.GetUtcNow().UtcDateTime))
        {
            await writer.WriteAsync(rows, CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        await tx.CommitAsync();
        Console.WriteLine($"next day: {rows.Count:N0} new purchases written");
    }

    /// <summary>
    /// Between two nightly runs autovacuum clears the dead rows the first one left (the initial run rewrites millions of class
    /// rows, and the foreign-key checks of its inserts lock every customer row, which leaves every page of <c>customers</c> to be
    /// cleaned); the steady run is measured on a settled database, as it would run the next night, not while autovacuum works.
    /// </summary>
    private async Task SettleAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var clock = Stopwatch.StartNew();
        var settle = options.Provider == DatabaseProvider.PostgreSql ? "VACUUM (ANALYZE)" : "ANALYZE";
        await db.Database.ExecuteSqlRawAsync(settle);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"settled between the runs ({settle}) in {clock.Elapsed.TotalSeconds:F1} s"));
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private async Task<List<double>> BaselineAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
        var sql = new ClassificationSql(db.Database.IsNpgsql());
        var text = $"SELECT \"CustomerId\", SUM({sql.Num("\"Amount\"")}) FROM transactions GROUP BY \"CustomerId\"";
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        if (sql.Postgres)
        {
            // The same session settings as the run's transactions (no JIT), so both sides are measured alike.
            await using var noJit = connection.CreateCommand();
            noJit.CommandText = "SET jit = off";
            await noJit.ExecuteNonQueryAsync();
        }

        var times = new List<double>();
        for (var i = 0; i <= reps; i++)
        {
            var clock = Stopwatch.StartNew();
            var rows = await StreamAsync(connection, text);
            var seconds = clock.Elapsed.TotalSeconds;
            if (i == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline warm-up: {rows:N0} customers with purchases in {seconds:F2} s"));
            }
            else
            {
                times.Add(seconds);
            }
        }

        return times;
    }

    /// <summary>Reads every row to the end (the values too), so nothing is left unevaluated.</summary>
    private static async Task<long> StreamAsync(DbConnection connection, string text)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = text;
        command.CommandTimeout = 3600;
        await using var reader = await command.ExecuteReaderAsync();
        long rows = 0;
        var sum = 0.0;
        while (await reader.ReadAsync())
        {
            rows++;
            sum += Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return double.IsNaN(sum) ? -1 : rows;
    }

    private static async Task<Timing> ClassifyAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var runs = scope.ServiceProvider.GetRequiredService<ClassificationRuns>();
        var steps = new Dictionary<string, (double Seconds, int Changes)>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var started = new Dictionary<string, double>(StringComparer.Ordinal);

        // Schemes may be applied side by side: each is timed from its report as running to its report as done.
        var result = await runs.RunNowAsync(RunTrigger.Cli, null, "bench", run =>
        {
            var now = clock.Elapsed.TotalSeconds;
            if (run.StepsDone > 0 && !steps.ContainsKey("metrics"))
            {
                steps["metrics"] = (now, 0);
            }

            foreach (var s in run.Schemes)
            {
                var key = "scheme " + s.Scheme;
                if (s.State == "running")
                {
                    started.TryAdd(key, now);
                }
                else if (s.State is "succeeded" or "failed" && started.TryGetValue(key, out var start) && !steps.ContainsKey(key))
                {
                    steps[key] = (now - start, 0);
                }
            }
        });
        var total = clock.Elapsed.TotalSeconds;
        if (result.State != RunState.Succeeded)
        {
            throw new InvalidOperationException($"Run {result.State}: {result.Error}");
        }

        foreach (var s in result.Schemes)
        {
            var key = "scheme " + s.Scheme;
            steps[key] = (steps.GetValueOrDefault(key).Seconds, s.Changes);
        }

        steps["schemes (wall clock)"] = (total - steps["metrics"].Seconds, 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"classification run: {result.Customers:N0} customers in {total:F2} s ({string.Join(", ", steps.Select(s => $"{s.Key} {s.Value.Seconds:F2} s"))})"));
        return new Timing(steps, total);
    }

    private async Task FillAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var boot = scope.ServiceProvider.GetRequiredService<Bootstrapper>();
        await boot.MigrateAsync();
        var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var haveCustomers = await db.Customers.CountAsync();
        var haveTransactions = await db.Set<CustomerTransaction>().CountAsync();
        if (reuse && haveCustomers == customers && haveTransactions == transactions)
        {
            Console.WriteLine($"reusing {haveCustomers:N0} customers and {haveTransactions:N0} transactions");
            return;
        }

        if (haveCustomers != 0 || haveTransactions != 0)
        {
            throw new InvalidOperationException(
                $"The database holds {haveCustomers:N0} customers and {haveTransactions:N0} transactions; use an empty database, or --reuse with the same --customers and --transactions.");
        }

        await boot.EnsureAdministratorAsync(null, null);
        await scope.ServiceProvider.GetRequiredService<DemoData>().EnsureOrganisationAsync(Bootstrapper.GeneratePassword());
        var clock = Stopwatch.StartNew();
        await new CustomerGenerator(db, options.Provider).GenerateAsync(customers, done => Console.Write($"\rgenerated {done:N0} / {customers:N0} customers"));
        Console.WriteLine($"\rgenerated {customers:N0} customers in {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime.Date);
        var n = await TransactionGenerator.FillAsync(db, customers, transactions, today, 42, done => Console.Write($"\rwritten {done:N0} / {transactions:N0} transactions"));
        Console.WriteLine($"\rgenerated {n:N0} transactions in {clock.Elapsed.TotalSeconds:F1} s ({n / clock.Elapsed.TotalSeconds:N0} rows/s)");
        clock.Restart();
        await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? "VACUUM ANALYZE transactions" : "ANALYZE");
        Console.WriteLine($"analyzed in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ICallerAccessor>(new FixedCallerAccessor(Caller.System with { UserName = "bench" }));
        services.AddKefuCore(options);
        services.AddIdentityCore<User>().AddRoles<Role>().AddEntityFrameworkStores<KefuDb>();
        return services.BuildServiceProvider();
    }

    private sealed record Timing(Dictionary<string, (double Seconds, int Changes)> Steps, double Total);
}
