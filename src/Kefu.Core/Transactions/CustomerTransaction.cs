using Kefu.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.Transactions;

public enum SalesChannel
{
    Offline = 0,
    Online = 1,
}

/// <summary>
/// One purchase of a customer (CUS-5): what classification reads. Imported in bulk, never edited in place;
/// a wrong row is corrected by importing its reversal (a negative amount).
/// </summary>
public sealed class CustomerTransaction : ICustomerOwned
{
    private CustomerTransaction()
    {
        Items = PaymentMethod = "";
    }

    public Guid Id { get; private set; }

    public Guid CustomerId { get; private set; }

    public DateOnly Date { get; private set; }

    /// <summary>CNY, two decimals.</summary>
    public decimal Amount { get; private set; }

    /// <summary>What was bought, as the source system wrote it (e.g. "sofa x1; cushion x2").</summary>
    public string Items { get; private set; }

    public SalesChannel Channel { get; private set; }

    public string PaymentMethod { get; private set; }

    public string? Promotion { get; private set; }

    /// <summary>The order number in the source system, if any.</summary>
    public string? Reference { get; private set; }

    /// <summary>The import that wrote the row.</summary>
    public Guid? ImportId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public static CustomerTransaction Create(
        Guid customerId, DateOnly date, decimal amount, string items, SalesChannel channel, string paymentMethod,
        string? promotion, string? reference, Guid? importId, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), CustomerId = customerId, Date = date, Amount = amount, Items = items, Channel = channel,
        PaymentMethod = paymentMethod, Promotion = promotion, Reference = reference, ImportId = importId, CreatedAt = now,
    };
}

internal sealed class CustomerTransactionConfiguration : IEntityTypeConfiguration<CustomerTransaction>
{
    public void Configure(EntityTypeBuilder<CustomerTransaction> b)
    {
        b.ToTable("transactions");
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.Amount).HasPrecision(14, 2);
        b.Property(t => t.Items).HasMaxLength(1000);
        b.Property(t => t.PaymentMethod).HasMaxLength(40);
        b.Property(t => t.Promotion).HasMaxLength(100);
        b.Property(t => t.Reference).HasMaxLength(60);
        // No foreign key to customers and no index on ImportId: each cost more than the rest of a bulk write (ADR-0003). The
        // importer checks customers and locks them until its commit; delete and merge lock the customer, then look for purchases.
        // A customer's purchase history, newest first, and per-customer windows.
        b.HasIndex(t => new { t.CustomerId, t.Date });
    }
}
