using System.Globalization;
using Kefu.Core.Data;

namespace Kefu.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Kefu.Bench -- customers --provider sqlite|postgresql --connection "…" [--count N] [--reps R]</c>.
/// Run on demand, never in tests.
/// </summary>
public static class BenchProgram
{
    public const string Usage =
        "usage: Kefu.Bench customers --provider sqlite|postgresql --connection \"<connection string>\" [--count 1000000] [--reps 7]\n"
        + "       Kefu.Bench sla-scan --provider postgresql --connection \"<connection string>\" [--count 1000000] [--reps 7]\n"
        + "       Kefu.Bench working-time [--calls 2000000] [--reps 7]\n"
        + "       Kefu.Bench transactions-import|transactions-generate --provider sqlite|postgresql --connection \"<connection string>\" [--customers 100000] [--count 1000000]\n"
        + "       Kefu.Bench service-requests --connection \"<PostgreSQL connection string>\" [--app src/Kefu.Web/bin/Release/net10.0/Kefu.Web.dll] [--requests 1000000] [--customers 100000] [--writes 1000] [--list-reps 200] [--sync-off]\n"
        + "       Kefu.Bench classify --provider sqlite|postgresql --connection \"<connection string>\" [--customers 1000000] [--transactions 10000000] [--reps 5] [--nights 1] [--reuse [--keep-classes]]";

    private static int WorkingTime(string[] args)
    {
        var calls = 2_000_000;
        var reps = 7;
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            var ok = args[i] switch
            {
                "--calls" => int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out calls),
                "--reps" => int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out reps),
                _ => false,
            };
            if (!ok)
            {
                Console.Error.WriteLine(Usage);
                return 2;
            }
        }

        if (calls < 1000 || reps < 1)
        {
            Console.Error.WriteLine(Usage + "\n(--calls at least 1000, --reps at least 1)");
            return 2;
        }

        WorkingTimeBenchmark.Run(calls, reps);
        return 0;
    }

    private static async Task<int> ClassifyAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var reuse = false;
        var keepClasses = false;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--reuse")
            {
                reuse = true;
            }
            else if (args[i] == "--keep-classes")
            {
                keepClasses = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                options[args[i]] = args[++i];
            }
            else
            {
                await Console.Error.WriteLineAsync($"error: unexpected '{args[i]}'.\n{Usage}");
                return 2;
            }
        }

        var provider = options.GetValueOrDefault("--provider")?.ToUpperInvariant() switch
        {
            "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRESQL" => DatabaseProvider.PostgreSql,
            _ => (DatabaseProvider?)null,
        };
        if (provider is null || !options.TryGetValue("--connection", out var connection)
            || !int.TryParse(options.GetValueOrDefault("--customers", "1000000"), NumberStyles.None, CultureInfo.InvariantCulture, out var customers)
            || !int.TryParse(options.GetValueOrDefault("--transactions", "10000000"), NumberStyles.None, CultureInfo.InvariantCulture, out var transactions)
            || !int.TryParse(options.GetValueOrDefault("--reps", "5"), NumberStyles.None, CultureInfo.InvariantCulture, out var reps)
            || !int.TryParse(options.GetValueOrDefault("--nights", "1"), NumberStyles.None, CultureInfo.InvariantCulture, out var nights)
            || customers < 100 || transactions < 100 || reps < 1 || nights < 1 || nights > 20 || (keepClasses && !reuse))
        {
            await Console.Error.WriteLineAsync(Usage + "\n(--customers and --transactions at least 100, --reps at least 1, --nights 1 to 20, --keep-classes only with --reuse)");
            return 2;
        }

        await new ClassifyBenchmark(new DatabaseOptions { Provider = provider.Value, ConnectionString = connection }, customers, transactions, reps, nights, reuse, keepClasses).RunAsync();
        return 0;
    }

    private static async Task<int> ServiceRequestsAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var syncOff = false;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--sync-off")
            {
                syncOff = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                options[args[i]] = args[++i];
            }
            else
            {
                await Console.Error.WriteLineAsync($"error: unexpected '{args[i]}'.\n{Usage}");
                return 2;
            }
        }

        var app = options.GetValueOrDefault("--app") ?? Path.Combine("src", "Kefu.Web", "bin", "Release", "net10.0", "Kefu.Web.dll");
        if (!options.TryGetValue("--connection", out var connection)
            || !int.TryParse(options.GetValueOrDefault("--requests", "1000000"), NumberStyles.None, CultureInfo.InvariantCulture, out var requests)
            || !int.TryParse(options.GetValueOrDefault("--customers", "100000"), NumberStyles.None, CultureInfo.InvariantCulture, out var customers)
            || !int.TryParse(options.GetValueOrDefault("--writes", "1000"), NumberStyles.None, CultureInfo.InvariantCulture, out var writes)
            || !int.TryParse(options.GetValueOrDefault("--list-reps", "200"), NumberStyles.None, CultureInfo.InvariantCulture, out var listReps)
            || customers < 100 || writes < 20 || listReps < 20 || !File.Exists(app))
        {
            await Console.Error.WriteLineAsync(Usage + "\n(--customers at least 100, --writes and --list-reps at least 20; build the app first: dotnet build -c Release src/Kefu.Web)");
            return 2;
        }

        using var bench = new ServiceRequestsBenchmark(connection, app, requests, customers, writes, listReps, syncOff);
        await bench.RunAsync();
        return 0;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "working-time")
        {
            return WorkingTime(args);
        }

        if (args.Length > 0 && args[0] == "service-requests")
        {
            return await ServiceRequestsAsync(args);
        }

        if (args.Length > 0 && args[0] == "classify")
        {
            return await ClassifyAsync(args);
        }

        if (args.Length == 0 || args[0] is not ("customers" or "sla-scan" or "transactions-import" or "transactions-generate"))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                await Console.Error.WriteLineAsync($"error: expected '--option value' at '{args[i]}'.\n{Usage}");
                return 2;
            }

            options[args[i]] = args[i + 1];
        }

        var provider = options.GetValueOrDefault("--provider")?.ToUpperInvariant() switch
        {
            "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRESQL" => DatabaseProvider.PostgreSql,
            _ => (DatabaseProvider?)null,
        };
        if (provider is null || !options.TryGetValue("--connection", out var connection)
            || !int.TryParse(options.GetValueOrDefault("--count", "1000000"), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || !int.TryParse(options.GetValueOrDefault("--reps", "7"), NumberStyles.None, CultureInfo.InvariantCulture, out var reps)
            || count < 100 || reps < 1)
        {
            await Console.Error.WriteLineAsync(Usage + "\n(--count at least 100, --reps at least 1)");
            return 2;
        }

        var db = new DatabaseOptions { Provider = provider.Value, ConnectionString = connection };
        if (args[0] is "transactions-import" or "transactions-generate")
        {
            if (!int.TryParse(options.GetValueOrDefault("--customers", "100000"), NumberStyles.None, CultureInfo.InvariantCulture, out var customers) || customers < 1)
            {
                await Console.Error.WriteLineAsync(Usage);
                return 2;
            }

            await new TransactionsImportBenchmark(db, customers, count).RunAsync(importToo: args[0] == "transactions-import");
            return 0;
        }

        if (args[0] == "sla-scan")
        {
            await new SlaScanBenchmark(db, count, reps).RunAsync();
            return 0;
        }

        await new CustomersBenchmark(db, count, reps).RunAsync();
        return 0;
    }
}
