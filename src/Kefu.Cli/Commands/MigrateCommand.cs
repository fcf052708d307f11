using System.CommandLine;
using Kefu.Core.Data;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Cli.Commands;

/// <summary><c>kefu migrate</c>: the same first-run preparation the web host does, reported step by step.</summary>
public static class MigrateCommand
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var adminUser = new Option<string>("--admin-user")
        {
            Description = "User name of the first administrator, created only when there is none. Default: $KEFU_ADMIN_USER, else admin.",
        };
        var adminPassword = new Option<string>("--admin-password")
        {
            Description = "Password of the first administrator. Default: $KEFU_ADMIN_PASSWORD, else one is generated and printed once.",
        };
        var command = new Command(
            "migrate",
            "Applies pending migrations, creates missing roles and the root company (HQ), and the first administrator when there is none.")
        {
            adminUser,
            adminPassword,
        };
        command.SetAction(async (parsed, ct) =>
        {
            await using var services = cli.Services(parsed, out var options);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
            var boot = scope.ServiceProvider.GetRequiredService<Bootstrapper>();
            await cli.Out.WriteLineAsync("Database: " + DatabaseSwitches.Describe(options));

            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await boot.MigrateAsync(ct);
            await cli.Out.WriteLineAsync(pending.Count == 0
                ? "Migrations: none pending, the schema is up to date."
                : $"Migrations: applied {pending.Count}: {string.Join(", ", pending)}.");

            var rolesBefore = await db.Roles.CountAsync(ct);
            var hadCompany = await db.OrgUnits.AnyAsync(u => u.Kind == OrgUnitKind.Company, ct);
            var admin = await boot.EnsureAdministratorAsync(
                parsed.GetValue(adminUser) ?? Environment.GetEnvironmentVariable("KEFU_ADMIN_USER"),
                parsed.GetValue(adminPassword) ?? Environment.GetEnvironmentVariable("KEFU_ADMIN_PASSWORD"),
                ct);
            var rolesAfter = await db.Roles.CountAsync(ct);
            await cli.Out.WriteLineAsync($"Roles: {rolesAfter} ({rolesAfter - rolesBefore} created): {string.Join(", ", Roles.All)}.");
            await cli.Out.WriteLineAsync(hadCompany ? "Root company: present." : "Root company: created HQ.");
            if (admin is null)
            {
                await cli.Out.WriteLineAsync("Administrator: present, none created.");
            }
            else
            {
                await cli.Out.WriteLineAsync($"Administrator created. User name: {admin.UserName}");
                await cli.Out.WriteLineAsync(admin.PasswordGenerated
                    ? $"Password (shown once, write it down): {admin.Password}"
                    : "Password: the one given.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
