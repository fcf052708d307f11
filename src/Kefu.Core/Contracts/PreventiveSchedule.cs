using Kefu.Core.Common;
using Kefu.Core.ServiceRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.Contracts;

public enum ScheduleKind
{
    /// <summary>Every N months from an anchor date.</summary>
    Interval = 0,

    /// <summary>Every M meter units since the last maintenance.</summary>
    Meter = 1,
}

/// <summary>
/// A preventive maintenance schedule of a contract (or of one covered object): the job creates a service request
/// <see cref="LeadDays"/> before <see cref="NextDue"/> and advances the schedule.
/// Interval: the n-th occurrence is due on anchor + n × N months (counted from the anchor, so month ends do not drift).
/// Meter: due when the object's readings reach baseline + M; before that, the due day is predicted from the reading rate
/// (first and latest reading), so lead days apply too; after each occurrence the baseline moves to the threshold
/// (or to the latest reading when it already passed it).
/// </summary>
public sealed class PreventiveSchedule : IVersioned, ICustomerOwned
{
    private PreventiveSchedule()
    {
        RequestTypeCode = "";
    }

    public Guid Id { get; private set; }

    public Guid ContractId { get; private set; }

    public Guid CustomerId { get; private set; }

    /// <summary>Null: the whole contract.</summary>
    public Guid? CoveredObjectId { get; private set; }

    public ScheduleKind Kind { get; private set; }

    public int? IntervalMonths { get; private set; }

    public DateOnly? AnchorDate { get; private set; }

    public decimal? MeterInterval { get; private set; }

    /// <summary>The meter reading at the last maintenance (meter schedules).</summary>
    public decimal? MeterBaseline { get; private set; }

    public int LeadDays { get; private set; }

    public string RequestTypeCode { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>When the next maintenance is due; null when unknown (a meter without enough readings).</summary>
    public DateOnly? NextDue { get; private set; }

    /// <summary><see cref="NextDue"/> minus the lead days: the day the job creates the request (indexed).</summary>
    public DateOnly? CreateOn { get; private set; }

    /// <summary>How many occurrences have been created; the next one is number Generated + 1.</summary>
    public int Generated { get; private set; }

    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    internal static PreventiveSchedule Create(MaintenanceContract contract, ValidSchedule v, IReadOnlyList<MeterReading> readings)
    {
        var s = new PreventiveSchedule { Id = Guid.CreateVersion7(), ContractId = contract.Id, CustomerId = contract.CustomerId, IsActive = true };
        s.Apply(v, readings);
        return s;
    }

    internal void Apply(ValidSchedule v, IReadOnlyList<MeterReading> readings)
    {
        CoveredObjectId = v.CoveredObjectId;
        Kind = v.Kind;
        IntervalMonths = v.IntervalMonths;
        AnchorDate = v.AnchorDate;
        MeterInterval = v.MeterInterval;
        MeterBaseline = v.MeterBaseline;
        LeadDays = v.LeadDays;
        RequestTypeCode = v.RequestTypeCode;
        IsActive = v.IsActive;
        Recompute(readings);
    }

    /// <summary>Records that occurrence <see cref="Generated"/> + 1 was created and moves to the next one.</summary>
    internal void Advance(IReadOnlyList<MeterReading> readings)
    {
        Generated++;
        if (Kind == ScheduleKind.Meter)
        {
            var threshold = (MeterBaseline ?? 0) + MeterInterval!.Value;
            var latest = readings.Count == 0 ? (decimal?)null : readings[^1].Value;
            MeterBaseline = latest is decimal l && l >= threshold ? l : threshold;
        }

        Recompute(readings);
    }

    /// <summary>Computes the next due day; <paramref name="readings"/> are the object's readings ordered by day (meter schedules).</summary>
    internal void Recompute(IReadOnlyList<MeterReading> readings)
    {
        NextDue = Kind == ScheduleKind.Interval
            ? AnchorDate!.Value.AddMonths(IntervalMonths!.Value * (Generated + 1))
            : PredictMeterDue(readings);
        CreateOn = IsActive ? NextDue?.AddDays(-LeadDays) : null;
    }

    private DateOnly? PredictMeterDue(IReadOnlyList<MeterReading> readings)
    {
        if (readings.Count == 0)
        {
            return null;
        }

        var threshold = (MeterBaseline ?? 0) + MeterInterval!.Value;
        var latest = readings[^1];
        if (latest.Value >= threshold)
        {
            return readings.First(r => r.Value >= threshold).ReadOn;
        }

        var first = readings[0];
        var days = latest.ReadOn.DayNumber - first.ReadOn.DayNumber;
        if (days <= 0 || latest.Value <= first.Value)
        {
            return null;
        }

        var perDay = (latest.Value - first.Value) / days;
        var more = (int)Math.Ceiling((threshold - latest.Value) / perDay);
        return latest.ReadOn.AddDays(Math.Min(more, 3650));
    }
}

/// <summary>
/// One created occurrence of a schedule: unique on (schedule, sequence), so two runs of the job (or two nodes) create a
/// request for an occurrence once; written in the same transaction as the request.
/// </summary>
public sealed class PreventiveOccurrence : ICustomerOwned
{
    public Guid Id { get; private set; }

