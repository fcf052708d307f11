using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.Organization;

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.ToTable("org_units");
        b.Property(u => u.Id).ValueGeneratedNever();
        b.Property(u => u.Code).HasMaxLength(32);
        b.Property(u => u.Name).HasMaxLength(100);
        b.Property(u => u.Version).IsConcurrencyToken();
        b.HasIndex(u => u.Code).IsUnique();
        b.HasIndex(u => u.ParentId);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
