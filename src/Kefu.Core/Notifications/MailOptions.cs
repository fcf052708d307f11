namespace Kefu.Core.Notifications;

/// <summary>Bound from the <c>Mail</c> section. Without a host, mail stays queued in the outbox.</summary>
public sealed class MailOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string From { get; set; } = "kefu@localhost";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Use STARTTLS when the server offers it.</summary>
    public bool StartTls { get; set; }

    public int MaxAttempts { get; set; } = 5;

    /// <summary>The address people use to open Kefu, for links in mail.</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";
}
