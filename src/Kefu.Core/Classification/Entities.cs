using Kefu.Core.Common;
using Kefu.Core.ServiceRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.Classification;

/// <summary>How a scheme assigns classes (CLS-1..5).</summary>
public enum SchemeKind
{
    /// <summary>Pareto: cumulative value share or count share cut-offs.</summary>
    Abc = 0,

    /// <summary>Ordered thresholds on customer metrics, first match wins (value tiers, membership levels).</summary>
    Threshold = 1,

    /// <summary>Potential / new / active / loyal / at-risk / lost from the customer's own purchase rhythm.</summary>
    Lifecycle = 2,

    /// <summary>Classes written as rule expressions over the metrics.</summary>
    Rule = 3,
}

public enum RunState
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,

    /// <summary>Cancelled by an administrator: a queued run never starts; a running one stops before its next scheme
    /// (schemes already applied stay applied). <c>FinishedAt</c> is null while a running run is still stopping.</summary>
    Cancelled = 4,
}

public enum RunTrigger
{
    Api = 0,
    Ui = 1,
    Cli = 2,
    Schedule = 3,
}

/// <summary>Why a customer was lost, as recorded by staff (CLS-4).</summary>
public enum ChurnReason
{
    Natural = 0,
    Malicious = 1,
    Competitor = 2,
    OurFault = 3,
}

/// <summary>A way of classifying customers, configured as data. Its settings are versioned in <see cref="SchemeVersion"/>.</summary>
public sealed class ClassificationScheme : IVersioned
{
    private ClassificationScheme()
    {
        Code = NameZh = NameEn = "";
    }

    public Guid Id { get; private set; }

    /// <summary>Stable code, e.g. <c>abc</c>, <c>tier</c>; the key in a customer's <c>classes</c>.</summary>
    public string Code { get; private set; }

    public SchemeKind Kind { get; private set; }

    public string NameZh { get; private set; }

    public string NameEn { get; private set; }

    /// <summary>Number of the <see cref="SchemeVersion"/> in force.</summary>
    public int CurrentVersion { get; private set; }

    public bool Enabled { get; private set; }

    /// <summary>Order of runs and of badges.</summary>
    public int SortOrder { get; private set; }

    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    public static ClassificationScheme Create(string code, SchemeKind kind, string nameZh, string nameEn, int sortOrder) => new()
    {
        Id = Guid.CreateVersion7(), Code = code, Kind = kind, NameZh = nameZh, NameEn = nameEn, Enabled = true, SortOrder = sortOrder,
    };

    internal void Edit(string nameZh, string nameEn, bool enabled)
    {
        NameZh = nameZh;
        NameEn = nameEn;
        Enabled = enabled;
    }

    internal SchemeVersion NewVersion(string settingsJson, string by, DateTime now)
    {
        CurrentVersion++;
        return SchemeVersion.Create(Id, CurrentVersion, settingsJson, by, now);
    }
}

/// <summary>Immutable settings of one version of a scheme; editing a scheme's settings adds a version.</summary>
public sealed class SchemeVersion
{
    private SchemeVersion()
    {
        SettingsJson = CreatedBy = "";
    }

    public Guid Id { get; private set; }

    public Guid SchemeId { get; private set; }

    public int Number { get; private set; }

    public string SettingsJson { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    internal static SchemeVersion Create(Guid schemeId, int number, string json, string by, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), SchemeId = schemeId, Number = number, SettingsJson = json, CreatedBy = by, CreatedAt = now,
    };
}

/// <summary>A class of a scheme with its service consequences (CLS-6), read by the SLA and callback capabilities.</summary>
public sealed class SchemeClass : IVersioned
{
    private SchemeClass()
    {
        SchemeCode = Code = NameZh = NameEn = Colour = "";
    }

    public Guid Id { get; private set; }

    public string SchemeCode { get; private set; }

    public string Code { get; private set; }

    public string NameZh { get; private set; }

    public string NameEn { get; private set; }

