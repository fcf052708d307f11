using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kefu.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a real database of one provider: a fresh SQLite file or a fresh PostgreSQL database per fixture,
/// migrated at start-up, with a small organisation and users created through the API.
/// </summary>
public abstract class KefuApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "Admin-Test-Pass-1";
    public const string UserPassword = "User-Test-Pass-1";
    public const int MaxAttachmentBytes = 64 * 1024;

    private readonly Dictionary<string, string> tokens = new(StringComparer.Ordinal);

    protected KefuApp(DatabaseProvider provider)
    {
        Provider = provider;
        DatabaseName = "kefu_test_" + Guid.NewGuid().ToString("N")[..12];
        ConnectionString = provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(Path.GetTempPath(), DatabaseName + ".db")}"
            : new NpgsqlConnectionStringBuilder(PostgresBase()) { Database = DatabaseName }.ConnectionString;
    }

    public DatabaseProvider Provider { get; }

    public string DatabaseName { get; }

    public string ConnectionString { get; }

    public TestOrg Org { get; private set; } = null!;

    /// <summary>The app's <see cref="TimeProvider"/>: real time unless a test shifts it.</summary>
    public TestClock Clock { get; } = new();

    protected virtual int LoginAttemptsPerMinute => 10_000;

    /// <summary>Base connection string of the PostgreSQL server that test.sh starts.</summary>
    public static string PostgresBase() =>
        Environment.GetEnvironmentVariable("KEFU_TEST_POSTGRES")
        ?? throw new InvalidOperationException(
            "KEFU_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL and sets it, or set it to a server you own.");

    public async Task InitializeAsync()
    {
        using var admin = await ClientForAsync("admin", AdminPassword);
        Org = await TestOrg.CreateAsync(admin);
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider == DatabaseProvider.PostgreSql)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(PostgresBase());
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(Path.Combine(Path.GetTempPath(), DatabaseName + "-files")))
            {
                Directory.Delete(Path.Combine(Path.GetTempPath(), DatabaseName + "-files"), recursive: true);
            }

            var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(f);
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Kefu", ConnectionString);
        builder.UseSetting("KEFU_ADMIN_USER", "admin");
        builder.UseSetting("KEFU_ADMIN_PASSWORD", AdminPassword);
        builder.UseSetting("Kefu:DemoData", "false");
        builder.UseSetting("Files:Root", Path.Combine(Path.GetTempPath(), DatabaseName + "-files"));
        builder.UseSetting("Files:MaxBytes", MaxAttachmentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Kefu:LoginAttemptsPerMinute", LoginAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        Configure(builder);
    }

    /// <summary>Extra settings of a specialised app (e.g. an SMTP sink).</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    /// <summary>An API client authenticated with a bearer token of the given user (tokens are cached per user).</summary>
    public async Task<HttpClient> ClientForAsync(string userName, string password = UserPassword)
    {
        if (!tokens.TryGetValue(userName, out var token))
        {
            using var anon = CreateClient();
            var response = await anon.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
            response.EnsureSuccessStatusCode();
            token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
            tokens[userName] = token;
        }

        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpClient> AdminAsync() => ClientForAsync("admin", AdminPassword);

    /// <summary>Direct database access for assertions that the API must not be trusted to make about itself.</summary>
    public async Task<T> WithDbAsync<T>(Func<KefuDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<KefuDb>());
    }

    public Task<bool> HasPendingModelChangesAsync() => WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));

    public Task<int> CountAsync<TEntity>()
        where TEntity : class => WithDbAsync(db => db.Set<TEntity>().CountAsync());
}

public sealed class SqliteApp : KefuApp
{
    public SqliteApp()
        : base(DatabaseProvider.Sqlite)
    {
    }
}

public sealed class PostgresApp : KefuApp
{
    public PostgresApp()
        : base(DatabaseProvider.PostgreSql)
    {
    }
}
