using Kefu.Core.Organization;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.Customers;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        // Keys are Guid v7 made by the entities themselves; "never generated" makes EF insert children
        // found in a collection instead of taking them for existing rows.
        b.Property(c => c.Id).ValueGeneratedNever();
        b.ToTable("customers");
        b.Property(c => c.Number).HasMaxLength(20);
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.NameKey).HasMaxLength(200);
        b.Property(c => c.SourceChannel).HasMaxLength(50);
        b.Property(c => c.Notes).HasMaxLength(4000);
        b.Property(c => c.Hobbies).HasMaxLength(500);
        b.Property(c => c.PreferredContactTime).HasMaxLength(100);
        b.Property(c => c.ProductNeeds).HasMaxLength(500);
        b.Property(c => c.ServiceNeeds).HasMaxLength(500);
        b.Property(c => c.PromotionNeeds).HasMaxLength(500);
        b.Property(c => c.EnvironmentNeeds).HasMaxLength(500);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.Preferences);
        b.HasIndex(c => c.Number).IsUnique();
        b.HasIndex(c => new { c.NameKey, c.Number });
        b.HasIndex(c => new { c.OrgUnitId, c.Number });
        b.HasIndex(c => new { c.CreatedAt, c.Number });
        b.HasIndex(c => c.AccountManagerId);
        b.HasIndex(c => c.GroupId);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(c => c.AccountManagerId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<CustomerGroup>().WithMany().HasForeignKey(c => c.GroupId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(c => c.Contacts).WithOne().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Addresses).WithOne().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Tags).WithOne().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.KeyDates).WithOne().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Contacts).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.Addresses).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.Tags).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.KeyDates).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CustomerContactConfiguration : IEntityTypeConfiguration<CustomerContact>
{
    public void Configure(EntityTypeBuilder<CustomerContact> b)
    {
        b.Property(c => c.Id).ValueGeneratedNever();
        b.ToTable("customer_contacts");
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.Phone).HasMaxLength(30);
        b.Property(c => c.PhoneDigits).HasMaxLength(20);
        b.Property(c => c.Email).HasMaxLength(200);
        b.Property(c => c.WeChatId).HasMaxLength(50);
        b.HasIndex(c => c.CustomerId);
        b.HasIndex(c => c.PhoneDigits);
        b.HasIndex(c => c.Email);
    }
}

internal sealed class CustomerAddressConfiguration : IEntityTypeConfiguration<CustomerAddress>
{
    public void Configure(EntityTypeBuilder<CustomerAddress> b)
    {
        b.Property(a => a.Id).ValueGeneratedNever();
        b.ToTable("customer_addresses");
        b.Property(a => a.Label).HasMaxLength(50);
        b.Property(a => a.Province).HasMaxLength(50);
        b.Property(a => a.City).HasMaxLength(50);
        b.Property(a => a.District).HasMaxLength(50);
        b.Property(a => a.Street).HasMaxLength(200);
        b.Property(a => a.PostalCode).HasMaxLength(12);
        b.Ignore(a => a.OneLine);
        b.HasIndex(a => a.CustomerId);
    }
}

internal sealed class CustomerTagConfiguration : IEntityTypeConfiguration<CustomerTag>
{
    public void Configure(EntityTypeBuilder<CustomerTag> b)
    {
        b.ToTable("customer_tags");
        b.HasKey(t => new { t.CustomerId, t.Tag });
        b.Property(t => t.Tag).HasMaxLength(30);
        b.HasIndex(t => t.Tag);
    }
}

internal sealed class CustomerKeyDateConfiguration : IEntityTypeConfiguration<CustomerKeyDate>
{
    public void Configure(EntityTypeBuilder<CustomerKeyDate> b)
    {
        b.Property(d => d.Id).ValueGeneratedNever();
        b.ToTable("customer_key_dates");
        b.Property(d => d.Label).HasMaxLength(50);
        b.HasIndex(d => d.CustomerId);
    }
}

internal sealed class CustomerGroupConfiguration : IEntityTypeConfiguration<CustomerGroup>
{
    public void Configure(EntityTypeBuilder<CustomerGroup> b)
    {
        b.Property(g => g.Id).ValueGeneratedNever();
        b.ToTable("customer_groups");
        b.Property(g => g.Name).HasMaxLength(200);
        b.Property(g => g.Version).IsConcurrencyToken();
        b.HasIndex(g => g.Name).IsUnique();
    }
}
