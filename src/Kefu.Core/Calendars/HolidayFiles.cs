using System.Globalization;
using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using Kefu.Core.Common;
using Kefu.Core.Files;
using ICalendar = Ical.Net.Calendar;

namespace Kefu.Core.Calendars;

/// <summary>A line of an import file that could not be read.</summary>
public sealed record ImportLineError(int Line, string Message);

/// <summary>
/// Reads holiday lists. CSV: <c>date,kind,name</c> per line (date <c>yyyy-MM-dd</c>; kind <c>holiday</c> / <c>make-up-workday</c>, or
/// 休 / 班; an optional header line, blank lines and lines starting with # are skipped). iCalendar (RFC 5545, read by Ical.Net):
/// all-day and timed events, multi-day ranges, RRULE/RDATE/EXDATE and RECURRENCE-ID overrides, TZID and UTC times (a timed event
/// covers the business dates of <see cref="BusinessDate"/> it touches). An event is a make-up workday when its CATEGORIES or
/// SUMMARY contains <c>补班</c>, <c>上班</c>, <c>make-up</c> or <c>workday</c>, otherwise a holiday.
/// </summary>
public static class HolidayFiles
{
    /// <summary>A recurring event is expanded over this many years either side of today (an open rule would never end).</summary>
    public const int RecurrenceHorizonYears = 10;

    private const int MaxEventDays = 31;

    private const int MaxOccurrences = 500;

    private const int MaxNameLength = 100;

    private static readonly string[] MakeUpMarkers = ["补班", "上班", "make-up", "makeup", "workday"];

