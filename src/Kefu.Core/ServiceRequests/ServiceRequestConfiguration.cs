using Kefu.Core.Customers;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.ServiceRequests;

internal sealed class RequestTypeConfiguration : IEntityTypeConfiguration<RequestType>
{
    public void Configure(EntityTypeBuilder<RequestType> b)
    {
        b.ToTable("request_types");
        b.HasKey(t => t.Code);
        b.Property(t => t.Code).HasMaxLength(10);
        b.Property(t => t.NameZh).HasMaxLength(50);
        b.Property(t => t.NameEn).HasMaxLength(50);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.Ignore(t => t.NumberRangeCode);
        b.HasMany(t => t.Statuses).WithOne().HasForeignKey(s => s.TypeCode).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.Transitions).WithOne().HasForeignKey(s => s.TypeCode).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.Statuses).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(t => t.Transitions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RequestTypeStatusConfiguration : IEntityTypeConfiguration<RequestTypeStatus>
{
    public void Configure(EntityTypeBuilder<RequestTypeStatus> b)
    {
        b.ToTable("request_type_statuses");
        b.HasKey(s => new { s.TypeCode, s.Code });
        b.Property(s => s.TypeCode).HasMaxLength(10);
        b.Property(s => s.Code).HasMaxLength(10);
        b.Property(s => s.LabelZh).HasMaxLength(50);
        b.Property(s => s.LabelEn).HasMaxLength(50);
        b.Property(s => s.Roles).HasMaxLength(200);
    }
}

internal sealed class RequestTypeTransitionConfiguration : IEntityTypeConfiguration<RequestTypeTransition>
{
    public void Configure(EntityTypeBuilder<RequestTypeTransition> b)
    {
        b.ToTable("request_type_transitions");
        b.HasKey(t => new { t.TypeCode, t.FromCode, t.ToCode });
        b.Property(t => t.TypeCode).HasMaxLength(10);
        b.Property(t => t.FromCode).HasMaxLength(10);
        b.Property(t => t.ToCode).HasMaxLength(10);
    }
}

internal sealed class ServiceRequestConfiguration : IEntityTypeConfiguration<ServiceRequest>
{
    public void Configure(EntityTypeBuilder<ServiceRequest> b)
    {
        b.ToTable("service_requests");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Number).HasMaxLength(20);
        b.Property(r => r.TypeCode).HasMaxLength(10);
        b.Property(r => r.ShortText).HasMaxLength(200);
        b.Property(r => r.Reporter).HasMaxLength(100);
        b.Property(r => r.ReferenceDocument).HasMaxLength(40);
        b.Property(r => r.ObjectProvince).HasMaxLength(50);
        b.Property(r => r.ObjectCity).HasMaxLength(50);
        b.Property(r => r.ObjectDistrict).HasMaxLength(50);
        b.Property(r => r.ObjectStreet).HasMaxLength(200);
        b.Property(r => r.UserStatus).HasMaxLength(10);
        b.Property(r => r.CreatedByName).HasMaxLength(256);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => r.Number).IsUnique();
        b.HasIndex(r => new { r.CreatedAt, r.Number });
        b.HasIndex(r => new { r.GreenChannel, r.CreatedAt, r.Number }); // default list: green channel first (SLA-5)
        b.HasIndex(r => new { r.ResponsibilityCentreId, r.SystemStatus, r.CreatedAt });
        b.HasIndex(r => new { r.WorkCentreId, r.SystemStatus, r.CreatedAt });
        b.HasIndex(r => new { r.CustomerId, r.CreatedAt });
        b.HasIndex(r => new { r.SystemStatus, r.RequiredStart });
        b.HasIndex(r => r.ResponsiblePersonId);
        b.Property(r => r.SlaLevelCode).HasMaxLength(10);
        // Rows older than the SLA capability sort with "no due time, not green channel".
        b.Property(r => r.SlaSortKey).HasMaxLength(15).HasDefaultValue(ServiceRequest.SortKey(false, null));
        b.HasIndex(r => new { r.SlaSortKey, r.Number });
        b.HasIndex(r => new { r.SlaState, r.SlaSortKey });
        b.HasOne<RequestType>().WithMany().HasForeignKey(r => r.TypeCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(r => r.ShipToCustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.ResponsibilityCentreId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.WorkCentreId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(r => r.ResponsiblePersonId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(r => r.EarlierRequestId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Log).WithOne().HasForeignKey(i => i.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.StatusChanges).WithOne().HasForeignKey(i => i.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(r => r.Log).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(r => r.StatusChanges).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ServiceRequestItemConfiguration : IEntityTypeConfiguration<ServiceRequestItem>
{
    public void Configure(EntityTypeBuilder<ServiceRequestItem> b)
    {
        b.ToTable("service_request_items");
        b.Property(i => i.Id).ValueGeneratedNever();
        foreach (var p in new[] { "CategoryLevel1", "CategoryLevel2", "ColourMain", "ColourSecondary", "Material", "ReasonCode", "OemVendor" })
        {
            b.Property(p).HasMaxLength(50);
        }

        b.Property(i => i.Quantity).HasPrecision(12, 3);
        b.HasIndex(i => i.RequestId);
    }
}

internal sealed class ServiceRequestLogEntryConfiguration : IEntityTypeConfiguration<ServiceRequestLogEntry>
{
    public void Configure(EntityTypeBuilder<ServiceRequestLogEntry> b)
    {
        b.ToTable("service_request_log");
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.AuthorName).HasMaxLength(256);
        b.Property(i => i.Text).HasMaxLength(8000);
        b.HasIndex(i => new { i.RequestId, i.At });
    }
}

internal sealed class ServiceRequestStatusChangeConfiguration : IEntityTypeConfiguration<ServiceRequestStatusChange>
{
    public void Configure(EntityTypeBuilder<ServiceRequestStatusChange> b)
    {
        b.ToTable("service_request_status_changes");
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.ByName).HasMaxLength(256);
        b.Property(i => i.FromStatus).HasMaxLength(10);
        b.Property(i => i.ToStatus).HasMaxLength(10);
        b.Property(i => i.Comment).HasMaxLength(2000);
        b.HasIndex(i => new { i.RequestId, i.At });
    }
}
