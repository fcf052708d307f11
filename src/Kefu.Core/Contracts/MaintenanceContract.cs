using Kefu.Core.Common;
using Kefu.Core.Customers;
using Kefu.Core.Data;
using Kefu.Core.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.Contracts;

/// <summary>Where a contract stands: drafted, in force, past its end, or ended early.</summary>
public enum ContractState
{
    Draft = 0,
    Active = 1,
    Expired = 2,
    Terminated = 3,
}

/// <summary>How often the contract fee is billed.</summary>
public enum BillingPeriod
{
    Once = 0,
    Monthly = 1,
    Quarterly = 2,
    HalfYearly = 3,
    Yearly = 4,
}

/// <summary>
/// A maintenance contract (维保合同, SLA-4): a customer's service level for a period, the objects it covers, its fee and
/// the preventive maintenance schedules that create service requests by themselves.
/// Rules: drafts and active contracts are edited; a draft is activated; drafts and active contracts are terminated;
/// the contract-expiry job marks active contracts expired the day after they end; expired and terminated contracts are read-only.
/// </summary>
public sealed class MaintenanceContract : IVersioned, ICustomerOwned
{
    private MaintenanceContract()
    {
        Number = ServiceLevelCode = CoveredTypes = "";
    }

    public Guid Id { get; private set; }

    public string Number { get; private set; }

    public Guid CustomerId { get; private set; }

    /// <summary>The service level code (basic, preventive, contract, full, customised, remote-monitoring…) SLA-1 applies.</summary>
    public string ServiceLevelCode { get; private set; }

    public DateOnly StartDate { get; private set; }

    public DateOnly EndDate { get; private set; }

    /// <summary>Fee in CNY per billing period.</summary>
    public decimal Fee { get; private set; }

    public BillingPeriod BillingPeriod { get; private set; }

    /// <summary>Covered request type codes as <c>,MNT,REP,</c>; empty means every type.</summary>
    public string CoveredTypes { get; private set; }

    /// <summary>The responsibility centre that answers for the contract; the scope check uses it.</summary>
    public Guid ResponsibleUnitId { get; private set; }

    public Guid? ResponsibleUserId { get; private set; }

    public Guid? AccountManagerId { get; private set; }

    public ContractState State { get; private set; }

    public DateOnly? TerminatedOn { get; private set; }

    public string? TerminationReason { get; private set; }

    public string? Notes { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<string> CoveredTypeList => ContractTypes.Split(CoveredTypes);

    public bool IsEditable => State is ContractState.Draft or ContractState.Active;

    public void BumpVersion() => Version++;

    internal static MaintenanceContract Create(string number, ValidContract v, DateTime now)
    {
        var c = new MaintenanceContract { Id = Guid.CreateVersion7(), Number = number, CustomerId = v.CustomerId, State = ContractState.Draft, CreatedAt = now };
        c.Apply(v, now);
        return c;
    }

    internal void Apply(ValidContract v, DateTime now)
    {
        ServiceLevelCode = v.ServiceLevelCode;
        StartDate = v.StartDate;
        EndDate = v.EndDate;
        Fee = v.Fee;
        BillingPeriod = v.BillingPeriod;
        CoveredTypes = ContractTypes.Join(v.CoveredTypes);
        ResponsibleUnitId = v.ResponsibleUnitId;
        ResponsibleUserId = v.ResponsibleUserId;
        AccountManagerId = v.AccountManagerId;
        Notes = v.Notes;
        UpdatedAt = now;
    }

    internal void Activate(DateTime now)
    {
        State = ContractState.Active;
        UpdatedAt = now;
    }

    internal void Terminate(DateOnly on, string reason, DateTime now)
    {
        State = ContractState.Terminated;
        TerminatedOn = on;
        TerminationReason = reason;
        UpdatedAt = now;
    }

    internal void Expire(DateTime now)
    {
        State = ContractState.Expired;
        UpdatedAt = now;
    }
}

/// <summary>The covered-types column: codes between commas so one LIKE-free <c>Contains</c> finds a code in SQL.</summary>
public static class ContractTypes
{
    public static string Join(IReadOnlyCollection<string> codes) => codes.Count == 0 ? "" : "," + string.Join(",", codes) + ",";

    public static IReadOnlyList<string> Split(string stored) => stored.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class MaintenanceContractConfiguration : IEntityTypeConfiguration<MaintenanceContract>
{
    public void Configure(EntityTypeBuilder<MaintenanceContract> b)
    {
        b.ToTable("maintenance_contracts");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Number).HasMaxLength(20);
        b.Property(c => c.ServiceLevelCode).HasMaxLength(40);
        b.Property(c => c.Fee).HasPrecision(18, 2);
        b.Property(c => c.CoveredTypes).HasMaxLength(400);
        b.Property(c => c.TerminationReason).HasMaxLength(500);
        b.Property(c => c.Notes).HasMaxLength(4000);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.CoveredTypeList);
        b.Ignore(c => c.IsEditable);
        b.HasIndex(c => c.Number).IsUnique();
        b.HasIndex(c => new { c.CustomerId, c.State, c.StartDate });
        b.HasIndex(c => new { c.ResponsibleUnitId, c.EndDate, c.Number });
        b.HasIndex(c => new { c.State, c.EndDate });
        b.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.ResponsibleUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The contract number range (MC00000001), seeded by the migration beside the customer range.</summary>
internal sealed class ContractNumberRangeConfiguration : IEntityTypeConfiguration<NumberRange>
{
    public const string Code = "contract";

    public void Configure(EntityTypeBuilder<NumberRange> b) =>
        b.HasData(new NumberRange { Code = Code, Prefix = "MC", Width = 8, Next = 1 });
}
