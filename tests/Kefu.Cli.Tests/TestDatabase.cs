using Kefu.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kefu.Cli.Tests;

/// <summary>A database of its own for one test, dropped afterwards.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    public abstract DatabaseProvider Kind { get; }

    /// <summary>A context for assertions, outside the CLI.</summary>
    public KefuDb Open()
    {
        var options = new DbContextOptionsBuilder<KefuDb>();
        KefuDbRegistration.Configure(options, new DatabaseOptions { Provider = Kind, ConnectionString = ConnectionString });
        return new KefuDb(options.Options);
    }

    public abstract ValueTask DisposeAsync();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "kefu-cli-tests", Guid.NewGuid().ToString("N"));

    public override string Provider => "sqlite";

    public override DatabaseProvider Kind => DatabaseProvider.Sqlite;

    public override string ConnectionString => $"Data Source={Path.Combine(folder, "kefu.db")};Pooling=False";

    public override ValueTask DisposeAsync()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class PostgreSqlTestDatabase : TestDatabase
{
    public const string Variable = "KEFU_TEST_POSTGRES";

    private readonly string server;
    private readonly string name = "kefu_cli_" + Guid.NewGuid().ToString("N");

    public PostgreSqlTestDatabase()
    {
        server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s
            ? s
            : throw new InvalidOperationException(
                $"{Variable} is not set. The PostgreSQL tests need a server, e.g. {Variable}=\"Host=127.0.0.1;Port=55432;Username=postgres;Password=testpass\" "
                + "(start a throwaway one as test.sh does).");
    }

    public override string Provider => "postgresql";

    public override DatabaseProvider Kind => DatabaseProvider.PostgreSql;

    public override string ConnectionString => new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        await cmd.ExecuteNonQueryAsync();
    }
}
