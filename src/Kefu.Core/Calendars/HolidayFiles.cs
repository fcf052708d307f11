using System.Globalization;
using System.Text;

namespace Kefu.Core.Calendars;

/// <summary>A line of an import file that could not be read.</summary>
public sealed record ImportLineError(int Line, string Message);

/// <summary>
/// Reads holiday lists. CSV: <c>date,kind,name</c> per line (date <c>yyyy-MM-dd</c>; kind <c>holiday</c> / <c>make-up-workday</c>, or
/// 休 / 班; an optional header line, blank lines and lines starting with # are skipped). iCalendar: all-day VEVENTs (DTSTART;VALUE=DATE,
/// optional exclusive DTEND for several days); an event is a make-up workday when its CATEGORIES or SUMMARY contains
/// <c>补班</c>, <c>上班</c>, <c>make-up</c> or <c>workday</c>, otherwise a holiday.
/// </summary>
public static class HolidayFiles
{
    private const int MaxEventDays = 31;

    private static readonly string[] MakeUpMarkers = ["补班", "上班", "make-up", "makeup", "workday"];

    public static bool LooksLikeICalendar(string text) =>
        text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t').StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase);

    public static (List<HolidayDay> Days, List<ImportLineError> Errors) Parse(string text) =>
        LooksLikeICalendar(text) ? ParseICalendar(text) : ParseCsv(text);

