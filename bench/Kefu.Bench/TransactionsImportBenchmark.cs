using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kefu.Core.Customers;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Kefu.Core.Transactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kefu.Bench;

/// <summary>
/// <c>transactions-import</c>: generates a CSV of <c>count</c> purchases for <c>customers</c> customers and imports it through
/// <see cref="TransactionImporter"/> (parse, validate, resolve numbers, check references, bulk write, commit), next to a baseline in
/// the same run: the raw bulk write of the same rows (already in memory, no file, no checks), rolled back.
/// <c>transactions-generate</c>: fills purchases straight through the bulk writer (for the classification benchmark).
/// </summary>
internal sealed class TransactionsImportBenchmark(DatabaseOptions options, int customers, int count)
{
    public async Task RunAsync(bool importToo)
    {
        KefuDbRegistration.EnsureSqliteFolder(options);
        await using var services = BuildServices();
        await PrepareAsync(services);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime.Date);
        if (!importToo)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            var clock = Stopwatch.StartNew();
            var n = await TransactionGenerator.FillAsync(db, customers, count, today, 42, done => Console.Write($"\rwritten {done:N0} / {count:N0}"));
            Console.WriteLine($"\r{options.Provider}: generated {n:N0} transactions for {customers:N0} customers in {clock.Elapsed.TotalSeconds:F1} s ({n / clock.Elapsed.TotalSeconds:N0} rows/s)");
            return;
        }

        List<(Guid Id, string Number)> list;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
            list = (await db.Customers.AsNoTracking().OrderBy(c => c.Number).Take(customers).Select(c => new { c.Id, c.Number }).ToListAsync())
                .Select(c => (c.Id, c.Number)).ToList();
        }

        await using (var scope = services.CreateAsyncScope())
        {
            // The reference check scans the purchases already stored, so the figure depends on how many there are.
            var existing = await scope.ServiceProvider.GetRequiredService<KefuDb>().Transactions.LongCountAsync();
            Console.WriteLine($"{options.Provider}: {existing:N0} purchases stored before this import");
        }

        var tag = "B" + TimeProvider.System.GetUtcNow().UtcDateTime.ToString("HHmmss", CultureInfo.InvariantCulture) + "-";
        var file = Path.Combine(Path.GetTempPath(), $"kefu-bench-transactions-{Guid.NewGuid():N}.csv");
        try
        {
            var clock = Stopwatch.StartNew();
            await using (var writer = new StreamWriter(file, false, new UTF8Encoding(true), 1 << 16))
            {
                await writer.WriteLineAsync("客户编号,日期,金额,商品,渠道,支付方式,促销,单号");
                var line = new StringBuilder(160);
                foreach (var g in TransactionGenerator.Generate(list, count, today, 7, tag))
                {
                    var r = g.Row;
                    line.Clear().Append(g.CustomerNumber).Append(',').Append(r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
                        .Append(r.Amount.ToString(CultureInfo.InvariantCulture)).Append(',').Append(TransactionFile.Quote(r.Items)).Append(',')
                        .Append(r.Channel == SalesChannel.Online ? "线上" : "线下").Append(',').Append(r.PaymentMethod).Append(',')
                        .Append(r.Promotion).Append(',').Append(r.Reference);
                    await writer.WriteLineAsync(line);
                }
            }

            var size = new FileInfo(file).Length;
            Console.WriteLine($"{options.Provider}: CSV of {count:N0} rows for {list.Count:N0} customers ({size / 1048576.0:F1} MiB) written in {clock.Elapsed.TotalSeconds:F1} s");

            // Client side alone: read and check every row of the file, no database.
            clock.Restart();
            var parsed = 0;
            await using (var stream = File.OpenRead(file))
            {
                var errors = new List<RowError>();
                foreach (var row in TransactionFile.Read(stream, TransactionFileFormat.Csv))
                {
                    parsed += TransactionRows.Parse(row, today, errors) is null ? 0 : 1;
                }
            }

            var parseSeconds = clock.Elapsed.TotalSeconds;
            if (parsed != count)
            {
                throw new InvalidOperationException($"{count - parsed} generated rows did not parse.");
            }

            ImportOutcome outcome;
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
                db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
                var importer = scope.ServiceProvider.GetRequiredService<TransactionImporter>();
                var import = TransactionImport.Create(Path.GetFileName(file), ImportSource.Cli, ImportMode.AllOrNothing, false, Caller.System, null, TimeProvider.System.GetUtcNow().UtcDateTime);
                clock.Restart();
                await using var stream = File.OpenRead(file);
                outcome = await importer.RunAsync(Caller.System, import, TransactionFile.Read(stream, TransactionFileFormat.Csv),
                    new ProgressOf(n => Console.Write($"\rimported {n:N0} / {count:N0}")));
            }

            var seconds = clock.Elapsed.TotalSeconds;

            // Baseline, after the import: the same rows straight into the bulk writer, no file and no checks, then rolled back. (Run
            // before the import, its rolled-back rows stayed in the indexes as dead entries that every lookup of the import then
            // had to visit: one per row.)
            double baseline;
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
                db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
                var rows = TransactionGenerator.Generate(list, count, today, 7, tag).Select(g => g.Row).ToList();
                clock.Restart();
                await using var tx = await db.Database.BeginTransactionAsync();
                await using (var w = TransactionWriter.Create(db, null, TimeProvider.System.GetUtcNow().UtcDateTime))
                {
                    foreach (var chunk in rows.Chunk(TransactionImporter.BatchSize))
                    {
                        await w.WriteAsync(chunk, CancellationToken.None);
                    }

                    await w.CompleteAsync(CancellationToken.None);
                }

                baseline = clock.Elapsed.TotalSeconds;
                await tx.RollbackAsync();
            }

            Console.WriteLine();
            if (outcome.Import.State != ImportState.Succeeded || outcome.Import.WrittenRows != count)
            {
                throw new InvalidOperationException($"Import {outcome.Import.State}: {outcome.Import.WrittenRows} written, {outcome.Import.BadRows} bad; first: {(outcome.Errors.Count > 0 ? outcome.Errors[0] : null)}");
            }

            Console.WriteLine($"| {"measurement",-62} | {"rows",10} | {"seconds",8} | {"rows/s",10} | {"× baseline time",15} |");
            Console.WriteLine($"|{new string('-', 64)}|{new string('-', 12)}|{new string('-', 10)}|{new string('-', 12)}|{new string('-', 17)}|");
            Print("(a) baseline: raw bulk write of the rows in memory, no checks", count, baseline, baseline);
            Print("(b) import: CSV stream → parse → validate → resolve → write", count, seconds, baseline);
            Print("(c) of which client side: read and check the CSV, no database", count, parseSeconds, baseline);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void Print(string name, int rows, double seconds, double baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name,-62} | {rows,10:N0} | {seconds,8:F2} | {rows / seconds,10:N0} | {seconds / baseline,15:F2} |"));

    private ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddFilter("Kefu.Core.Transactions", LogLevel.Information).AddSimpleConsole());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ICallerAccessor>(new FixedCallerAccessor(Caller.System with { UserName = "bench" }));
        services.AddKefuCore(options);
        services.AddIdentityCore<User>().AddRoles<Role>().AddEntityFrameworkStores<KefuDb>();
        return services.BuildServiceProvider();
    }

    /// <summary>Migrates, creates the demo units, and generates customers when there are fewer than asked for.</summary>
    private async Task PrepareAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var boot = scope.ServiceProvider.GetRequiredService<Bootstrapper>();
        await boot.MigrateAsync();
        await boot.EnsureAdministratorAsync(null, null);
        await scope.ServiceProvider.GetRequiredService<DemoData>().EnsureOrganisationAsync(Bootstrapper.GeneratePassword());
        var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
        var existing = await db.Customers.CountAsync();
        if (existing == 0)
        {
            var clock = Stopwatch.StartNew();
            await new CustomerGenerator(db, options.Provider).GenerateAsync(customers, done => Console.Write($"\rgenerated {done:N0} / {customers:N0} customers"));
            Console.WriteLine($"\rgenerated {customers:N0} customers in {clock.Elapsed.TotalSeconds:F1} s");
        }
        else if (existing < customers)
        {
            throw new InvalidOperationException($"The database holds {existing:N0} customers, fewer than --customers {customers:N0}; use an empty database.");
        }
    }

    private sealed class ProgressOf(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
