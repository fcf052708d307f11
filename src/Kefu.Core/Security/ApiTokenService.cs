using Kefu.Core.Common;
using Kefu.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kefu.Core.Security;

public sealed record IssuedToken(Guid Id, string Token, DateTime ExpiresAt);

public sealed record ApiTokenDto(Guid Id, string Name, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt);

/// <summary>Bearer tokens for the API: issued for a user name and password, checked on every call, revocable.</summary>
public sealed class ApiTokenService(KefuDb db, LoginGuard guard, IRequestOrigin origin, ILoggerFactory loggers, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>Checks the password through <see cref="LoginGuard"/> (throttled per user and address, same cost for unknown users).</summary>
    public async Task<Result<IssuedToken>> IssueAsync(string? userName, string? password, string? name, CancellationToken ct = default)
    {
        var e = new ValidationErrors();
        e.Required("userName", userName, 256);
        e.Required("password", password, 256);
        e.MaxLength("name", name, 100);
        if (e.Any)
        {
            return e.ToError();
        }

        var check = await guard.CheckAsync(userName!, password!, "token endpoint");
        if (check.Outcome == LoginOutcome.Throttled)
        {
            return new Error(ErrorKind.Unauthorized, "Login.LockedOut", "Too many failed attempts from this address; try again in a while.");
        }

        if (check.Outcome != LoginOutcome.Succeeded)
        {
            return BadCredentials();
        }

        var user = check.User!;
        var (token, plain) = ApiToken.Issue(user.Id, name?.Trim() is { Length: > 0 } n ? n : "api", time.GetUtcNow().UtcDateTime, Lifetime);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        SecurityLog.TokenIssued(loggers.CreateLogger(SecurityLog.Category), user.UserName!, origin.ClientAddress, token.Id);
        return new IssuedToken(token.Id, plain, token.ExpiresAt);
    }

    /// <summary>The caller a token stands for, or null when it is unknown, expired, revoked or its user inactive.</summary>
    public async Task<Caller?> AuthenticateAsync(string plainText, CancellationToken ct = default)
    {
        var hash = ApiToken.Hash(plainText);
        var now = time.GetUtcNow().UtcDateTime;
        // One round trip per API call: the token, its active user and the user's roles.
        var row = await db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null && t.ExpiresAt > now)
            .Join(db.Users.Where(u => u.IsActive), t => t.UserId, u => u.Id, (t, u) => new
            {
                u.Id,
                u.UserName,
                u.OrgUnitId,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : new Caller(row.Id, row.UserName!, row.Roles.ToHashSet(StringComparer.Ordinal), row.OrgUnitId);
    }

    public async Task<IReadOnlyList<ApiTokenDto>> ListAsync(Caller caller, CancellationToken ct = default) =>
        await db.ApiTokens.AsNoTracking().Where(t => t.UserId == caller.UserId).OrderByDescending(t => t.CreatedAt)
            .Select(t => new ApiTokenDto(t.Id, t.Name, t.CreatedAt, t.ExpiresAt, t.RevokedAt)).ToListAsync(ct);

    /// <summary>Users revoke their own tokens; administrators any.</summary>
    public async Task<Result<Unit>> RevokeAsync(Caller caller, Guid tokenId, CancellationToken ct = default)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null || (token.UserId != caller.UserId && !caller.IsAdministrator))
        {
            return Error.NotFound("Token");
        }

        token.Revoke(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    private static Error BadCredentials() =>
        new(ErrorKind.Unauthorized, "Login.Invalid", "Unknown user name or wrong password.");
}
