using System.CommandLine;
using Kefu.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kefu.Cli;

/// <summary>The global <c>--provider</c> and <c>--connection</c> options, defaulting to the web app's environment variables.</summary>
public sealed class DatabaseSwitches
{
    public const string ProviderVariable = "Database__Provider";
    public const string ConnectionVariable = "ConnectionStrings__Kefu";

    public Option<string> Provider { get; } = new("--provider")
    {
        Description = $"Database provider: sqlite or postgresql. Default: ${ProviderVariable}, else sqlite.",
        Recursive = true,
        HelpName = "sqlite|postgresql",
    };

    public Option<string> Connection { get; } = new("--connection")
    {
        Description = $"Connection string. Default: ${ConnectionVariable}, else \"{DatabaseOptions.DefaultSqliteConnection}\" "
            + "(relative to the current directory; required for postgresql).",
        Recursive = true,
        HelpName = "connection string",
    };

    public DatabaseSwitches()
    {
        Provider.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && TryParseProvider(r.Tokens[0].Value) is null)
            {
                r.AddError($"--provider must be sqlite or postgresql, not '{r.Tokens[0].Value}'.");
            }
        });
    }

    /// <summary>The options the command line and environment give; a usage error when they do not add up.</summary>
    public DatabaseOptions Resolve(ParseResult parsed)
    {
        var providerText = parsed.GetValue(Provider) ?? Environment.GetEnvironmentVariable(ProviderVariable);
        var provider = string.IsNullOrWhiteSpace(providerText)
            ? DatabaseProvider.Sqlite
            : TryParseProvider(providerText) ?? throw new CliUsageException(
                $"{ProviderVariable}='{providerText}' is not a provider; use sqlite or postgresql.");
        var connection = parsed.GetValue(Connection) ?? Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            connection = provider == DatabaseProvider.Sqlite
                ? DatabaseOptions.DefaultSqliteConnection
                : throw new CliUsageException($"PostgreSQL needs --connection or ${ConnectionVariable}.");
        }

        return new DatabaseOptions { Provider = provider, ConnectionString = connection };
    }

    /// <summary>Where the database is, without the password.</summary>
    public static string Describe(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                return "SQLite " + Path.GetFullPath(new SqliteConnectionStringBuilder(options.ConnectionString).DataSource);
            }

            var b = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            return $"PostgreSQL {b.Host}:{b.Port}/{b.Database ?? b.Username}";
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException("--connection is not a valid connection string: " + e.Message);
        }
    }

    private static DatabaseProvider? TryParseProvider(string value) => value.Trim().ToUpperInvariant() switch
    {
        "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRESQL" or "POSTGRES" or "NPGSQL" => DatabaseProvider.PostgreSql,
        _ => null,
    };
}
