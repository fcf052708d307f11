using Kefu.Core.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Kefu.Core.Notifications;

/// <summary>Delivers queued mail over SMTP. Rows are claimed first so several app nodes never send one mail twice.</summary>
public sealed class MailDelivery(KefuDb db, MailOptions options, TimeProvider time, ILogger<MailDelivery> log)
{
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Sends up to <paramref name="batch"/> pending mails; returns how many went out.</summary>
    public async Task<int> DeliverPendingAsync(int batch = 20, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var stale = now - ClaimTimeout;
        var candidates = await db.OutgoingMail.Where(m => m.SentAt == null && m.Attempts < options.MaxAttempts && (m.ClaimedAt == null || m.ClaimedAt < stale))
            .OrderBy(m => m.CreatedAt).Select(m => m.Id).Take(batch).ToListAsync(ct);
        var sent = 0;
        foreach (var id in candidates)
        {
            var claimed = await db.OutgoingMail.Where(m => m.Id == id && m.SentAt == null && (m.ClaimedAt == null || m.ClaimedAt < stale))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedAt, now), ct);
            if (claimed == 1 && await SendAsync(id, ct))
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<bool> SendAsync(Guid id, CancellationToken ct)
    {
        var mail = await db.OutgoingMail.AsNoTracking().FirstAsync(m => m.Id == id, ct);
        try
        {
            using var smtp = new SmtpClient();
            await smtp.ConnectAsync(options.Host!, options.Port, options.StartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await smtp.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
            }

            await smtp.SendAsync(ToMime(mail), ct);
            await smtp.DisconnectAsync(true, ct);
            var at = time.GetUtcNow().UtcDateTime;
            await db.OutgoingMail.Where(m => m.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, at).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            return true;
        }
        catch (Exception ex) when (ex is IOException or SmtpCommandException or SmtpProtocolException or System.Net.Sockets.SocketException or MailKit.ServiceNotConnectedException or MailKit.Security.AuthenticationException)
        {
            log.LogWarning(ex, "Mail {Id} to {To} not sent", id, mail.To);
            var error = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
            await db.OutgoingMail.Where(m => m.Id == id).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.ClaimedAt, (DateTime?)null).SetProperty(m => m.LastError, error).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            return false;
        }
    }

    private MimeMessage ToMime(OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        foreach (var to in mail.To.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = mail.TextBody };
        if (mail.Urgent)
        {
            message.Priority = MessagePriority.Urgent;
            message.Importance = MessageImportance.High;
            message.XPriority = XMessagePriority.Highest;
        }

        return message;
    }
}
