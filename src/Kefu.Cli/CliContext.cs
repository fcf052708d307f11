using System.CommandLine;
using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Kefu.Cli;

/// <summary>What every command needs: the writers, a Spectre console over them, the database switches and the services.</summary>
public sealed class CliContext
{
    /// <summary>The CLI acts as the system administrator; audit entries name it "cli".</summary>
    public static readonly Caller Caller = Caller.System with { UserName = "cli" };

    public CliContext(TextWriter output, TextWriter error)
    {
        Out = output;
        Error = error;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Detect,
        });
        if (!Console.Profile.Out.IsTerminal)
        {
            // Redirected output (files, pipes, tests) has no width; 80 columns would wrap every table row.
            Console.Profile.Width = 200;
        }
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public IAnsiConsole Console { get; }

    public DatabaseSwitches Database { get; } = new();

    /// <summary>Builds the services as the web host does, for the database the command line names.</summary>
    public ServiceProvider Services(ParseResult parsed, out DatabaseOptions options)
    {
        options = Database.Resolve(parsed);
        DatabaseSwitches.Describe(options);
        KefuDbRegistration.EnsureSqliteFolder(options);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(new WriterLoggerProvider(Error)));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ICallerAccessor>(new FixedCallerAccessor(Caller));
        services.AddKefuCore(options);
        services.AddIdentityCore<User>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Password.RequiredLength = 8;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<Role>()
            .AddEntityFrameworkStores<KefuDb>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>Prints field errors as "--option: message" lines and returns exit code 1.</summary>
    public async Task<int> FailAsync(Error error, IReadOnlyDictionary<string, string>? optionNames = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        await Error.WriteLineAsync("error: " + error.Message);
        foreach (var (field, messages) in error.Fields ?? new Dictionary<string, string[]>())
        {
            var name = optionNames?.GetValueOrDefault(field) ?? field;
            foreach (var message in messages)
            {
                await Error.WriteLineAsync($"  {name}: {message}");
            }
        }

        return ExitCodes.BadInput;
    }

    public async Task<int> FailAsync(string message)
    {
        await Error.WriteLineAsync("error: " + message);
        return ExitCodes.BadInput;
    }
}

/// <summary>A synchronous <see cref="IProgress{T}"/>: the value is set before the reporting call returns.</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
