using Kefu.Core.Contracts;

namespace Kefu.Core.Tests.Contracts;

public class PreventiveScheduleTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static MaintenanceContract Contract(DateOnly start) =>
        MaintenanceContract.Create("MC00000001", new ValidContract(
            Guid.CreateVersion7(), "full", start, start.AddYears(2), 1000m, BillingPeriod.Yearly, [], Guid.CreateVersion7(), null, null, null), Now);

    private static ValidSchedule Interval(int months, DateOnly anchor, int lead) =>
        new(ScheduleKind.Interval, null, months, anchor, null, null, lead, "MNT", true);

    [Fact]
    public void Interval_FromMonthEnd_CountsFromTheAnchorWithoutDrift()
    {
        var anchor = new DateOnly(2026, 1, 31);
        var s = PreventiveSchedule.Create(Contract(anchor), Interval(1, anchor, 3), []);
        Assert.Equal(new DateOnly(2026, 2, 28), s.NextDue);
        Assert.Equal(new DateOnly(2026, 2, 25), s.CreateOn);
        s.Advance([]);
        Assert.Equal(new DateOnly(2026, 3, 31), s.NextDue);
        Assert.Equal(1, s.Generated);
    }

    [Fact]
    public void Inactive_HasNoCreationDay()
    {
        var anchor = new DateOnly(2026, 1, 1);
        var s = PreventiveSchedule.Create(Contract(anchor), Interval(3, anchor, 3) with { IsActive = false }, []);
        Assert.Equal(new DateOnly(2026, 4, 1), s.NextDue);
        Assert.Null(s.CreateOn);
    }

    [Fact]
    public void Meter_PredictsFromRate_ThenDueOnTheCrossingReading()
    {
        var c = Contract(new DateOnly(2026, 1, 1));
        var o = CoveredObject.Create(c, new ValidObject("复印机", null, "CP-1", null, null, null, null, null, null));
        var schedule = new ValidSchedule(ScheduleKind.Meter, o.Id, null, null, 1000m, 0m, 5, "MNT", true);
        Assert.Null(PreventiveSchedule.Create(c, schedule, []).NextDue);

        var one = MeterReading.Create(o, new DateOnly(2026, 3, 1), 100m, "t", Now);
        Assert.Null(PreventiveSchedule.Create(c, schedule, [one]).NextDue);

        var two = MeterReading.Create(o, new DateOnly(2026, 3, 11), 300m, "t", Now);
        var s = PreventiveSchedule.Create(c, schedule, [one, two]);
        Assert.Equal(new DateOnly(2026, 4, 15), s.NextDue); // 20 a day, 700 to go: 35 days after 11 March
        Assert.Equal(new DateOnly(2026, 4, 10), s.CreateOn);

        var crossed = MeterReading.Create(o, new DateOnly(2026, 4, 1), 1200m, "t", Now);
        s.Recompute([one, two, crossed]);
        Assert.Equal(new DateOnly(2026, 4, 1), s.NextDue);
        s.Advance([one, two, crossed]);
        Assert.Equal(1200m, s.MeterBaseline);
    }

    [Fact]
    public void CoveredTypes_RoundTripThroughTheColumn()
    {
        Assert.Equal("", ContractTypes.Join([]));
        Assert.Equal(",MNT,REP,", ContractTypes.Join(["MNT", "REP"]));
        Assert.Equal(["MNT", "REP"], ContractTypes.Split(",MNT,REP,"));
    }

    [Fact]
    public void ReminderDays_Parsed_SortedDescending_BadValueThrows()
    {
        Assert.Equal([60, 30, 7], ContractOptions.Parse("7, 60,30").ReminderDays);
        Assert.Equal([30, 7], ContractOptions.Parse(null).ReminderDays);
        Assert.Throws<InvalidOperationException>(() => (object)ContractOptions.Parse("soon"));
    }
}
