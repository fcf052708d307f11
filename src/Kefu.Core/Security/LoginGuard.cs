using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Kefu.Core.Security;

public enum LoginOutcome
{
    Succeeded,
    Invalid,
    Throttled,
    Inactive,
}

public sealed record LoginCheck(LoginOutcome Outcome, User? User, TimeSpan RetryAfter);

/// <summary>
/// The one check of a user name and password, shared by the login page and the token endpoint: throttled per
/// (user, address), the same cost whether the user exists or not (an unknown name is verified against a dummy hash),
/// and every outcome logged with the client address.
/// </summary>
public sealed class LoginGuard(UserManager<User> users, LoginThrottle throttle, IRequestOrigin origin, ILoggerFactory loggers)
{
    private static readonly Lock DummyLock = new();
    private static string? dummyHash;

    private readonly ILogger log = loggers.CreateLogger(SecurityLog.Category);

    /// <param name="channel">"login page" or "token endpoint", for the log.</param>
    public async Task<LoginCheck> CheckAsync(string userName, string password, string channel)
    {
        var name = userName.Trim();
        var address = origin.ClientAddress;
        var (wait, failures) = throttle.Check(name, address);
        if (wait > TimeSpan.Zero)
        {
            SecurityLog.LoginThrottled(log, name, address, channel, (int)Math.Ceiling(wait.TotalSeconds), failures);
            return new LoginCheck(LoginOutcome.Throttled, null, wait);
        }

        var user = await users.FindByNameAsync(name);
        bool passwordOk;
        if (user is null)
        {
            // The same work as a real check, so the answer's timing does not tell whether the name exists.
            users.PasswordHasher.VerifyHashedPassword(new User(), DummyHash(), password);
            passwordOk = false;
        }
        else
        {
            passwordOk = await users.CheckPasswordAsync(user, password);
        }

        if (!passwordOk)
        {
            var count = throttle.Failed(name, address);
            SecurityLog.LoginFailed(log, name, address, channel, user is null ? "unknown user" : "wrong password", count);
            return new LoginCheck(LoginOutcome.Invalid, null, TimeSpan.Zero);
        }

        throttle.Succeeded(name, address);
        if (!user!.IsActive)
        {
            SecurityLog.LoginFailed(log, name, address, channel, "inactive user", 0);
            return new LoginCheck(LoginOutcome.Inactive, user, TimeSpan.Zero);
        }

        SecurityLog.LoginSucceeded(log, name, address, channel);
        return new LoginCheck(LoginOutcome.Succeeded, user, TimeSpan.Zero);
    }

    private string DummyHash()
    {
        lock (DummyLock)
        {
            return dummyHash ??= users.PasswordHasher.HashPassword(new User(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        }
    }
}
