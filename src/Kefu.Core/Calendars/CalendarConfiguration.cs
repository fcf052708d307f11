using Kefu.Core.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.Calendars;

internal sealed class BusinessCalendarConfiguration : IEntityTypeConfiguration<BusinessCalendar>
{
    public void Configure(EntityTypeBuilder<BusinessCalendar> b)
    {
        b.ToTable("business_calendars");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Code).HasMaxLength(32);
        b.Property(c => c.NameZh).HasMaxLength(100);
        b.Property(c => c.NameEn).HasMaxLength(100);
        b.Property(c => c.TimeZoneId).HasMaxLength(64);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => c.Code).IsUnique();
        b.HasMany(c => c.Hours).WithOne().HasForeignKey(h => h.CalendarId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.HolidaySets).WithOne().HasForeignKey(h => h.CalendarId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Units).WithOne().HasForeignKey(u => u.CalendarId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Hours).HasField("hours");
        b.Navigation(c => c.HolidaySets).HasField("holidaySets");
        b.Navigation(c => c.Units).HasField("units");
    }
}

internal sealed class CalendarDayHoursConfiguration : IEntityTypeConfiguration<CalendarDayHours>
{
    public void Configure(EntityTypeBuilder<CalendarDayHours> b)
    {
        b.ToTable("business_calendar_hours");
        b.Property(h => h.Id).ValueGeneratedNever();
        b.HasIndex(h => new { h.CalendarId, h.Day }).IsUnique();
    }
}

internal sealed class CalendarHolidaySetConfiguration : IEntityTypeConfiguration<CalendarHolidaySet>
{
    public void Configure(EntityTypeBuilder<CalendarHolidaySet> b)
    {
        b.ToTable("business_calendar_holiday_sets");
        b.HasKey(s => new { s.CalendarId, s.HolidaySetId });
        b.HasIndex(s => s.HolidaySetId);
        b.HasOne<HolidaySet>().WithMany().HasForeignKey(s => s.HolidaySetId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CalendarUnitConfiguration : IEntityTypeConfiguration<CalendarUnit>
{
    public void Configure(EntityTypeBuilder<CalendarUnit> b)
    {
        b.ToTable("business_calendar_units");
        b.HasKey(u => new { u.CalendarId, u.UnitId });
        b.HasIndex(u => u.UnitId).IsUnique();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HolidaySetConfiguration : IEntityTypeConfiguration<HolidaySet>
{
    public void Configure(EntityTypeBuilder<HolidaySet> b)
    {
        b.ToTable("holiday_sets");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Code).HasMaxLength(32);
        b.Property(s => s.NameZh).HasMaxLength(100);
        b.Property(s => s.NameEn).HasMaxLength(100);
        b.Property(s => s.Description).HasMaxLength(500);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => s.Code).IsUnique();
        b.HasMany(s => s.Entries).WithOne().HasForeignKey(e => e.HolidaySetId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Entries).HasField("entries");
    }
}

internal sealed class HolidayEntryConfiguration : IEntityTypeConfiguration<HolidayEntry>
{
    public void Configure(EntityTypeBuilder<HolidayEntry> b)
    {
        b.ToTable("holiday_entries");
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Name).HasMaxLength(100);
        b.HasIndex(e => new { e.HolidaySetId, e.Date }).IsUnique();
    }
}