    public static (List<HolidayDay> Days, List<ImportLineError> Errors) ParseCsv(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var days = new List<HolidayDay>();
        var errors = new List<ImportLineError>();
        var seen = new Dictionary<DateOnly, int>();
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            var number = i + 1;
            if (line.Length == 0 || line.StartsWith('#') || (i == 0 && line.StartsWith("date", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var parts = line.Split(',', 3);
            if (parts.Length < 2)
            {
                errors.Add(new(number, "Expected date,kind,name."));
                continue;
            }

            if (!TryDate(Unquote(parts[0]), out var date))
            {
                errors.Add(new(number, $"Not a date (yyyy-MM-dd): {Unquote(parts[0])}"));
                continue;
            }

            var kind = Kind(Unquote(parts[1]));
            if (kind is null)
            {
                errors.Add(new(number, $"Unknown kind {Unquote(parts[1])}: use holiday or make-up-workday."));
                continue;
            }

            var name = parts.Length > 2 ? Unquote(parts[2]) : "";
            if (name.Length > 100)
            {
                errors.Add(new(number, "The name is longer than 100 characters."));
                continue;
            }

            if (seen.TryGetValue(date, out var first))
            {
                errors.Add(new(number, $"{date:yyyy-MM-dd} is already on line {first}."));
                continue;
            }

            seen[date] = number;
            days.Add(new HolidayDay(date, kind.Value, name));
        }

        return (days, errors);
    }

    public static (List<HolidayDay> Days, List<ImportLineError> Errors) ParseICalendar(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var days = new List<HolidayDay>();
        var errors = new List<ImportLineError>();
        var seen = new Dictionary<DateOnly, int>();
        Dictionary<string, (string Params, string Value, int Line)>? ev = null;
        var evLine = 0;
        foreach (var (number, line) in Unfold(text))
        {
            if (line.Equals("BEGIN:VEVENT", StringComparison.OrdinalIgnoreCase))
            {
                ev = new(StringComparer.OrdinalIgnoreCase);
                evLine = number;
                continue;
            }

            if (ev is null)
            {
                continue;
            }

            if (line.Equals("END:VEVENT", StringComparison.OrdinalIgnoreCase))
            {
                AddEvent(ev, evLine, days, errors, seen);
                ev = null;
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var head = line[..colon];
            var semi = head.IndexOf(';', StringComparison.Ordinal);
            var name = semi < 0 ? head : head[..semi];
            ev.TryAdd(name, (semi < 0 ? "" : head[(semi + 1)..], line[(colon + 1)..], number));
        }

        if (ev is not null)
        {
            errors.Add(new(evLine, "The event has no END:VEVENT."));
        }

        return (days, errors);
    }

    private static void AddEvent(
        Dictionary<string, (string Params, string Value, int Line)> ev, int evLine, List<HolidayDay> days, List<ImportLineError> errors,
        Dictionary<DateOnly, int> seen)
    {
        if (ev.TryGetValue("RRULE", out var rrule))
        {
            errors.Add(new(rrule.Line, "Recurring events are not supported; list each year's dates."));
            return;
        }

        if (!ev.TryGetValue("DTSTART", out var start))
        {
            errors.Add(new(evLine, "The event has no DTSTART."));
            return;
        }

        if (!TryIcsDate(start.Value, out var from))
        {
            errors.Add(new(start.Line, $"Not an all-day date (VALUE=DATE, yyyyMMdd): {start.Value}"));
            return;
        }

        var to = from.AddDays(1);
        if (ev.TryGetValue("DTEND", out var end))
        {
            if (!TryIcsDate(end.Value, out to) || to <= from || to.DayNumber - from.DayNumber > MaxEventDays)
            {
                errors.Add(new(end.Line, $"DTEND must be an all-day date after DTSTART, at most {MaxEventDays} days later: {end.Value}"));
                return;
            }
        }

        var summary = ev.TryGetValue("SUMMARY", out var s) ? Unescape(s.Value) : "";
        var categories = ev.TryGetValue("CATEGORIES", out var c) ? Unescape(c.Value) : "";
        var kind = MakeUpMarkers.Any(m => summary.Contains(m, StringComparison.OrdinalIgnoreCase) || categories.Contains(m, StringComparison.OrdinalIgnoreCase))
            ? CalendarDayKind.MakeUpWorkday
            : CalendarDayKind.Holiday;
        if (summary.Length > 100)
        {
            summary = summary[..100];
        }

        for (var d = from; d < to; d = d.AddDays(1))
        {
            if (seen.TryGetValue(d, out var first))
            {
                errors.Add(new(start.Line, $"{d:yyyy-MM-dd} is already in the event on line {first}."));
                continue;
            }

            seen[d] = evLine;
            days.Add(new HolidayDay(d, kind, summary));
        }
    }

    /// <summary>Logical lines with the number of their first physical line (RFC 5545 folding: a line starting with a space continues).</summary>
    private static IEnumerable<(int Number, string Line)> Unfold(string text)
    {
        var lines = text.TrimStart('\uFEFF').Split('\n');
        var current = new StringBuilder();
        var currentNumber = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && currentNumber > 0)
            {
                current.Append(line, 1, line.Length - 1);
                continue;
            }

            if (currentNumber > 0)
            {
                yield return (currentNumber, current.ToString().Trim());
            }

            current.Clear().Append(line);
            currentNumber = i + 1;
        }

        if (currentNumber > 0)
        {
            yield return (currentNumber, current.ToString().Trim());
        }
    }

    private static bool TryIcsDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value.Trim(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool TryDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, ["yyyy-MM-dd", "yyyy/M/d", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static CalendarDayKind? Kind(string value) => value.ToUpperInvariant() switch
    {
        "HOLIDAY" or "休" or "假" or "OFF" => CalendarDayKind.Holiday,
        "MAKE-UP-WORKDAY" or "MAKEUPWORKDAY" or "MAKE-UP" or "WORKDAY" or "班" or "补班" or "上班" => CalendarDayKind.MakeUpWorkday,
        _ => null,
    };

    private static string Unquote(string value)
    {
        var v = value.Trim();
        return v.Length >= 2 && v[0] == '"' && v[^1] == '"' ? v[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal).Trim() : v;
    }

    private static string Unescape(string value) =>
        value.Replace("\\n", " ", StringComparison.OrdinalIgnoreCase).Replace("\\,", ",", StringComparison.Ordinal)
            .Replace("\\;", ";", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal).Trim();
}
