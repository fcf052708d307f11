using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Notifications;

public sealed record NotificationDto(Guid Id, DateTime At, [property: OneOf(typeof(NotificationKinds))] string Kind, string Title, string Body, string? Link, bool IsRead);

/// <summary>What a notification is about; links and the bell's icons depend on it.</summary>
public static class NotificationKinds
{
    public const string EmergencyRequest = "emergency-request";
    public const string ContractExpiry = "contract-expiry";
    public const string SlaWarning = "sla-warning";
    public const string SlaBreach = "sla-breach";
}

public sealed record NotificationList(int UnreadCount, IReadOnlyList<NotificationDto> Items);

/// <summary>In-app notices and queued mail. Notify/Enqueue only add rows: the caller's SaveChanges commits them with its change.</summary>
public sealed class NotificationService(KefuDb db, TimeProvider time)
{
    public void Notify(IEnumerable<Guid> users, string kind, string title, string body, string? link)
    {
        var now = time.GetUtcNow().UtcDateTime;
        db.Notifications.AddRange(users.Distinct().Select(u => Notification.Create(u, kind, title, body, link, now)));
    }

    /// <summary>Queues a mail; returns it, or null when there is nobody to send it to.</summary>
    public OutgoingMail? Enqueue(IReadOnlyCollection<string> to, string subject, string body, bool urgent, string? reference)
    {
        if (to.Count == 0)
        {
            return null;
        }

        var mail = OutgoingMail.Create(to, subject, body, urgent, reference, time.GetUtcNow().UtcDateTime);
        db.OutgoingMail.Add(mail);
        return mail;
    }

    public async Task<NotificationList> ListAsync(Caller caller, bool unreadOnly, int limit = 50, CancellationToken ct = default)
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == caller.UserId);
        var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        var items = await (unreadOnly ? mine.Where(n => n.ReadAt == null) : mine).OrderByDescending(n => n.At).Take(Math.Clamp(limit, 1, 200))
            .Select(n => new NotificationDto(n.Id, n.At, n.Kind, n.Title, n.Body, n.Link, n.ReadAt != null)).ToListAsync(ct);
        return new NotificationList(unread, items);
    }

    public Task<int> UnreadCountAsync(Caller caller, CancellationToken ct = default) =>
        db.Notifications.CountAsync(n => n.UserId == caller.UserId && n.ReadAt == null, ct);

    public async Task<Result<Unit>> MarkReadAsync(Caller caller, Guid? id, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var mine = db.Notifications.Where(n => n.UserId == caller.UserId && n.ReadAt == null);
        var changed = await (id is Guid one ? mine.Where(n => n.Id == one) : mine).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return id is not null && changed == 0 && !await db.Notifications.AnyAsync(n => n.Id == id && n.UserId == caller.UserId, ct)
            ? Error.NotFound("Notification")
            : Unit.Value;
    }
}
