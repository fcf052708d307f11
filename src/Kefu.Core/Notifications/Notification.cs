using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.Notifications;

/// <summary>An in-app notice to one user (e.g. an emergency request for a technician on duty); read or unread.</summary>
public sealed class Notification
{
    private Notification()
    {
        Title = Body = Kind = "";
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public DateTime At { get; private set; }

    public string Kind { get; private set; }

    public string Title { get; private set; }

    public string Body { get; private set; }

    /// <summary>Where the notice leads, e.g. the request number.</summary>
    public string? Link { get; private set; }

    public DateTime? ReadAt { get; private set; }

    internal static Notification Create(Guid userId, string kind, string title, string body, string? link, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), UserId = userId, At = now, Kind = kind, Title = title, Body = body, Link = link,
    };

    internal void MarkRead(DateTime now) => ReadAt ??= now;
}

/// <summary>
/// An e-mail waiting to go out (transactional outbox): written in the same transaction as the change that causes it,
/// delivered over SMTP by <see cref="MailDelivery"/>, retried on failure.
/// </summary>
public sealed class OutgoingMail
{
    private OutgoingMail()
    {
        To = Subject = TextBody = "";
    }

    public Guid Id { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>Comma-separated addresses.</summary>
    public string To { get; private set; }

    public string Subject { get; private set; }

    public string TextBody { get; private set; }

    public bool Urgent { get; private set; }

    public string? Reference { get; private set; }

    public DateTime? ClaimedAt { get; internal set; }

    public DateTime? SentAt { get; internal set; }

    public int Attempts { get; internal set; }

    public string? LastError { get; internal set; }

    internal static OutgoingMail Create(IEnumerable<string> to, string subject, string body, bool urgent, string? reference, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), CreatedAt = now, To = string.Join(",", to), Subject = subject, TextBody = body, Urgent = urgent, Reference = reference,
    };
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.Property(n => n.Id).ValueGeneratedNever();
        b.Property(n => n.Kind).HasMaxLength(40);
        b.Property(n => n.Title).HasMaxLength(200);
        b.Property(n => n.Body).HasMaxLength(2000);
        b.Property(n => n.Link).HasMaxLength(200);
        b.HasIndex(n => new { n.UserId, n.ReadAt, n.At });
    }
}

internal sealed class OutgoingMailConfiguration : IEntityTypeConfiguration<OutgoingMail>
{
    public void Configure(EntityTypeBuilder<OutgoingMail> b)
    {
        b.ToTable("outgoing_mail");
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.To).HasMaxLength(2000);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.TextBody).HasMaxLength(20000);
        b.Property(m => m.Reference).HasMaxLength(40);
        b.Property(m => m.LastError).HasMaxLength(1000);
        b.HasIndex(m => new { m.SentAt, m.CreatedAt });
        b.HasIndex(m => m.Reference);
    }
}
