using Kefu.Core.Common;
using Kefu.Core.ServiceRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.Sla;

/// <summary>Where one clock stands. Warned clocks keep running (their <see cref="SlaClock.WarnedAt"/> is set).</summary>
public enum SlaClockState
{
    Running = 0,
    Paused = 1,
    Met = 2,
    Breached = 3,
}

/// <summary>What a request's SLA looks like on a list: the worst of its clocks.</summary>
public enum SlaState
{
    OnTrack = 0,
    Warning = 1,
    Breached = 2,
    Paused = 3,
    Met = 4,
}

/// <summary>
/// One target of one request (SLA-3): when it started, when it is due and when the warning falls due, in UTC, measured in
/// working time of the responsibility centre's calendar. A separate table keeps <c>service_requests</c> narrow and makes the
/// scan an index range on (state, warn_at) and (state, due_at).
/// </summary>
public sealed class SlaClock : ICustomerOwned
{
    private SlaClock()
    {
        LevelCode = "";
    }

    public Guid Id { get; private set; }

    public Guid RequestId { get; private set; }

    public Guid CustomerId { get; private set; }

    public SlaKind Kind { get; private set; }

    public string LevelCode { get; private set; }

    /// <summary>The target in working minutes, after the green-channel shortening.</summary>
    public int TargetMinutes { get; private set; }

    public DateTime StartedAt { get; private set; }

    public DateTime DueAt { get; private set; }

    public DateTime WarnAt { get; private set; }

    public DateTime? PausedSince { get; private set; }

    /// <summary>Working minutes the clock stood still while the request waited for the customer.</summary>
    public int PausedMinutes { get; private set; }

    public DateTime? MetAt { get; private set; }

    public DateTime? WarnedAt { get; private set; }

    public DateTime? BreachedAt { get; private set; }

    public SlaClockState State { get; private set; }

    /// <summary>The scan run that claimed the clock's warning or breach; lets one UPDATE claim rows and the next read find them.</summary>
    public Guid? ClaimId { get; private set; }

    public bool IsOpen => State is SlaClockState.Running or SlaClockState.Paused;

    internal static SlaClock Start(
        Guid requestId, Guid customerId, SlaKind kind, string level, int targetMinutes, int warningPercent, DateTime now, ISlaCalendar calendar)
    {
        var work = TimeSpan.FromMinutes(targetMinutes);
        return new SlaClock
        {
            Id = Guid.CreateVersion7(),
            RequestId = requestId,
            CustomerId = customerId,
            Kind = kind,
            LevelCode = level,
            TargetMinutes = targetMinutes,
            StartedAt = now,
            DueAt = calendar.Add(now, work),
            WarnAt = calendar.Add(now, work * warningPercent / 100),
            State = SlaClockState.Running,
        };
    }

    /// <summary>Stops the clock while the request waits for the customer.</summary>
    internal void Pause(DateTime now)
    {
        if (State == SlaClockState.Running)
        {
            State = SlaClockState.Paused;
            PausedSince = now;
        }
    }

    /// <summary>Restarts the clock: due and warning move forward by the working time that was left when it stopped.</summary>
    internal void Resume(DateTime now, ISlaCalendar calendar)
    {
        if (State != SlaClockState.Paused || PausedSince is not DateTime since)
        {
            return;
        }

        DueAt = calendar.Add(now, Remaining(calendar, since, DueAt));
        if (WarnedAt is null)
        {
            WarnAt = calendar.Add(now, Remaining(calendar, since, WarnAt));
        }

        PausedMinutes += (int)Math.Round(calendar.Between(since, now).TotalMinutes);
        PausedSince = null;
        State = SlaClockState.Running;
    }

    internal void Meet(DateTime now)
    {
        if (MetAt is not null)
        {
            return;
        }

        MetAt = now;
        PausedSince = null;
        if (State != SlaClockState.Breached)
        {
            State = SlaClockState.Met;
        }
    }

    internal void Breach(DateTime now)
    {
        State = SlaClockState.Breached;
        BreachedAt ??= now;
    }

    /// <summary>
    /// Moves an open clock to a new target (the request's urgency or responsibility centre changed): due and warning are counted
    /// again from the start on <paramref name="calendar"/>, the working time spent waiting for the customer still not counting.
    /// A warning already sent is kept.
    /// </summary>
    internal void Retarget(int targetMinutes, int warningPercent, ISlaCalendar calendar)
    {
        if (!IsOpen)
        {
            return;
        }

        var paused = TimeSpan.FromMinutes(PausedMinutes);
        TargetMinutes = targetMinutes;
        DueAt = calendar.Add(StartedAt, TimeSpan.FromMinutes(targetMinutes) + paused);
        if (WarnedAt is null)
        {
            WarnAt = calendar.Add(StartedAt, (TimeSpan.FromMinutes(targetMinutes) * warningPercent / 100) + paused);
        }
    }

