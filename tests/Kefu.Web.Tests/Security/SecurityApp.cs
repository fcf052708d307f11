using System.Collections.Concurrent;
using System.Net;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kefu.Web.Tests.Security;

/// <summary>
/// The real app with three test hooks: the client address comes from the <c>X-Test-Client-Address</c> header (a startup
/// filter in front of the whole pipeline; the app itself trusts no such header), the <c>Kefu.Security</c> log is captured,
/// and password-hash verifications are counted.
/// </summary>
public abstract class SecurityApp(DatabaseProvider provider) : KefuApp(provider)
{
    public const string AddressHeader = "X-Test-Client-Address";

    public CapturedLog Log { get; } = new();

    public CountingHasher.Counter HashChecks { get; } = new();

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.ConfigureLogging(l => l.AddProvider(Log));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
            services.AddSingleton(HashChecks);
            services.AddScoped<IPasswordHasher<User>, CountingHasher>();
        });
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext ctx, RequestDelegate n) =>
            {
                if (ctx.Request.Headers.TryGetValue(AddressHeader, out var value) && IPAddress.TryParse(value, out var ip))
                {
                    ctx.Connection.RemoteIpAddress = ip;
                }

                return n(ctx);
            });
            next(app);
        };
    }
}

public sealed class SecuritySqliteApp() : SecurityApp(DatabaseProvider.Sqlite);

public sealed class SecurityPostgresApp() : SecurityApp(DatabaseProvider.PostgreSql);

/// <summary>Identity's hasher, counting how often a password is verified.</summary>
public sealed class CountingHasher(CountingHasher.Counter counter) : IPasswordHasher<User>
{
    private readonly PasswordHasher<User> inner = new();

    public string HashPassword(User user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
    {
        counter.Add();
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }

    public sealed class Counter
    {
        private int count;

        public int Value => Volatile.Read(ref count);

        public void Add() => Interlocked.Increment(ref count);
    }
}

/// <summary>One structured log entry: its fields by name.</summary>
public sealed record LogEntry(string Category, LogLevel Level, string EventName, IReadOnlyDictionary<string, string?> Fields, string Message)
{
    public string? this[string field] => Fields.TryGetValue(field, out var v) ? v : null;
}

public sealed class CapturedLog : ILoggerProvider
{
    /// <summary>The app's security log category (SecurityLog.Category).</summary>
    public const string SecurityCategory = "Kefu.Security";

    private readonly ConcurrentQueue<LogEntry> entries = new();

    public IReadOnlyList<LogEntry> Security => entries.Where(e => e.Category == SecurityCategory).ToList();

    /// <summary>The security events of one client address (each test uses its own), optionally of one kind.</summary>
    public IReadOnlyList<LogEntry> From(string address, string? securityEvent = null) =>
        Security.Where(e => e["ClientAddress"] == address && (securityEvent is null || e["SecurityEvent"] == securityEvent)).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => category == SecurityCategory;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value?.ToString(), StringComparer.Ordinal)
                : new Dictionary<string, string?>(StringComparer.Ordinal);
            entries.Enqueue(new LogEntry(category, logLevel, eventId.Name ?? "", fields, formatter(state, exception)));
        }
    }
}
