using System.CommandLine;
using Kefu.Core.Classification;
using Kefu.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Kefu.Cli.Commands;

/// <summary><c>kefu classify [--scheme code]</c>: reclassifies every customer now, through the same service as the nightly job.</summary>
public static class ClassifyCommand
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var scheme = new Option<string>("--scheme") { Description = "Only this scheme (e.g. abc). Default: every enabled scheme." };
        var command = new Command(
            "classify",
            "Reclassifies every customer: one metrics pass over transactions and service records, then each scheme in its own "
            + "transaction (a failing scheme keeps its previous classes). Exit code 1 when a scheme failed.")
        {
            scheme,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var only = parsed.GetValue(scheme);
            await using var services = cli.Services(parsed, out _);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                return await cli.FailAsync("The database is not prepared; run 'kefu migrate' first.");
            }

            if (only is not null && !await db.Set<ClassificationScheme>().AnyAsync(s => s.Code == only, ct))
            {
                return await cli.FailAsync($"No scheme '{only}'.");
            }

            var runs = scope.ServiceProvider.GetRequiredService<ClassificationRuns>();
            RunDto? result = null;
            await cli.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("Classification", maxValue: 1);
                    result = await runs.RunNowAsync(RunTrigger.Cli, only, CliContext.Caller.UserName, run =>
                    {
                        task.MaxValue = Math.Max(1, run.StepsTotal);
                        task.Value = run.StepsDone;
                        // On PostgreSQL two schemes are applied at once.
                        var current = run.Schemes.Where(s => s.State == "running").Select(s => s.Scheme).ToList();
                        task.Description = current.Count == 0 ? "Classification" : "Scheme " + string.Join(", ", current);
                    }, ct);
                    task.Value = task.MaxValue;
                });

            var run = result!;
            await cli.Out.WriteLineAsync($"Run {run.Id}: {run.State.ToString().ToLowerInvariant()}, {run.Customers} customers.");
            foreach (var s in run.Schemes)
            {
                await cli.Out.WriteLineAsync($"  {s.Scheme}: {s.State}, {s.Changes} changes" + (s.Error is null ? "" : " — " + s.Error));
            }

            return run.State == RunState.Succeeded ? ExitCodes.Ok : ExitCodes.BadInput;
        });
        return command;
    }
}