    public Guid ScheduleId { get; private set; }

    public Guid ContractId { get; private set; }

    public Guid CustomerId { get; private set; }

    public int Sequence { get; private set; }

    public DateOnly DueDate { get; private set; }

    public Guid? ServiceRequestId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    internal static PreventiveOccurrence Create(PreventiveSchedule s, DateOnly due, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), ScheduleId = s.Id, ContractId = s.ContractId, CustomerId = s.CustomerId, Sequence = s.Generated + 1,
        DueDate = due, CreatedAt = now,
    };

    internal void Created(Guid requestId) => ServiceRequestId = requestId;
}

/// <summary>A contract-expiry reminder step sent (e.g. 30 or 7 days before the end); unique per contract, end date and step.</summary>
public sealed class ContractReminder : ICustomerOwned
{
    public Guid Id { get; private set; }

    public Guid ContractId { get; private set; }

    public Guid CustomerId { get; private set; }

    public DateOnly EndDate { get; private set; }

    public int DaysBefore { get; private set; }

    public DateTime SentAt { get; private set; }

    /// <summary>How many people were told (in the app and by mail).</summary>
    public int Recipients { get; private set; }

    internal static ContractReminder Create(MaintenanceContract c, int daysBefore, int recipients, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), ContractId = c.Id, CustomerId = c.CustomerId, EndDate = c.EndDate, DaysBefore = daysBefore, SentAt = now,
        Recipients = recipients,
    };
}

internal sealed class PreventiveScheduleConfiguration : IEntityTypeConfiguration<PreventiveSchedule>
{
    public void Configure(EntityTypeBuilder<PreventiveSchedule> b)
    {
        b.ToTable("contract_schedules");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.MeterInterval).HasPrecision(18, 2);
        b.Property(s => s.MeterBaseline).HasPrecision(18, 2);
        b.Property(s => s.RequestTypeCode).HasMaxLength(10);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => s.ContractId);
        b.HasIndex(s => new { s.IsActive, s.CreateOn });
        b.HasIndex(s => s.CoveredObjectId);
        b.HasOne<MaintenanceContract>().WithMany().HasForeignKey(s => s.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CoveredObject>().WithMany().HasForeignKey(s => s.CoveredObjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RequestType>().WithMany().HasForeignKey(s => s.RequestTypeCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PreventiveOccurrenceConfiguration : IEntityTypeConfiguration<PreventiveOccurrence>
{
    public void Configure(EntityTypeBuilder<PreventiveOccurrence> b)
    {
        b.ToTable("contract_occurrences");
        b.Property(o => o.Id).ValueGeneratedNever();
        b.HasIndex(o => new { o.ScheduleId, o.Sequence }).IsUnique();
        b.HasIndex(o => o.ContractId);
        b.HasOne<PreventiveSchedule>().WithMany().HasForeignKey(o => o.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(o => o.ServiceRequestId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ContractReminderConfiguration : IEntityTypeConfiguration<ContractReminder>
{
    public void Configure(EntityTypeBuilder<ContractReminder> b)
    {
        b.ToTable("contract_reminders");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasIndex(r => new { r.ContractId, r.EndDate, r.DaysBefore }).IsUnique();
        b.HasOne<MaintenanceContract>().WithMany().HasForeignKey(r => r.ContractId).OnDelete(DeleteBehavior.Cascade);
    }
}
