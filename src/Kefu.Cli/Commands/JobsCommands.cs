using System.CommandLine;
using Kefu.Core.Data;
using Kefu.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Kefu.Cli.Commands;

/// <summary><c>kefu jobs list</c> and <c>kefu jobs run &lt;name&gt;</c>: the scheduled jobs, run once in-process.</summary>
public static class JobsCommands
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return new Command("jobs", "Scheduled jobs: list them, or run one once now (recorded in job_runs with node \"cli\").")
        {
            ListCommand(cli),
            RunCommand(cli),
        };
    }

    private static Command ListCommand(CliContext cli)
    {
        var command = new Command("list", "Lists the registered jobs with their default schedule and last run.");
        command.SetAction(async (parsed, ct) =>
        {
            await using var services = cli.Services(parsed, out _);
            if (await NotPreparedAsync(services, ct))
            {
                return await cli.FailAsync("The database is not prepared; run 'kefu migrate' first.");
            }

            var runner = services.GetRequiredService<JobRunner>();
            var last = await runner.LastRunsAsync(ct);
            var table = new Table().AddColumns("Job", "Default cron", "Last run (UTC)", "Node", "Outcome", "Message");
            foreach (var job in runner.Jobs())
            {
                var run = last.GetValueOrDefault(job.Name);
                table.AddRow(
                    Markup.Escape(job.Name),
                    Markup.Escape(job.DefaultCron),
                    run is null ? "-" : run.StartedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(run?.Node ?? "-"),
                    run?.Outcome.ToString() ?? "-",
                    Markup.Escape(run?.Message ?? ""));
            }

            cli.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RunCommand(CliContext cli)
    {
        var name = new Argument<string>("name") { Description = "The job's name, as 'kefu jobs list' shows it." };
        var command = new Command("run", "Runs one job once in this process, whatever its schedule, and records the run in job_runs (node \"cli\").")
        {
            name,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var jobName = parsed.GetValue(name)!;
            await using var services = cli.Services(parsed, out _);
            var runner = services.GetRequiredService<JobRunner>();
            var known = runner.Jobs().Select(j => j.Name).ToList();
            if (!known.Contains(jobName, StringComparer.Ordinal))
            {
                return await cli.FailAsync($"Unknown job '{jobName}'. Known jobs: {string.Join(", ", known)}.");
            }

            if (await NotPreparedAsync(services, ct))
            {
                return await cli.FailAsync("The database is not prepared; run 'kefu migrate' first.");
            }

            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var run = (await runner.RunAsync(jobName, new JobFiring("cli-" + Guid.CreateVersion7().ToString("N"), now, JobRun.CliNode, false), ct))!;
            if (run.Outcome != JobRunOutcome.Succeeded)
            {
                return await cli.FailAsync($"Job {jobName} failed: {run.Message}");
            }

            await cli.Out.WriteLineAsync($"{jobName}: {run.Message}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<bool> NotPreparedAsync(ServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
        return (await db.Database.GetPendingMigrationsAsync(ct)).Any();
    }
}
