using System.CommandLine;
using System.Data.Common;
using Kefu.Cli.Commands;

namespace Kefu.Cli;

/// <summary>The <c>kefu</c> admin tool. <see cref="RunAsync"/> is the whole program, callable in-process by tests.</summary>
public static class KefuCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        var cli = new CliContext(output, error);
        var root = new RootCommand(
            "Kefu administration: database migrations, users, demo data and scheduled jobs. Every command works against SQLite or PostgreSQL; "
            + "without --provider/--connection it uses the web app's settings from the environment "
            + "(Database__Provider, ConnectionStrings__Kefu), and SQLite 'Data Source=data/kefu.db' relative to the current directory.");
        root.Options.Add(cli.Database.Provider);
        root.Options.Add(cli.Database.Connection);
        root.Subcommands.Add(MigrateCommand.Create(cli));
        root.Subcommands.Add(UsersCommands.Create(cli));
        root.Subcommands.Add(SeedCommands.Create(cli));
        root.Subcommands.Add(ImportCommands.Create(cli));
        root.Subcommands.Add(JobsCommands.Create(cli));
        root.Subcommands.Add(ClassifyCommand.Create(cli));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                await error.WriteLineAsync("error: " + e.Message);
            }

            await error.WriteLineAsync("Run 'kefu --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, ct);
        }
        catch (CliUsageException e)
        {
            await error.WriteLineAsync("error: " + e.Message);
            await error.WriteLineAsync("Run 'kefu --help' for usage.");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("error: cancelled; the open transaction was rolled back.");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or ArgumentException or IOException)
        {
            // Database unreachable, wrong password, schema missing, Identity refusing a password: the services ran in a
            // transaction, so nothing is half written. Show the innermost message, which is the one that says why.
            await error.WriteLineAsync("error: " + Innermost(e).Message);
            return ExitCodes.BadInput;
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}

/// <summary>A command-line mistake found only when the options are combined (exit code 2).</summary>
public sealed class CliUsageException : Exception
{
    public CliUsageException()
        : base("Invalid usage.")
    {
    }

    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
