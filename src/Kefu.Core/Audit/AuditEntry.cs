using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.Audit;

public enum AuditAction
{
    Insert = 0,
    Update = 1,
    Delete = 2,
}

/// <summary>One change to one row (SEC-2). Written only by <see cref="AuditInterceptor"/>.</summary>
public sealed class AuditEntry
{
    public long Id { get; internal set; }

    public DateTime At { get; internal set; }

    public Guid? UserId { get; internal set; }

    public string UserName { get; internal set; } = "";

    public string Entity { get; internal set; } = "";

    public string EntityKey { get; internal set; } = "";

    public AuditAction Action { get; internal set; }

    /// <summary>JSON of the changed properties' old values (updates, deletes).</summary>
    public string? Before { get; internal set; }

    /// <summary>JSON of the changed properties' new values (inserts, updates).</summary>
    public string? After { get; internal set; }

    /// <summary>The customer the row belongs to, for the history panel on the customer.</summary>
    public Guid? CustomerId { get; internal set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.Entity).HasMaxLength(100);
        b.Property(a => a.EntityKey).HasMaxLength(100);
        b.HasIndex(a => new { a.Entity, a.EntityKey, a.Id });
        b.HasIndex(a => new { a.CustomerId, a.Id });
        b.HasIndex(a => a.At);
    }
}
