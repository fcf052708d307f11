using System.CommandLine;
using Kefu.Core.Transactions;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Kefu.Cli.Commands;

/// <summary><c>kefu import transactions FILE [--dry-run] [--skip-bad-rows]</c>: purchase history from CSV or .xlsx (CUS-5).</summary>
public static class ImportCommands
{
    public const int ShownErrors = 50;

    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return new Command("import", "Imports data from files.") { TransactionsCommand(cli) };
    }

    private static Command TransactionsCommand(CliContext cli)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A .csv (UTF-8) or .xlsx file; headers in zh-CN or en (客户编号/customer_number, 日期/date, 金额/amount, …)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and report the bad ones; write nothing." };
        var skip = new Option<bool>("--skip-bad-rows")
        {
            Description = "Write the good rows and skip the bad ones. Default: all-or-nothing (any bad row writes nothing, exit code 1).",
        };
        var command = new Command("transactions", "Imports purchase history for existing customers, in one transaction, with a progress bar.")
        {
            file, dryRun, skip,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
            {
                await cli.Error.WriteLineAsync($"error: {path.FullName} does not exist.");
                return ExitCodes.BadInput;
            }

            if (TransactionFile.FormatOf(path.Name) is not TransactionFileFormat format)
            {
                await cli.Error.WriteLineAsync("error: the file must end in .csv or .xlsx.");
                return ExitCodes.BadInput;
            }

            var isDry = parsed.GetValue(dryRun);
            var mode = parsed.GetValue(skip) ? ImportMode.SkipBadRows : ImportMode.AllOrNothing;
            await using var services = cli.Services(parsed, out _);
            await using var scope = services.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<TransactionImporter>();
            var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            int total;
            await using (var counting = path.OpenRead())
            {
                total = TransactionFile.CountRows(counting, format);
            }

            var import = TransactionImport.Create(path.Name, ImportSource.Cli, mode, isDry, CliContext.Caller, null, time.GetUtcNow().UtcDateTime);
            import.TotalRows = total;
            var started = time.GetTimestamp();
            ImportOutcome? outcome = null;
            await cli.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask(isDry ? "Checking" : "Importing", maxValue: Math.Max(1, total));
                    await using var stream = path.OpenRead();
                    outcome = await importer.RunAsync(
                        CliContext.Caller, import, TransactionFile.Read(stream, format), new ProgressReport(n => task.Value = n), ct);
                    task.Value = task.MaxValue;
                });
            var elapsed = time.GetElapsedTime(started);
            var result = outcome!.Import;
            foreach (var e in outcome.Errors.Take(ShownErrors))
            {
                await cli.Out.WriteLineAsync($"line {e.Line}: {e.Code} ({e.Field}): {e.Message}");
            }

            if (result.BadRows > ShownErrors)
            {
                await cli.Out.WriteLineAsync($"… {result.BadRows - Math.Min(ShownErrors, outcome.Errors.Count)} more bad row(s) not shown.");
            }

            var rate = elapsed.TotalSeconds > 0 ? result.ProcessedRows / elapsed.TotalSeconds : 0;
            switch (result.State)
            {
                case ImportState.Failed:
                    await cli.Error.WriteLineAsync("error: " + result.Failure);
                    return ExitCodes.BadInput;
                case ImportState.Rejected:
                    await cli.Out.WriteLineAsync(
                        $"Rejected: {result.BadRows} bad row(s) of {result.ProcessedRows}; nothing was written (all-or-nothing). Fix them or use --skip-bad-rows.");
                    return ExitCodes.BadInput;
            }

            if (isDry)
            {
                await cli.Out.WriteLineAsync($"Dry run: {result.ProcessedRows} row(s) checked, {result.ProcessedRows - result.BadRows} good, {result.BadRows} bad; nothing written.");
                return result.BadRows > 0 && mode == ImportMode.AllOrNothing ? ExitCodes.BadInput : ExitCodes.Ok;
            }

            await cli.Out.WriteLineAsync(
                $"Imported: {result.WrittenRows} transaction(s) written, {result.BadRows} bad row(s) skipped, in {elapsed.TotalSeconds:0.0} s ({rate:0} rows/s). Import {result.Id}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private sealed class ProgressReport(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
