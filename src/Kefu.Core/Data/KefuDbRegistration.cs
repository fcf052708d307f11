using Kefu.Core.Audit;
using Kefu.Core.Calendars;
using Kefu.Core.Contracts;
using Kefu.Core.Classification;
using Kefu.Core.Common;
using Kefu.Core.Customers;
using Kefu.Core.Files;
using Kefu.Core.Notifications;
using Kefu.Core.Scheduling;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Kefu.Core.ServiceRequests;
using Kefu.Core.Transactions;
using Kefu.Core.Sla;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Core.Data;

public static class KefuDbRegistration
{
    public const string SqliteMigrationsAssembly = "Kefu.Migrations.Sqlite";
    public const string PostgreSqlMigrationsAssembly = "Kefu.Migrations.PostgreSql";

    /// <summary>
    /// Registers <see cref="KefuDb"/> for the chosen provider with its migrations assembly and the audit interceptor, then each
    /// capability's own <c>Add…()</c> (its services, jobs, customer links and options). The order of the calls is the order in
    /// which customer links are asked (delete refusals, merge preview).
    /// </summary>
    public static IServiceCollection AddKefuCore(
        this IServiceCollection services, DatabaseOptions options, Notifications.MailOptions? mail = null, Files.FileStoreOptions? files = null)
    {
        services.AddSingleton(options);
        services.AddDbContext<KefuDb>((sp, db) =>
        {
            Configure(db, options);
            db.AddInterceptors(sp.GetRequiredService<AuditInterceptor>());
        });
        services.AddScoped<Bootstrapper>();
        services.AddScoped<DemoData>();
        services.AddBusinessDate();
        services.AddAudit();
        services.AddFiles(files);
        services.AddNotifications(mail);
        services.AddOrganization();
        services.AddSecurity();
        services.AddCustomers();
        services.AddServiceRequests();
        services.AddCalendars();
        services.AddContracts();
        services.AddSla();
        services.AddClassification();
        services.AddTransactions();
        services.AddScheduling();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder db, DatabaseOptions options)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.PostgreSql:
                db.UseNpgsql(options.ConnectionString, o => o.MigrationsAssembly(PostgreSqlMigrationsAssembly));
                break;
            default:
                db.UseSqlite(options.ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
                db.AddInterceptors(new SqliteWalInterceptor());
                break;
        }

        db.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>Creates the folder of an SQLite file so a fresh checkout can start without preparation.</summary>
    public static void EnsureSqliteFolder(DatabaseOptions options)
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var file = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder) && file != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }
}

/// <summary>WAL lets readers work while one writer commits; busy_timeout waits instead of failing on a lock.</summary>
internal sealed class SqliteWalInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData) =>
        Pragmas(connection);

    public override Task ConnectionOpenedAsync(
        System.Data.Common.DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Pragmas(connection);
        return Task.CompletedTask;
    }

    private static void Pragmas(System.Data.Common.DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";
        cmd.ExecuteNonQuery();
    }
}
