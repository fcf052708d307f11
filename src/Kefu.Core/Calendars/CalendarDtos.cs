using System.Globalization;

namespace Kefu.Core.Calendars;

/// <summary>Hours of a weekday as the API spells them: "09:00" to "18:30", optional break; closed days have open = false.</summary>
public sealed record DayHoursDto(DayOfWeek Day, bool Open, string? Start, string? End, string? BreakStart, string? BreakEnd);

public sealed record CalendarUnitDto(Guid Id, string Code, string Name);

public sealed record CalendarDto(
    Guid Id, string Code, string NameZh, string NameEn, string TimeZone, bool AlwaysOpen, IReadOnlyList<DayHoursDto> Hours,
    IReadOnlyList<string> HolidaySets, IReadOnlyList<CalendarUnitDto> Units, int Version);

public sealed record CalendarInput(
    string? Code, string? NameZh, string? NameEn, string? TimeZone, bool AlwaysOpen, IReadOnlyList<DayHoursDto>? Hours,
    IReadOnlyList<string>? HolidaySets, IReadOnlyList<Guid>? Units, int? Version);

public sealed record HolidayEntryDto(DateOnly Date, CalendarDayKind Kind, string Name);

public sealed record HolidaySetSummaryDto(Guid Id, string Code, string NameZh, string NameEn, string Description, int Entries, int Version);

public sealed record HolidaySetDto(
    Guid Id, string Code, string NameZh, string NameEn, string Description, IReadOnlyList<HolidayEntryDto> Entries,
    IReadOnlyList<string> UsedBy, int Version);

public sealed record HolidaySetInput(
    string? Code, string? NameZh, string? NameEn, string? Description, IReadOnlyList<HolidayEntryDto>? Entries, int? Version);

/// <summary>What an import did (or, in a dry run, would do).</summary>
public sealed record HolidayImportResult(bool DryRun, int Read, int Added, int Updated, int Removed, int Version);

/// <summary>"HH:mm" ↔ minutes from midnight; "24:00" is the end of the day.</summary>
public static class ClockText
{
    public static string Format(int minutes) =>
        string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:00}:{minutes % 60:00}");

    public static int? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Trim().Split(':');
        if (parts.Length != 2 || parts[1].Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || m > 59 || h > 24 || (h == 24 && m != 0))
        {
            return -1;
        }

        return (h * 60) + m;
    }
}
