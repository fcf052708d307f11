using Kefu.Core.Audit;
using Kefu.Core.Customers;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Data;

public sealed class KefuDb(DbContextOptions<KefuDb> options)
    : IdentityDbContext<User, Role, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<CustomerContact> CustomerContacts => Set<CustomerContact>();

    public DbSet<CustomerAddress> CustomerAddresses => Set<CustomerAddress>();

    public DbSet<CustomerTag> CustomerTags => Set<CustomerTag>();

    public DbSet<CustomerKeyDate> CustomerKeyDates => Set<CustomerKeyDate>();

    public DbSet<CustomerGroup> CustomerGroups => Set<CustomerGroup>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<NumberRange> NumberRanges => Set<NumberRange>();

    public DbSet<ServiceRequests.RequestType> RequestTypes => Set<ServiceRequests.RequestType>();

    public DbSet<ServiceRequests.ServiceRequest> ServiceRequests => Set<ServiceRequests.ServiceRequest>();

    public DbSet<ServiceRequests.RequestLink> RequestLinks => Set<ServiceRequests.RequestLink>();

    public DbSet<ServiceRequests.SavedView> SavedViews => Set<ServiceRequests.SavedView>();

    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();

    public DbSet<Notifications.OutgoingMail> OutgoingMail => Set<Notifications.OutgoingMail>();

    public DbSet<Transactions.CustomerTransaction> Transactions => Set<Transactions.CustomerTransaction>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(KefuDb).Assembly);
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their names: readable in SQL and stable when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        // Instants are UTC everywhere; SQLite loses the kind, so it is restored on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc))
{
}
