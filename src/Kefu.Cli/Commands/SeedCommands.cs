using System.CommandLine;
using Kefu.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Kefu.Cli.Commands;

/// <summary><c>kefu seed demo</c>: the demo organisation, one user per role and generated customers.</summary>
public static class SeedCommands
{
    public const int DefaultCustomers = 200;

    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return new Command("seed", "Adds demo data.") { DemoCommand(cli) };
    }

    private static Command DemoCommand(CliContext cli)
    {
        var customers = new Option<int>("--customers")
        {
            Description = $"How many customers to add (each run adds more). Default: {DefaultCustomers}.",
            DefaultValueFactory = _ => DefaultCustomers,
        };
        customers.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--customers must be 0 or more.");
            }
        });
        var requests = new Option<int>("--requests")
        {
            Description = "How many service requests to add over the customers (each run adds more), in bulk, with status history and SLA clocks. Default: 0.",
        };
        requests.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--requests must be 0 or more.");
            }
        });
        var password = new Option<string>("--password")
        {
            Description = "Password of the demo users that do not exist yet. Default: a generated one, printed once.",
        };
        var command = new Command(
            "demo",
            "Creates the demo units and users (" + string.Join(", ", DemoData.Users.Select(u => u.UserName))
            + ") when missing and adds generated customers, in one transaction, then the requests asked for, in batches.")
        {
            customers,
            requests,
            password,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var count = parsed.GetValue(customers);
            await using var services = cli.Services(parsed, out _);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
            var demo = scope.ServiceProvider.GetRequiredService<DemoData>();
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any() || !await db.OrgUnits.AnyAsync(u => u.Code == "HQ", ct))
            {
                return await cli.FailAsync("The database is not prepared; run 'kefu migrate' first.");
            }

            var existing = await db.Users.Select(u => u.UserName!).ToListAsync(ct);
            var missing = DemoData.Users.Select(u => u.UserName).Except(existing, StringComparer.Ordinal).ToList();
            var given = parsed.GetValue(password);
            var pass = given ?? (missing.Count > 0 ? Bootstrapper.GeneratePassword() : "");
            var before = await db.Customers.CountAsync(ct);

            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                await demo.EnsureOrganisationAsync(pass, ct);
                if (count > 0)
                {
                    await cli.Console.Progress()
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                        .StartAsync(async ctx =>
                        {
                            var task = ctx.AddTask("Customers", maxValue: count);
                            await demo.AddCustomersAsync(count, new SyncProgress<int>(done => task.Value = done), ct);
                        });
                }

                await tx.CommitAsync(ct);
            }

            var requestCount = parsed.GetValue(requests);
            var requestsBefore = await db.ServiceRequests.CountAsync(ct);
            if (requestCount > 0)
            {
                if (!await db.Customers.AnyAsync(ct))
                {
                    return await cli.FailAsync("There are no customers to record requests for; add some with --customers.");
                }

                var watch = System.Diagnostics.Stopwatch.StartNew();
                await cli.Console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask("Requests", maxValue: requestCount);
                        await demo.AddRequestsAsync(requestCount, new SyncProgress<int>(done => task.Value = done), ct);
                    });
                await cli.Out.WriteLineAsync(string.Create(
                    System.Globalization.CultureInfo.InvariantCulture, $"Requests: added {requestCount} in {watch.Elapsed.TotalSeconds:F1} s."));
            }

            if (missing.Count == 0)
            {
                await cli.Out.WriteLineAsync("Demo users: all present, none created" + (given is null ? "." : "; --password ignored."));
            }
            else
            {
                await cli.Out.WriteLineAsync($"Demo users created: {string.Join(", ", missing)}.");
                await cli.Out.WriteLineAsync(given is null
                    ? $"Their password (shown once, write it down): {pass}"
                    : "Their password: the one given with --password.");
            }

            var after = await db.Customers.CountAsync(ct);
            await cli.Out.WriteLineAsync($"Customers: added {after - before}, {after} in total.");
            await cli.Out.WriteLineAsync($"Service requests: added {await db.ServiceRequests.CountAsync(ct) - requestsBefore}, {await db.ServiceRequests.CountAsync(ct)} in total.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
