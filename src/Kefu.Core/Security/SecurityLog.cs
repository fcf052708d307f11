using Microsoft.Extensions.Logging;

namespace Kefu.Core.Security;

/// <summary>
/// Security events, written to the <c>Kefu.Security</c> log category with structured fields (<c>SecurityEvent</c>,
/// <c>UserName</c>, <c>ClientAddress</c> and the event's own), so a log pipeline can alert on them.
/// </summary>
public static partial class SecurityLog
{
    public const string Category = "Kefu.Security";

    [LoggerMessage(EventId = 7001, EventName = "LoginSucceeded", Level = LogLevel.Information,
        Message = "{SecurityEvent}: {UserName} signed in from {ClientAddress} through the {Channel}")]
    public static partial void LoginSucceeded(ILogger logger, string userName, string clientAddress, string channel, string securityEvent = "login.succeeded");

    [LoggerMessage(EventId = 7002, EventName = "LoginFailed", Level = LogLevel.Warning,
        Message = "{SecurityEvent}: sign-in of {UserName} from {ClientAddress} through the {Channel} refused ({Reason}), failure {Failures} of this user from this address")]
    public static partial void LoginFailed(
        ILogger logger, string userName, string clientAddress, string channel, string reason, int failures, string securityEvent = "login.failed");

    [LoggerMessage(EventId = 7003, EventName = "LoginThrottled", Level = LogLevel.Warning,
        Message = "{SecurityEvent}: {UserName} from {ClientAddress} through the {Channel} must wait {RetryAfterSeconds} s after {Failures} failures")]
    public static partial void LoginThrottled(
        ILogger logger, string userName, string clientAddress, string channel, int retryAfterSeconds, int failures, string securityEvent = "login.throttled");

    [LoggerMessage(EventId = 7004, EventName = "Logout", Level = LogLevel.Information,
        Message = "{SecurityEvent}: {UserName} signed out from {ClientAddress}; the user's sessions are ended")]
    public static partial void Logout(ILogger logger, string userName, string clientAddress, string securityEvent = "logout");

    [LoggerMessage(EventId = 7005, EventName = "TokenIssued", Level = LogLevel.Information,
        Message = "{SecurityEvent}: API token {TokenId} issued to {UserName} from {ClientAddress}")]
    public static partial void TokenIssued(ILogger logger, string userName, string clientAddress, Guid tokenId, string securityEvent = "token.issued");

    [LoggerMessage(EventId = 7006, EventName = "TokenRefused", Level = LogLevel.Warning,
        Message = "{SecurityEvent}: a bearer token from {ClientAddress} was refused (unknown, expired, revoked or its user inactive) on {Path}")]
    public static partial void TokenRefused(ILogger logger, string clientAddress, string path, string securityEvent = "token.refused");

    [LoggerMessage(EventId = 7007, EventName = "AccessDenied", Level = LogLevel.Warning,
        Message = "{SecurityEvent}: {UserName} from {ClientAddress} may not {Method} {Path}")]
    public static partial void AccessDenied(
        ILogger logger, string userName, string clientAddress, string method, string path, string securityEvent = "access.denied");

    [LoggerMessage(EventId = 7008, EventName = "SessionRefused", Level = LogLevel.Warning,
        Message = "{SecurityEvent}: a login cookie of {UserName} from {ClientAddress} was refused: the session ended (logout, deactivation, role or password change)")]
    public static partial void SessionRefused(ILogger logger, string userName, string clientAddress, string securityEvent = "session.refused");

    [LoggerMessage(EventId = 7009, EventName = "AntiforgeryRefused", Level = LogLevel.Warning,
        Message = "{SecurityEvent}: {Method} {Path} by {UserName} from {ClientAddress} came with the login cookie but no valid antiforgery token")]
    public static partial void AntiforgeryRefused(
        ILogger logger, string userName, string clientAddress, string method, string path, string securityEvent = "csrf.refused");
}
