using System.Net;
using System.Net.Sockets;
using Kefu.Core.Data;
using Microsoft.AspNetCore.Hosting;
using netDumbster.smtp;

namespace Kefu.Web.Tests.Infrastructure;

/// <summary>The app with its mail going to an in-process SMTP sink on a free loopback port.</summary>
public abstract class MailApp : KefuApp
{
    protected MailApp(DatabaseProvider provider)
        : base(provider)
    {
        Smtp = SimpleSmtpServer.Start(FreePort());
    }

    public SimpleSmtpServer Smtp { get; }

    /// <summary>Waits until a mail whose subject contains <paramref name="text"/> arrives (the outbox is polled every 200 ms).</summary>
    public async Task<SmtpMessage> MailAsync(string text, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            var found = Smtp.ReceivedEmail.FirstOrDefault(m => m.Subject?.Contains(text, StringComparison.Ordinal) == true);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No mail with '{text}' in the subject; received: {string.Join(" | ", Smtp.ReceivedEmail.Select(m => m.Subject))}");
    }

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Mail:Host", "127.0.0.1");
        builder.UseSetting("Mail:Port", Smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:From", "kefu@test.kefu.local");
        builder.UseSetting("Mail:PollMilliseconds", "200");
        builder.UseSetting("Mail:PublicUrl", "https://kefu.example.cn");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Smtp.Stop();
        }

        base.Dispose(disposing);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class SqliteMailApp : MailApp
{
    public SqliteMailApp()
        : base(DatabaseProvider.Sqlite)
    {
    }
}

public sealed class PostgresMailApp : MailApp
{
    public PostgresMailApp()
        : base(DatabaseProvider.PostgreSql)
    {
    }
}