    /// <summary>Working time left on a clock from <paramref name="since"/>; zero once the instant has passed.</summary>
    internal TimeSpan RemainingAt(DateTime at, ISlaCalendar calendar) => State switch
    {
        SlaClockState.Paused when PausedSince is DateTime since => Remaining(calendar, since, DueAt),
        SlaClockState.Running => Remaining(calendar, at, DueAt),
        _ => TimeSpan.Zero,
    };

    private static TimeSpan Remaining(ISlaCalendar calendar, DateTime from, DateTime to) => to <= from ? TimeSpan.Zero : calendar.Between(from, to);

    /// <summary>The request's state from its clocks: a breach wins, then a warning, then running, then paused; met when all are met.</summary>
    public static SlaState? Summarise(IReadOnlyCollection<SlaClock> clocks)
    {
        if (clocks.Count == 0)
        {
            return null;
        }

        if (clocks.Any(c => c.State == SlaClockState.Breached))
        {
            return SlaState.Breached;
        }

        if (clocks.Any(c => c.State == SlaClockState.Running && c.WarnedAt is not null))
        {
            return SlaState.Warning;
        }

        if (clocks.Any(c => c.State == SlaClockState.Running))
        {
            return SlaState.OnTrack;
        }

        return clocks.Any(c => c.State == SlaClockState.Paused) ? SlaState.Paused : SlaState.Met;
    }

    /// <summary>The earliest due time of the clocks still open, for sorting by urgency of the SLA.</summary>
    public static DateTime? NextDue(IEnumerable<SlaClock> clocks) =>
        clocks.Where(c => c.IsOpen).Select(c => (DateTime?)c.DueAt).Min();
}

/// <summary>A missed target, kept for reports (SLA-3): which request, which target, when it was due and when the breach was seen.</summary>
public sealed class SlaBreach : ICustomerOwned
{
    private SlaBreach()
    {
        LevelCode = "";
    }

    public Guid Id { get; private set; }

    public Guid RequestId { get; private set; }

    public Guid CustomerId { get; private set; }

    public Guid ResponsibilityCentreId { get; private set; }

    public SlaKind Kind { get; private set; }

    public string LevelCode { get; private set; }

    public DateTime DueAt { get; private set; }

    public DateTime BreachedAt { get; private set; }

    /// <summary>The urgency before the breach raised it.</summary>
    public Urgency UrgencyBefore { get; private set; }

    internal static SlaBreach Record(SlaClock clock, Guid centre, Urgency before, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        RequestId = clock.RequestId,
        CustomerId = clock.CustomerId,
        ResponsibilityCentreId = centre,
        Kind = clock.Kind,
        LevelCode = clock.LevelCode,
        DueAt = clock.DueAt,
        BreachedAt = now,
        UrgencyBefore = before,
    };
}

/// <summary>A customer a supervisor put on the green channel (SLA-5), besides those whose class says so.</summary>
public sealed class GreenChannelCustomer : ICustomerOwned
{
    private GreenChannelCustomer()
    {
        SetByName = "";
    }

    public Guid CustomerId { get; private set; }

    public DateTime SetAt { get; private set; }

    public string SetByName { get; private set; }

    internal static GreenChannelCustomer Create(Guid customerId, string by, DateTime now) => new() { CustomerId = customerId, SetAt = now, SetByName = by };
}

internal sealed class SlaClockConfiguration : IEntityTypeConfiguration<SlaClock>
{
    public void Configure(EntityTypeBuilder<SlaClock> b)
    {
        b.ToTable("sla_clocks");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.LevelCode).HasMaxLength(10);
        b.Ignore(c => c.IsOpen);
        b.HasIndex(c => c.RequestId);
        b.HasIndex(c => new { c.State, c.WarnAt });
        b.HasIndex(c => new { c.State, c.DueAt });
        b.HasIndex(c => c.ClaimId);
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(c => c.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SlaBreachConfiguration : IEntityTypeConfiguration<SlaBreach>
{
    public void Configure(EntityTypeBuilder<SlaBreach> b)
    {
        b.ToTable("sla_breaches");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.LevelCode).HasMaxLength(10);
        b.HasIndex(c => new { c.ResponsibilityCentreId, c.BreachedAt });
        b.HasIndex(c => c.RequestId);
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(c => c.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GreenChannelCustomerConfiguration : IEntityTypeConfiguration<GreenChannelCustomer>
{
    public void Configure(EntityTypeBuilder<GreenChannelCustomer> b)
    {
        b.ToTable("sla_green_channel_customers");
        b.HasKey(c => c.CustomerId);
        b.Property(c => c.SetByName).HasMaxLength(256);
        b.HasOne<Customers.Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
