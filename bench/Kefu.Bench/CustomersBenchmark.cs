using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kefu.Core.Common;
using Kefu.Core.Customers;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kefu.Bench;

/// <summary>Fills an empty database with customers, then times the customer list against a plain count(*).</summary>
internal sealed class CustomersBenchmark(DatabaseOptions options, int count, int reps)
{
    private const int Limit = 50;
    private const string Sort = "-created";

    public async Task RunAsync()
    {
        KefuDbRegistration.EnsureSqliteFolder(options);
        await using var services = BuildServices();
        var existing = await PrepareAsync(services);
        if (existing == 0)
        {
            var clock = Stopwatch.StartNew();
            await using var scope = services.CreateAsyncScope();
            await new CustomerGenerator(scope.ServiceProvider.GetRequiredService<KefuDb>(), options.Provider)
                .GenerateAsync(count, done => Console.Write($"\rgenerated {done:N0} / {count:N0} customers"));
            Console.WriteLine($"\rgenerated {count:N0} customers (with a contact and an address each) in {clock.Elapsed.TotalSeconds:F1} s");
        }
        else
        {
            Console.WriteLine($"The database already holds {existing:N0} customers: generation skipped, measuring those.");
            count = existing;
        }

        var probes = await ProbesAsync(services);
        Console.WriteLine($"{options.Provider}, {count:N0} customers, median of {reps} runs after one warm-up, limit {Limit}, sort {Sort}, as administrator");
        var baseline = await MeasureAsync(services, async sp =>
            (int)await sp.GetRequiredService<KefuDb>().Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM customers").SingleAsync());
        var rows = new List<(string Name, double Ms, int Rows)> { ("(a) baseline: SELECT count(*) FROM customers", baseline.Ms, baseline.Rows) };
        foreach (var (name, query, check) in new (string, CustomerQuery, Func<Page<CustomerListItem>, bool>)[]
        {
            ("(b) list, first page", new(Sort: Sort, Limit: Limit), p => p.Items.Count == Limit),
            ($"(c) list, page after row {count / 2:N0} (keyset)", new(Sort: Sort, After: probes.DeepCursor, Limit: Limit),
                p => p.Items.Count == Limit && p.Items[0].Number == probes.DeepFirstNumber),
            ($"(d) phone prefix search q={probes.PhonePrefix}", new(Q: probes.PhonePrefix, Sort: Sort, Limit: Limit), p => p.Items.Count > 0),
            ($"(e) name search q={probes.Name}", new(Q: probes.Name, Sort: Sort, Limit: Limit), p => p.Items.Count > 0),
        })
        {
            var m = await MeasureAsync(services, async sp =>
            {
                var page = await sp.GetRequiredService<CustomerService>().ListAsync(Caller.System, query);
                if (!page.IsSuccess || !check(page.Value))
                {
                    throw new InvalidOperationException($"{name}: unexpected result {page.Error?.Message ?? page.Value.Items.Count + " rows"}.");
                }

                return page.Value.Items.Count;
            });
            rows.Add((name, m.Ms, m.Rows));
        }

        Console.WriteLine();
        Console.WriteLine($"| {"measurement",-50} | {"rows",7} | {"median ms",10} | {"× baseline",10} |");
        Console.WriteLine($"|{new string('-', 52)}|{new string('-', 9)}|{new string('-', 12)}|{new string('-', 12)}|");
        foreach (var (name, ms, n) in rows)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture, $"| {name,-50} | {n,7} | {ms,10:F2} | {ms / baseline.Ms,10:F2} |"));
        }
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

    /// <summary>Migrates, creates roles, the demo units (the generated customers belong to them); returns how many customers exist.</summary>
    private static async Task<int> PrepareAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var boot = scope.ServiceProvider.GetRequiredService<Bootstrapper>();
        await boot.MigrateAsync();
        await boot.EnsureAdministratorAsync(null, null);
        await scope.ServiceProvider.GetRequiredService<DemoData>().EnsureOrganisationAsync(Bootstrapper.GeneratePassword());
        return await scope.ServiceProvider.GetRequiredService<KefuDb>().Customers.CountAsync();
    }

    private sealed record Probes(string DeepCursor, string DeepFirstNumber, string PhonePrefix, string Name);

    /// <summary>Search terms taken from the data, and a keyset cursor for the middle of the list.</summary>
    private async Task<Probes> ProbesAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
        var ordered = db.Customers.AsNoTracking().OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Number);
        var middle = await ordered.Skip((count / 2) - 1).Take(2).Select(c => new { c.CreatedAt, c.Number }).ToListAsync();
        var phone = await db.CustomerContacts.AsNoTracking().OrderBy(c => c.Id).Skip(count / 3).Select(c => c.PhoneDigits!).FirstAsync();
        var name = await db.Customers.AsNoTracking().OrderBy(c => c.Number).Skip(count / 4).Select(c => c.Name).FirstAsync();
        // The same opaque format the list hands out as Page.Next (CustomerKeyset.Encode): the sort key, U+001F, the number.
        // The timed call checks that the page starts with the expected row, so a format change fails loudly here.
        var key = middle[0].CreatedAt.ToString("O", CultureInfo.InvariantCulture) + "\u001f" + middle[0].Number;
        var cursor = Convert.ToBase64String(Encoding.UTF8.GetBytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new Probes(cursor, middle[1].Number, phone[..7], name);
    }

    /// <summary>Median wall time of <see cref="reps"/> runs after one warm-up; each run in a fresh scope, as a request would be.</summary>
    private async Task<(double Ms, int Rows)> MeasureAsync(ServiceProvider services, Func<IServiceProvider, Task<int>> action)
    {
        var times = new List<double>();
        var rows = 0;
        for (var i = 0; i <= reps; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var clock = Stopwatch.StartNew();
            rows = await action(scope.ServiceProvider);
            if (i > 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return (times[times.Count / 2], rows);
    }
}
