using System.CommandLine;
using Kefu.Core.Common;
using Kefu.Core.Customers;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Kefu.Cli.Commands;

/// <summary><c>kefu users create|list</c> over <see cref="UserService"/>.</summary>
public static class UsersCommands
{
    /// <summary>The service's field names as the options that set them, so an error points at what to change.</summary>
    private static readonly Dictionary<string, string> OptionNames = new(StringComparer.Ordinal)
    {
        ["userName"] = "--user",
        ["password"] = "--password",
        ["roles"] = "--role",
        ["orgUnitId"] = "--unit",
        ["displayName"] = "--display-name",
        ["email"] = "--email",
        ["accountManagerLevel"] = "--level",
    };

    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return new Command("users", "Creates and lists users.") { CreateCommand(cli), ListCommand(cli) };
    }

    private static Command CreateCommand(CliContext cli)
    {
        var user = new Option<string>("--user") { Description = "User name (login).", Required = true };
        var password = new Option<string>("--password") { Description = "Password (at least 8 characters, upper, lower, digit, symbol).", Required = true };
        var roles = new Option<string[]>("--role")
        {
            Description = "Role; repeat for several: " + string.Join(", ", Roles.All) + ".",
            Required = true,
        };
        var unit = new Option<string>("--unit") { Description = "Code of the user's organisation unit (e.g. SH); staff need one." };
        var displayName = new Option<string>("--display-name") { Description = "Name shown in the app. Default: the user name." };
        var email = new Option<string>("--email") { Description = "E-mail address." };
        var level = new Option<string>("--level") { Description = "Account manager level: senior, intermediate or ordinary.", HelpName = "senior|intermediate|ordinary" };
        var command = new Command("create", "Creates a user (as administrator).") { user, password, roles, unit, displayName, email, level };
        command.SetAction(async (parsed, ct) =>
        {
            await using var services = cli.Services(parsed, out _);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
            Guid? unitId = null;
            if (parsed.GetValue(unit) is { } code)
            {
                unitId = await db.OrgUnits.Where(u => u.Code == code.Trim()).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
                if (unitId is null)
                {
                    var codes = await db.OrgUnits.OrderBy(u => u.Code).Select(u => u.Code).ToListAsync(ct);
                    return await cli.FailAsync(
                        Error.Validation("orgUnitId", $"No unit with code '{code}'. Codes: {string.Join(", ", codes)}."), OptionNames);
                }
            }

            var input = new UserInput
            {
                UserName = parsed.GetValue(user),
                Password = parsed.GetValue(password),
                Roles = parsed.GetValue(roles) ?? [],
                OrgUnitId = unitId,
                DisplayName = parsed.GetValue(displayName),
                Email = parsed.GetValue(email),
                AccountManagerLevel = parsed.GetValue(level),
            };
            var created = await scope.ServiceProvider.GetRequiredService<UserService>().CreateAsync(CliContext.Caller, input, ct);
            if (!created.IsSuccess)
            {
                return await cli.FailAsync(created.Error!, OptionNames);
            }

            var u = created.Value;
            await cli.Out.WriteLineAsync(
                $"Created user {u.UserName} ({u.DisplayName}); roles: {string.Join(", ", u.Roles)}; unit: {u.OrgUnitName ?? "none"}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ListCommand(CliContext cli)
    {
        var role = new Option<string>("--role") { Description = "Only users with this role." };
        var command = new Command("list", "Lists users as a table.") { role };
        command.SetAction(async (parsed, ct) =>
        {
            await using var services = cli.Services(parsed, out _);
            await using var scope = services.CreateAsyncScope();
            var list = await scope.ServiceProvider.GetRequiredService<UserService>().ListAsync(CliContext.Caller, parsed.GetValue(role), ct);
            if (!list.IsSuccess)
            {
                return await cli.FailAsync(list.Error!);
            }

            var table = new Table().AddColumns("User", "Display name", "Roles", "Unit", "Level", "Active", "E-mail");
            foreach (var u in list.Value)
            {
                table.AddRow(
                    new Text(u.UserName),
                    new Text(u.DisplayName),
                    new Text(string.Join(", ", u.Roles)),
                    new Text(u.OrgUnitName ?? ""),
                    new Text(u.AccountManagerLevel is { } l ? EnumNames.ToApi(l) : ""),
                    new Text(u.IsLockedOut ? "locked" : u.IsActive ? "yes" : "no"),
                    new Text(u.Email ?? ""));
            }

            cli.Console.Write(table);
            await cli.Out.WriteLineAsync($"{list.Value.Count} user(s).");
            return ExitCodes.Ok;
        });
        return command;
    }
}
