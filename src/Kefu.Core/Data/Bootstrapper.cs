using System.Security.Cryptography;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Data;

public sealed record AdministratorCreated(string UserName, string Password, bool PasswordGenerated);

/// <summary>First run on an empty database: migrations, roles, a company unit and the first administrator.</summary>
public sealed class Bootstrapper(
    KefuDb db, UserManager<User> users, RoleManager<Role> roles, ServiceRequests.RequestTypeService requestTypes, TimeProvider time,
    Calendars.CalendarService calendars, Sla.ServiceLevelService serviceLevels,
    Classification.ClassificationService classification)
{
    /// <summary>Applies migrations and adds shipped reference data (request types) that is missing.</summary>
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        await requestTypes.EnsureDefaultsAsync(ct);
        await calendars.EnsureDefaultsAsync(ct);
        await serviceLevels.EnsureDefaultsAsync(ct);
        await classification.EnsureDefaultsAsync(ct);
    }

    /// <summary>Creates missing roles and the root company; returns the administrator it created, or null when one exists.</summary>
    public async Task<AdministratorCreated?> EnsureAdministratorAsync(string? userName, string? password, CancellationToken ct = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new Role(role)));
            }
        }

        if (!await db.OrgUnits.AnyAsync(ct))
        {
            db.OrgUnits.Add(OrgUnit.Create("HQ", "总公司", OrgUnitKind.Company, null));
            await db.SaveChangesAsync(ct);
        }

        if ((await users.GetUsersInRoleAsync(Roles.Administrator)).Count > 0)
        {
            return null;
        }

        var name = string.IsNullOrWhiteSpace(userName) ? "admin" : userName.Trim();
        var generated = string.IsNullOrEmpty(password);
        var pass = generated ? GeneratePassword() : password!;
        var admin = new User
        {
            UserName = name,
            DisplayName = "Administrator",
            CreatedAt = time.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        Check(await users.CreateAsync(admin, pass));
        Check(await users.AddToRoleAsync(admin, Roles.Administrator));
        return new AdministratorCreated(name, pass, generated);
    }

    /// <summary>A 20-character password with every character class Identity's default policy asks for.</summary>
    public static string GeneratePassword()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "!@#$%*-_";
        const string all = lower + upper + digits + symbols;
        var chars = new List<char>
        {
            lower[RandomNumberGenerator.GetInt32(lower.Length)],
            upper[RandomNumberGenerator.GetInt32(upper.Length)],
            digits[RandomNumberGenerator.GetInt32(digits.Length)],
            symbols[RandomNumberGenerator.GetInt32(symbols.Length)],
        };
        while (chars.Count < 20)
        {
            chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        }

        return new string(chars.OrderBy(_ => RandomNumberGenerator.GetInt32(1000)).ToArray());
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