    /// <summary>Position in the scheme, 1 = most valuable (the top of the pyramid).</summary>
    public int SortOrder { get; private set; }

    /// <summary>Badge colour, <c>#rrggbb</c>.</summary>
    public string Colour { get; private set; }

    public Urgency? Priority { get; private set; }

    public string? ServiceLevelCode { get; private set; }

    public bool GreenChannel { get; private set; }

    public int? CallbackCadenceDays { get; private set; }

    public int? VisitCadenceDays { get; private set; }

    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    public static SchemeClass Create(string schemeCode, string code) => new() { Id = Guid.CreateVersion7(), SchemeCode = schemeCode, Code = code };

    internal void Apply(ValidClass v)
    {
        NameZh = v.NameZh;
        NameEn = v.NameEn;
        SortOrder = v.SortOrder;
        Colour = v.Colour;
        Priority = v.Priority;
        ServiceLevelCode = v.ServiceLevelCode;
        GreenChannel = v.GreenChannel;
        CallbackCadenceDays = v.CallbackCadenceDays;
        VisitCadenceDays = v.VisitCadenceDays;
    }
}

internal sealed record ValidClass(
    string NameZh, string NameEn, int SortOrder, string Colour, Urgency? Priority, string? ServiceLevelCode, bool GreenChannel,
    int? CallbackCadenceDays, int? VisitCadenceDays);

/// <summary>A customer's current class in a scheme. Written set-based by runs only.</summary>
public sealed class CustomerClass : ICustomerOwned
{
    private CustomerClass()
    {
        SchemeCode = ClassCode = "";
    }

    public Guid CustomerId { get; private set; }

    public string SchemeCode { get; private set; }

    public string ClassCode { get; private set; }

    public DateTime Since { get; private set; }

    public Guid RunId { get; private set; }
}

/// <summary>One class change of a customer (history), written by the run that made it.</summary>
public sealed class ClassChange : ICustomerOwned
{
    private ClassChange()
    {
        SchemeCode = "";
    }

    public long Id { get; private set; }

    public Guid CustomerId { get; private set; }

    public string SchemeCode { get; private set; }

    public string? FromClass { get; private set; }

    public string? ToClass { get; private set; }

    public Guid RunId { get; private set; }

    public DateTime At { get; private set; }
}

/// <summary>A run's per-run working rows: the new class of each customer of the scheme being applied.</summary>
public sealed class StagedClass
{
    private StagedClass()
    {
        SchemeCode = ClassCode = "";
    }

    public string SchemeCode { get; private set; }

    public Guid CustomerId { get; private set; }

    public string ClassCode { get; private set; }
}

/// <summary>
/// Per-customer aggregates of the last run (one pass over transactions, one over service requests); every scheme and rule reads it.
/// Its columns are the rule vocabulary.
/// </summary>
public sealed class CustomerMetrics
{
    public Guid CustomerId { get; private set; }

    public Guid RunId { get; private set; }

    public double Revenue { get; private set; }

    public int Purchases { get; private set; }

    public double MaxSinglePurchase { get; private set; }

    public double LifetimeRevenue { get; private set; }

    public int LifetimePurchases { get; private set; }

    public DateOnly? FirstPurchase { get; private set; }

    public DateOnly? LastPurchase { get; private set; }

    public int? DaysSinceFirstPurchase { get; private set; }

    public int? DaysSinceLastPurchase { get; private set; }

    /// <summary>The customer's own rhythm: mean days between purchases (null with fewer than two).</summary>
    public double? MeanIntervalDays { get; private set; }

    public int Requests { get; private set; }

    public int Visits { get; private set; }

    public int Complaints { get; private set; }

    public double ItemUnits { get; private set; }

    public double CostToServe { get; private set; }

    public double Profit { get; private set; }

    /// <summary>The longest run of consecutive calendar months of the metrics window that each hold at least one purchase (0 without purchases).</summary>
    public int? ConsecutivePurchases { get; private set; }
}

