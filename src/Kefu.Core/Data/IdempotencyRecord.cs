using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.Data;

/// <summary>
/// The stored outcome of a create sent with an <c>Idempotency-Key</c> header (API-1): a retry with the same key
/// by the same user gets the same response instead of a second record. <see cref="StatusCode"/> 0 means in progress.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid UserId { get; set; }

    public string Key { get; set; } = "";

    public string Endpoint { get; set; } = "";

    /// <summary>SHA-256 of the request body: the same key with a different body is a client error.</summary>
    public string RequestHash { get; set; } = "";

    public int StatusCode { get; set; }

    public string? Location { get; set; }

    public string? ResponseJson { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("idempotency_records");
        b.HasKey(r => new { r.UserId, r.Key });
        b.Property(r => r.Key).HasMaxLength(100);
        b.Property(r => r.Endpoint).HasMaxLength(200);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.Property(r => r.Location).HasMaxLength(300);
        b.HasIndex(r => r.CreatedAt);
    }
}