    public static bool LooksLikeICalendar(string text) =>
        text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t').StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a CSV or iCalendar file. A line with a NUL character (U+0000) is an error of that line, and such a file is
    /// not read further (PostgreSQL cannot store the character, and no holiday file means it).</summary>
    public static (List<HolidayDay> Days, List<ImportLineError> Errors) Parse(string text, BusinessDate dates)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            var errors = text.Split('\n').Select((line, i) => (Line: i + 1, Text: line)).Where(l => l.Text.Contains('\0', StringComparison.Ordinal))
                .Select(l => new ImportLineError(l.Line, $"The line contains a NUL character (U+0000): {Refused.Excerpt(l.Text.TrimEnd('\r'))}"))
                .ToList();
            return ([], errors);
        }

        return LooksLikeICalendar(text) ? ParseICalendar(text, dates) : ParseCsv(text);
    }

    public static (List<HolidayDay> Days, List<ImportLineError> Errors) ParseCsv(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var days = new Days();
        foreach (var record in TextFiles.ReadCsv(new StringReader(text.TrimStart('\uFEFF')), trim: true))
        {
            var cells = record.Cells;
            if (record.IsBlank || cells[0].StartsWith('#') || (record.Line == 1 && IsHeader(cells[0])))
            {
                continue;
            }

            var error = ReadCsvRecord(cells, record.Line, days);
            if (error is not null)
            {
                days.Errors.Add(new(record.Line, error));
            }
        }

        return (days.List, days.Errors);
    }

    public static (List<HolidayDay> Days, List<ImportLineError> Errors) ParseICalendar(string text, BusinessDate dates)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(dates);
        var days = new Days();
        var lines = Unfold(text).ToList();
        ICalendar? calendar;
        try
        {
            calendar = ICalendar.Load(text);
        }
        catch (Exception e) when (e is System.Runtime.Serialization.SerializationException or ArgumentException or FormatException)
        {
            days.Errors.Add(new(LineOfLoadError(lines), $"Not valid iCalendar: {e.Message}"));
            return (days.List, days.Errors);
        }

        var events = calendar?.Events.ToList() ?? [];
        var located = EventLines.Scan(lines);
        var overridden = events.Where(e => e.RecurrenceIdentifier is not null).Select(e => (e.Uid ?? "", e.RecurrenceIdentifier!.StartTime.Date)).ToHashSet();
        var today = dates.Today();
        var horizon = (From: today.AddYears(-RecurrenceHorizonYears), To: today.AddYears(RecurrenceHorizonYears));
        for (var i = 0; i < events.Count; i++)
        {
            var at = i < located.Count ? located[i] : new EventLines(1);
            var error = ReadEvent(events[i], at, dates, horizon, overridden, days);
            if (error is not null)
            {
                days.Errors.Add(error);
            }
        }

        return (days.List, days.Errors);
    }

    private static string? ReadCsvRecord(string[] cells, int line, Days days)
    {
        if (cells.Length < 2)
        {
            return "Expected date,kind,name.";
        }

        if (!TryDate(cells[0], out var date))
        {
            return $"Not a date (yyyy-MM-dd): {Refused.Excerpt(cells[0])}";
        }

        if (Kind(cells[1]) is not { } kind)
        {
            return $"Unknown kind {Refused.Excerpt(cells[1])}: use holiday or make-up-workday.";
        }

        var name = string.Join(",", cells.Skip(2)).Trim();
        if (name.Length > MaxNameLength)
        {
            return $"The name is longer than {MaxNameLength} characters.";
        }

        return days.Add(date, kind, name, line) is int first ? $"{date:yyyy-MM-dd} is already on line {first}." : null;
    }

    private static ImportLineError? ReadEvent(
        CalendarEvent ev, EventLines at, BusinessDate dates, (DateOnly From, DateOnly To) horizon, HashSet<(string, DateOnly)> overridden,
        Days days)
    {
        if (ev.DtStart is null)
        {
            return at.Start is { } s ? new(s.Line, $"Not a date or date-time: {s.Value}") : new(at.Begin, "The event has no DTSTART.");
        }

        var startLine = at.Start?.Line ?? at.Begin;
        try
        {
            if (ev.DtEnd is not null && ev.DtEnd <= ev.DtStart)
            {
                return new(at.End?.Line ?? startLine, $"DTEND must be after DTSTART: {at.End?.Value}");
            }

            var kind = KindOf(ev);
            var name = Truncate(ev.Summary?.Trim() ?? "");
            var recurs = ev.RecurrenceRule is not null || ev.RecurrenceDates.GetAllPeriods().Any();
            var occurrences = ev.GetOccurrences(null, new EvaluationOptions { MaxUnmatchedIncrementsLimit = 1000 });
            if (recurs)
            {
                occurrences = Ical.Net.CollectionExtensions.TakeWhileBefore(occurrences, new CalDateTime(horizon.To));
            }

            var count = 0;
            foreach (var occurrence in occurrences)
            {
                var (from, to) = DaysOf(occurrence.Period, dates);
                if ((ev.RecurrenceIdentifier is null && overridden.Contains((ev.Uid ?? "", occurrence.Period.StartTime.Date))) || (recurs && to <= horizon.From))
                {
                    continue;
                }

                if (++count > MaxOccurrences)
                {
                    return new(at.Rule?.Line ?? startLine, $"The event recurs more than {MaxOccurrences} times within {RecurrenceHorizonYears} years.");
                }

                if (to.DayNumber - from.DayNumber > MaxEventDays)
                {
                    return new(at.End?.Line ?? startLine, $"An event may last at most {MaxEventDays} days: {from:yyyy-MM-dd} to {to.AddDays(-1):yyyy-MM-dd}.");
                }

                for (var d = from; d < to; d = d.AddDays(1))
                {
                    if (days.Add(d, kind, name, at.Begin) is int first && days.KindOn(d) != kind)
                    {
                        return new(at.Begin, $"{d:yyyy-MM-dd} is a {Word(kind)} here but a {Word(days.KindOn(d))} in the event on line {first}.");
                    }
                }
            }

            return null;
        }
        catch (EvaluationException)
        {
            return new(at.Rule?.Line ?? startLine, "The recurrence rule gives no dates.");
        }
        catch (ArgumentException e)
        {
            return new(startLine, $"Cannot read the event: {e.Message}");
        }
    }

    /// <summary>The business dates an occurrence covers, the end exclusive: all-day dates as written, times in the business zone
    /// (floating times are taken as business time).</summary>
    private static (DateOnly From, DateOnly To) DaysOf(Period period, BusinessDate dates)
    {
        var start = period.StartTime;
        var end = period.EffectiveEndTime ?? start;
        if (!start.HasTime)
        {
            var to = end.HasTime ? DateOf(end, dates, TimeSpan.FromTicks(1)).AddDays(1) : end.Date;
            return (start.Date, to > start.Date ? to : start.Date.AddDays(1));
        }

        var from = DateOf(start, dates, TimeSpan.Zero);
        var last = end > start ? DateOf(end, dates, TimeSpan.FromTicks(1)) : from;
        return (from, last.AddDays(1));
    }

    private static DateOnly DateOf(CalDateTime at, BusinessDate dates, TimeSpan before) =>
        at.IsFloating ? DateOnly.FromDateTime(at.Value - before) : dates.DateOf(at.AsUtc - before);

    private static CalendarDayKind KindOf(CalendarEvent ev)
    {
        var text = (ev.Summary ?? "") + " " + string.Join(",", ev.Categories);
        return MakeUpMarkers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase)) ? CalendarDayKind.MakeUpWorkday : CalendarDayKind.Holiday;
    }

    /// <summary>Ical.Net stops at the first content line it cannot read and does not say where: the first line that fails alone in
    /// an otherwise empty event is it; else (a component left open) the BEGIN whose END is missing.</summary>
    private static int LineOfLoadError(List<(int Number, string Line)> lines)
    {
        foreach (var (number, line) in lines)
        {
            if (line.Length == 0 || line.StartsWith("BEGIN:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("END:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            try
            {
                ICalendar.Load($"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n{line}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
            }
            catch (Exception e) when (e is System.Runtime.Serialization.SerializationException or ArgumentException or FormatException)
            {
                return number;
            }
        }

        var open = new Stack<(string Name, int Line)>();
        foreach (var (number, line) in lines)
        {
            if (line.StartsWith("BEGIN:", StringComparison.OrdinalIgnoreCase))
            {
                open.Push((line[6..], number));
            }
            else if (line.StartsWith("END:", StringComparison.OrdinalIgnoreCase) && open.TryPop(out var top) && !top.Name.Equals(line[4..], StringComparison.OrdinalIgnoreCase))
            {
                return top.Line;
            }
        }

        return open.TryPeek(out var unclosed) ? unclosed.Line : 1;
    }

    /// <summary>Logical lines with the number of their first physical line (RFC 5545 folding: a line starting with a space or tab
    /// continues the previous one). Used only to say where an error is; Ical.Net reads the file.</summary>
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

    private static bool IsHeader(string cell) =>
        cell.StartsWith("date", StringComparison.OrdinalIgnoreCase) || cell.StartsWith("日期", StringComparison.Ordinal);

    private static bool TryDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, ["yyyy-MM-dd", "yyyy/M/d", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static CalendarDayKind? Kind(string value) => value.ToUpperInvariant() switch
    {
        "HOLIDAY" or "休" or "假" or "OFF" => CalendarDayKind.Holiday,
        "MAKE-UP-WORKDAY" or "MAKEUPWORKDAY" or "MAKE-UP" or "WORKDAY" or "班" or "补班" or "上班" => CalendarDayKind.MakeUpWorkday,
        _ => null,
    };

    private static string Word(CalendarDayKind kind) => kind == CalendarDayKind.Holiday ? "holiday" : "make-up workday";

    private static string Truncate(string name) => name.Length > MaxNameLength ? name[..MaxNameLength] : name;

    /// <summary>The days read so far, each with the line that gave it first.</summary>
    private sealed class Days
    {
        private readonly Dictionary<DateOnly, (int Line, int Index)> seen = [];

        public List<HolidayDay> List { get; } = [];

        public List<ImportLineError> Errors { get; } = [];

        /// <summary>Adds the day, or answers the line that already gave it (and keeps that one).</summary>
        public int? Add(DateOnly date, CalendarDayKind kind, string name, int line)
        {
            if (seen.TryGetValue(date, out var first))
            {
                return first.Line;
            }

            seen[date] = (line, List.Count);
            List.Add(new HolidayDay(date, kind, name));
            return null;
        }

        public CalendarDayKind KindOn(DateOnly date) => List[seen[date].Index].Kind;
    }

    /// <summary>Where an event and the properties errors point at stand in the file.</summary>
    private sealed record EventLines(int Begin)
    {
        public (int Line, string Value)? Start { get; set; }

        public (int Line, string Value)? End { get; set; }

        public (int Line, string Value)? Rule { get; set; }

        /// <summary>The VEVENTs of the file in order (Ical.Net keeps that order), with the lines of their own properties.</summary>
        public static List<EventLines> Scan(List<(int Number, string Line)> lines)
        {
            var events = new List<EventLines>();
            EventLines? current = null;
            var depth = 0;
            foreach (var (number, line) in lines)
            {
                if (line.Equals("BEGIN:VEVENT", StringComparison.OrdinalIgnoreCase) && current is null)
                {
                    current = new EventLines(number);
                    events.Add(current);
                }
                else if (current is not null && line.StartsWith("BEGIN:", StringComparison.OrdinalIgnoreCase))
                {
                    depth++;
                }
                else if (current is not null && line.StartsWith("END:", StringComparison.OrdinalIgnoreCase))
                {
                    (current, depth) = depth == 0 ? (null, 0) : (current, depth - 1);
                }
                else if (current is not null && depth == 0)
                {
                    current.Note(number, line);
                }
            }

            return events;
        }

        private void Note(int number, string line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return;
            }

            var name = line[..colon].Split(';')[0].ToUpperInvariant();
            var value = (number, line[(colon + 1)..]);
            switch (name)
            {
                case "DTSTART":
                    Start ??= value;
                    break;
                case "DTEND" or "DURATION":
                    End ??= value;
                    break;
                case "RRULE" or "RDATE":
                    Rule ??= value;
                    break;
            }
        }
    }
}