/// <summary>A reclassification of every customer by every enabled scheme (or one scheme).</summary>
public sealed class ClassificationRun
{
    private ClassificationRun()
    {
        RequestedBy = ProgressJson = "";
    }

    public Guid Id { get; private set; }

    public RunState State { get; private set; }

    public RunTrigger Trigger { get; private set; }

    /// <summary>Only this scheme, or every enabled scheme when null.</summary>
    public string? SchemeCode { get; private set; }

    public string RequestedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? StartedAt { get; private set; }

    public DateTime? FinishedAt { get; private set; }

    public int StepsDone { get; private set; }

    public int StepsTotal { get; private set; }

    /// <summary>Per-scheme outcome, JSON array of <see cref="SchemeOutcome"/>.</summary>
    public string ProgressJson { get; private set; }

    public int Customers { get; private set; }

    public string? Error { get; private set; }

    public static ClassificationRun Create(RunTrigger trigger, string? schemeCode, string by, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), State = RunState.Queued, Trigger = trigger, SchemeCode = schemeCode, RequestedBy = by, CreatedAt = now,
        ProgressJson = "[]",
    };
}

/// <summary>Cost-to-serve settings (CLS-2) and the metrics window. One row.</summary>
public sealed class CostSettings : IVersioned
{
    public const string DefaultKey = "default";

    private CostSettings()
    {
        Key = DefaultKey;
        ComplaintTypeCodes = "CMP";
    }

    public string Key { get; private set; }

    /// <summary>Months of transactions and service records the metrics cover (revenue, purchases, cost to serve).</summary>
    public int WindowMonths { get; private set; } = 12;

    public decimal CostPerRequest { get; private set; } = 50m;

    /// <summary>A request dispatched to a work centre counts as an on-site visit.</summary>
    public decimal CostPerVisit { get; private set; } = 200m;

    public decimal CostPerComplaint { get; private set; } = 300m;

    /// <summary>Per unit of item quantity on requests (parts and labour).</summary>
    public decimal CostPerItemUnit { get; private set; } = 20m;

    /// <summary>Comma-separated request type codes that count as complaints.</summary>
    public string ComplaintTypeCodes { get; private set; }

    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    public static CostSettings CreateDefault() => new();

    internal void Apply(CostSettingsDto v)
    {
        WindowMonths = v.WindowMonths;
        CostPerRequest = v.CostPerRequest;
        CostPerVisit = v.CostPerVisit;
        CostPerComplaint = v.CostPerComplaint;
        CostPerItemUnit = v.CostPerItemUnit;
        ComplaintTypeCodes = string.Join(',', v.ComplaintTypeCodes);
    }
}

/// <summary>Why a customer left, recorded by staff on the customer's lifecycle record.</summary>
public sealed class CustomerChurn : IVersioned, ICustomerOwned
{
    private CustomerChurn()
    {
        RecordedBy = "";
    }

    public Guid CustomerId { get; private set; }

    public ChurnReason Reason { get; private set; }

    public string? Note { get; private set; }

    public string RecordedBy { get; private set; }

    public DateTime RecordedAt { get; private set; }

    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    public static CustomerChurn Create(Guid customerId) => new() { CustomerId = customerId };

    internal void Record(ChurnReason reason, string? note, string by, DateTime now)
    {
        Reason = reason;
        Note = note;
        RecordedBy = by;
        RecordedAt = now;
    }
}

