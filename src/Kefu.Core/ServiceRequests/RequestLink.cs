using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.ServiceRequests;

/// <summary>How two requests relate (SRQ-10).</summary>
public enum LinkKind
{
    Related = 0,
    SplitFrom = 1,
    MergedInto = 2,
}

/// <summary>A directed relation between two requests: <c>From</c> is related to / split from / merged into <c>To</c>.</summary>
public sealed class RequestLink
{
    private RequestLink()
    {
        ByName = "";
    }

    public Guid Id { get; private set; }

    public Guid FromRequestId { get; private set; }

    public Guid ToRequestId { get; private set; }

    public LinkKind Kind { get; private set; }

    public DateTime At { get; private set; }

    public string ByName { get; private set; }

    internal static RequestLink Create(Guid from, Guid to, LinkKind kind, string by, DateTime now) =>
        new() { Id = Guid.CreateVersion7(), FromRequestId = from, ToRequestId = to, Kind = kind, ByName = by, At = now };
}

internal sealed class RequestLinkConfiguration : IEntityTypeConfiguration<RequestLink>
{
    public void Configure(EntityTypeBuilder<RequestLink> b)
    {
        b.ToTable("service_request_links");
        b.Property(l => l.Id).ValueGeneratedNever();
        b.Property(l => l.ByName).HasMaxLength(256);
        b.HasIndex(l => new { l.FromRequestId, l.ToRequestId, l.Kind }).IsUnique();
        b.HasIndex(l => l.ToRequestId);
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(l => l.FromRequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(l => l.ToRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