internal sealed class ClassificationConfiguration :
    IEntityTypeConfiguration<ClassificationScheme>, IEntityTypeConfiguration<SchemeVersion>, IEntityTypeConfiguration<SchemeClass>,
    IEntityTypeConfiguration<CustomerClass>, IEntityTypeConfiguration<ClassChange>, IEntityTypeConfiguration<StagedClass>,
    IEntityTypeConfiguration<CustomerMetrics>, IEntityTypeConfiguration<ClassificationRun>, IEntityTypeConfiguration<CostSettings>,
    IEntityTypeConfiguration<CustomerChurn>
{
    public void Configure(EntityTypeBuilder<ClassificationScheme> b)
    {
        b.ToTable("classification_schemes");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Code).HasMaxLength(20);
        b.HasIndex(s => s.Code).IsUnique();
        b.Property(s => s.NameZh).HasMaxLength(100);
        b.Property(s => s.NameEn).HasMaxLength(100);
        b.Property(s => s.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<SchemeVersion> b)
    {
        b.ToTable("classification_scheme_versions");
        b.HasKey(v => v.Id);
        b.Property(v => v.Id).ValueGeneratedNever();
        b.Property(v => v.CreatedBy).HasMaxLength(100);
        b.HasIndex(v => new { v.SchemeId, v.Number }).IsUnique();
        b.HasOne<ClassificationScheme>().WithMany().HasForeignKey(v => v.SchemeId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<SchemeClass> b)
    {
        b.ToTable("classification_classes");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.SchemeCode).HasMaxLength(20);
        b.Property(c => c.Code).HasMaxLength(20);
        b.Property(c => c.NameZh).HasMaxLength(100);
        b.Property(c => c.NameEn).HasMaxLength(100);
        b.Property(c => c.Colour).HasMaxLength(7);
        b.Property(c => c.ServiceLevelCode).HasMaxLength(20);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => new { c.SchemeCode, c.Code }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<CustomerClass> b)
    {
        b.ToTable("customer_classes");
        b.HasKey(c => new { c.CustomerId, c.SchemeCode });
        b.Property(c => c.SchemeCode).HasMaxLength(20);
        b.Property(c => c.ClassCode).HasMaxLength(20);
        // List filter and pyramid: customers of a class.
        b.HasIndex(c => new { c.SchemeCode, c.ClassCode });
        b.HasOne<Customers.Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ClassChange> b)
    {
        b.ToTable("class_changes");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedOnAdd();
        b.Property(c => c.SchemeCode).HasMaxLength(20);
        b.Property(c => c.FromClass).HasMaxLength(20);
        b.Property(c => c.ToClass).HasMaxLength(20);
        b.HasIndex(c => new { c.CustomerId, c.Id });
        b.HasIndex(c => c.RunId);
        b.HasOne<Customers.Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<StagedClass> b)
    {
        b.ToTable("classification_staging");
        b.HasKey(c => new { c.SchemeCode, c.CustomerId });
        b.Property(c => c.SchemeCode).HasMaxLength(20);
        b.Property(c => c.ClassCode).HasMaxLength(20);
    }

    public void Configure(EntityTypeBuilder<CustomerMetrics> b)
    {
        b.ToTable("customer_metrics");
        b.HasKey(m => m.CustomerId);
        b.Property(m => m.CustomerId).ValueGeneratedNever();
    }

    public void Configure(EntityTypeBuilder<ClassificationRun> b)
    {
        b.ToTable("classification_runs");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.SchemeCode).HasMaxLength(20);
        b.Property(r => r.RequestedBy).HasMaxLength(100);
        b.Property(r => r.Error).HasMaxLength(2000);
        b.HasIndex(r => new { r.State, r.CreatedAt });
    }

    public void Configure(EntityTypeBuilder<CostSettings> b)
    {
        b.ToTable("classification_cost_settings");
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(20);
        b.Property(s => s.CostPerRequest).HasPrecision(14, 2);
        b.Property(s => s.CostPerVisit).HasPrecision(14, 2);
        b.Property(s => s.CostPerComplaint).HasPrecision(14, 2);
        b.Property(s => s.CostPerItemUnit).HasPrecision(14, 2);
        b.Property(s => s.ComplaintTypeCodes).HasMaxLength(200);
        b.Property(s => s.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<CustomerChurn> b)
    {
        b.ToTable("customer_churn");
        b.HasKey(c => c.CustomerId);
        b.Property(c => c.Note).HasMaxLength(1000);
        b.Property(c => c.RecordedBy).HasMaxLength(100);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Customers.Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
