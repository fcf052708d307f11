using System.Collections.Concurrent;
using System.Globalization;
using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Core.Calendars;

public static class CalendarRegistration
{
    /// <summary>The calendar services and the process-wide cache of compiled calendars.</summary>
    public static IServiceCollection AddCalendars(this IServiceCollection services)
    {
        services.AddSingleton<CalendarCache>();
        services.AddScoped<CalendarService>();
        services.AddScoped<HolidaySetService>();
        return services;
    }
}

/// <summary>Compiled calendars by id with the stamp (calendar and holiday-set versions) they were compiled from. Every node
/// compares the stamp with the database on use, so an edit on one node is seen by all.</summary>
public sealed class CalendarCache
{
    private readonly ConcurrentDictionary<Guid, (string Stamp, WorkingCalendar Calendar)> compiled = new();

    internal WorkingCalendar? Get(Guid id, string stamp) =>
        compiled.TryGetValue(id, out var c) && c.Stamp == stamp ? c.Calendar : null;

    internal void Put(Guid id, string stamp, WorkingCalendar calendar) => compiled[id] = (stamp, calendar);
}

/// <summary>Business calendars (SLA-2): the compiled runtime for other capabilities, and editing by administrators.</summary>
public sealed class CalendarService(KefuDb db, CalendarCache cache)
{
    public const string DefaultCode = "CN-STD";
    public const string AlwaysOpenCode = "24x7";
    public const string DefaultTimeZone = "Asia/Shanghai";

    private static readonly Lazy<WorkingCalendar> BuiltInDefault = new(() => WorkingCalendar.Compile(new WorkingCalendarSpec
    {
        Code = DefaultCode,
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(DefaultTimeZone),
        Week = StandardWeek().Select(d => d?.Periods() ?? []).ToList(),
        Days = ChinaHolidays.Year2026.Concat(ChinaHolidays.Year2027Provisional).ToDictionary(d => d.Date, d => d.Kind),
    }));

    /// <summary>Monday to Friday 9:00–18:30.</summary>
    public static IReadOnlyList<DayHours?> StandardWeek()
    {
        var day = new DayHours(9 * 60, (18 * 60) + 30, null, null);
        return [null, day, day, day, day, day, null];
    }

    /// <summary>The calendar assigned to the unit or its nearest ancestor, else CN-STD.</summary>
    public async Task<WorkingCalendar> ForUnitAsync(Guid? unitId, CancellationToken ct)
    {
        if (unitId is Guid start)
        {
            var assigned = await db.Set<CalendarUnit>().AsNoTracking().Select(u => new { u.UnitId, u.CalendarId }).ToListAsync(ct);
            if (assigned.Count > 0)
            {
                var byUnit = assigned.ToDictionary(a => a.UnitId, a => a.CalendarId);
                var parents = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToDictionaryAsync(u => u.Id, u => u.ParentId, ct);
                Guid? unit = start;
                for (var depth = 0; unit is Guid u && depth < 32; depth++)
                {
                    if (byUnit.TryGetValue(u, out var calendarId))
                    {
                        var found = await CompiledAsync(c => c.Id == calendarId, ct);
                        if (found is not null)
                        {
                            return found;
                        }
                    }

                    unit = parents.GetValueOrDefault(u);
                }
            }
        }

        return await ByCodeAsync(DefaultCode, ct) ?? BuiltInDefault.Value;
    }

    public Task<WorkingCalendar?> ByCodeAsync(string code, CancellationToken ct) => CompiledAsync(c => c.Code == code, ct);

    private async Task<WorkingCalendar?> CompiledAsync(System.Linq.Expressions.Expression<Func<BusinessCalendar, bool>> which, CancellationToken ct)
    {
        // The calendar's version and its holiday sets' versions in one round trip: the stamp of the compiled copy in the cache.
        var head = await db.Set<BusinessCalendar>().AsNoTracking().Where(which).Select(c => new
        {
            c.Id,
            c.Version,
            Sets = db.Set<CalendarHolidaySet>().Where(j => j.CalendarId == c.Id)
                .Join(db.Set<HolidaySet>(), j => j.HolidaySetId, s => s.Id, (j, s) => new { s.Id, s.Version }).ToList(),
        }).FirstOrDefaultAsync(ct);
        if (head is null)
        {
            return null;
        }

        var sets = head.Sets;
        var stamp = string.Join(",", sets.OrderBy(s => s.Id).Select(s => $"{s.Id:N}:{s.Version}").Prepend(head.Version.ToString(CultureInfo.InvariantCulture)));
        if (cache.Get(head.Id, stamp) is { } hit)
        {
            return hit;
        }

        var calendar = await db.Set<BusinessCalendar>().AsNoTracking().Include(c => c.Hours).Include(c => c.HolidaySets)
            .AsSplitQuery().FirstAsync(c => c.Id == head.Id, ct);
        var setIds = calendar.HolidaySets.Select(s => s.HolidaySetId).ToList();
        var entries = await db.Set<HolidayEntry>().AsNoTracking().Where(e => setIds.Contains(e.HolidaySetId))
            .Select(e => new { e.Date, e.Kind }).ToListAsync(ct);
        var compiled = Compile(calendar, entries.Select(e => (e.Date, e.Kind)));
        cache.Put(head.Id, stamp, compiled);
        return compiled;
    }

    /// <summary>Compiles a stored calendar; when holiday sets disagree on a date, the holiday wins.</summary>
    public static WorkingCalendar Compile(BusinessCalendar calendar, IEnumerable<(DateOnly Date, CalendarDayKind Kind)> days)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(calendar.TimeZoneId);
        if (calendar.IsAlwaysOpen)
        {
            return WorkingCalendar.AlwaysOpen(calendar.Code, zone);
        }

        var map = new Dictionary<DateOnly, CalendarDayKind>();
        foreach (var (date, kind) in days)
        {
            map[date] = map.TryGetValue(date, out var k) && k == CalendarDayKind.Holiday ? k : kind;
        }

        var week = new IReadOnlyList<WorkingPeriod>[7];
        foreach (var h in calendar.Hours)
        {
            week[(int)h.Day] = h.ToDayHours()?.Periods() ?? [];
        }

        return WorkingCalendar.Compile(new WorkingCalendarSpec
        {
            Code = calendar.Code,
            TimeZone = zone,
            Week = week.Select(w => w ?? []).ToList(),
            Days = map,
        });
    }

    public async Task<IReadOnlyList<CalendarDto>> ListAsync(CancellationToken ct = default)
    {
        var calendars = await Load().AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);
        return await ToDtosAsync(calendars, ct);
    }

    public async Task<Result<CalendarDto>> GetAsync(string code, CancellationToken ct = default)
    {
        var calendar = await Load().AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct);
        return calendar is null ? Error.NotFound("Calendar") : (await ToDtosAsync([calendar], ct))[0];
    }

    public async Task<Result<CalendarDto>> CreateAsync(Caller caller, CalendarInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var e = new ValidationErrors();
        var code = input.Code?.Trim() ?? "";
        if (!ValidCode(code))
        {
            e.Add("code", "Required: 1 to 32 letters, digits, '-' or '_'.");
        }
        else if (await db.Set<BusinessCalendar>().AnyAsync(c => c.Code == code, ct))
        {
            e.Add("code", "This code is already used.");
        }

        var valid = await ValidateAsync(e, input, null, ct);
        if (e.Any)
        {
            return e.ToError();
        }

        var calendar = BusinessCalendar.Create(code, valid!);
        db.Add(calendar);
        await db.SaveChangesAsync(ct);
        return (await GetAsync(code, ct)).Value;
    }

    public async Task<Result<CalendarDto>> UpdateAsync(Caller caller, string code, CalendarInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var calendar = await Load().FirstOrDefaultAsync(c => c.Code == code, ct);
        if (calendar is null)
        {
            return Error.NotFound("Calendar");
        }

        var e = new ValidationErrors();
        if (input.Version is null)
        {
            e.Add("version", "Required: the version you read.");
        }

        var valid = await ValidateAsync(e, input, calendar.Id, ct);
        if (e.Any)
        {
            return e.ToError();
        }

        db.Entry(calendar).Property(c => c.Version).OriginalValue = input.Version!.Value;
        calendar.Apply(valid!);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }

        return (await GetAsync(code, ct)).Value;
    }

    public async Task<Result<Unit>> DeleteAsync(Caller caller, string code, int version, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var calendar = await Load().FirstOrDefaultAsync(c => c.Code == code, ct);
        if (calendar is null)
        {
            return Error.NotFound("Calendar");
        }

        if (calendar.Code == DefaultCode)
        {
            return Error.Conflict("Calendar.Default", "The default calendar CN-STD cannot be deleted.");
        }

        if (calendar.Units.Count > 0)
        {
            return Error.Conflict("Calendar.Assigned", "The calendar is assigned to organisation units; unassign them first.");
        }

        db.Entry(calendar).Property(c => c.Version).OriginalValue = version;
        db.Remove(calendar);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }

        return Unit.Value;
    }

    /// <summary>The due instant of <paramref name="minutes"/> working minutes from <paramref name="start"/> in the calendar.</summary>
    public async Task<Result<DateTimeOffset>> AddWorkingTimeAsync(string code, string? start, string? minutes, CancellationToken ct = default)
    {
        var e = new ValidationErrors();
        DateTimeOffset from = default;
        long work = 0;
        if (string.IsNullOrWhiteSpace(start))
        {
            e.Add("start", "Required: an ISO 8601 instant with offset, e.g. 2026-09-30T17:00:00+08:00.");
        }
        else if (!DateTimeOffset.TryParse(start.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out from)
            || !HasOffset(start))
        {
            e.Add("start", "Not an ISO 8601 instant with offset, e.g. 2026-09-30T17:00:00+08:00.");
        }

        if (string.IsNullOrWhiteSpace(minutes))
        {
            e.Add("minutes", "Required.");
        }
        else if (!long.TryParse(minutes, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out work) || work < 0 || work > MaxMinutes)
        {
            e.Add("minutes", $"A whole number from 0 to {MaxMinutes}.");
        }

        var calendar = await ByCodeAsync(code, ct);
        if (calendar is null)
        {
            return Error.NotFound("Calendar");
        }

        if (!e.Any && (from < calendar.RangeStart || from >= calendar.RangeEnd))
        {
            e.Add("start", $"Outside the years the calendar covers ({calendar.RangeStart:yyyy} to {calendar.RangeEnd:yyyy}).");
        }

        if (e.Any)
        {
            return e.ToError();
        }

        try
        {
            return calendar.AddWorkingTime(from, TimeSpan.FromMinutes(work));
        }
        catch (ArgumentOutOfRangeException)
        {
            return Error.Validation("minutes", "The result is beyond the years the calendar covers.");
        }
    }

    /// <summary>Ten years of working minutes around the clock is more than any target needs.</summary>
    public const long MaxMinutes = 10L * 366 * 24 * 60;

    private static bool HasOffset(string text)
    {
        var t = text.Trim();
        var timeAt = t.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        return timeAt > 0 && (t.EndsWith('Z') || t.EndsWith('z') || t.IndexOf('+', timeAt) > 0 || t.IndexOf('-', timeAt) > 0);
    }

    internal static bool ValidCode(string code) =>
        code.Length is > 0 and <= 32 && code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_');

    private IQueryable<BusinessCalendar> Load() =>
        db.Set<BusinessCalendar>().Include(c => c.Hours).Include(c => c.HolidaySets).Include(c => c.Units).AsSplitQuery();

    private async Task<ValidCalendar?> ValidateAsync(ValidationErrors e, CalendarInput input, Guid? calendarId, CancellationToken ct)
    {
        e.Required("nameZh", input.NameZh, 100);
        e.Required("nameEn", input.NameEn, 100);
        var zoneId = input.TimeZone?.Trim() ?? "";
        if (zoneId.Length == 0 || zoneId.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out _))
        {
            e.Add("timeZone", "Required: a known IANA time zone, e.g. Asia/Shanghai.");
        }

        var week = new DayHours?[7];
        var hours = input.Hours ?? [];
        for (var i = 0; i < hours.Count; i++)
        {
            var h = hours[i];
            var field = $"hours[{i}]";
            if (!Enum.IsDefined(h.Day))
            {
                e.Add($"{field}.day", "Unknown weekday.");
                continue;
            }

            if (hours.Take(i).Any(o => o.Day == h.Day))
            {
                e.Add($"{field}.day", "This weekday is given twice.");
                continue;
            }

            if (!h.Open)
            {
                continue;
            }

            var start = ClockText.Parse(h.Start);
            var end = ClockText.Parse(h.End);
            var breakStart = ClockText.Parse(h.BreakStart);
            var breakEnd = ClockText.Parse(h.BreakEnd);
            var ok = true;
            foreach (var (name, value, required) in new[] { ("start", start, true), ("end", end, true), ("breakStart", breakStart, false), ("breakEnd", breakEnd, false) })
            {
                if (value == -1 || (required && value is null))
                {
                    e.Add($"{field}.{name}", "Required: a time of day as HH:mm (00:00 to 24:00).");
                    ok = false;
                }
            }

            if (!ok)
            {
                continue;
            }

            if (end <= start)
            {
                e.Add($"{field}.end", "The end must be after the start.");
                continue;
            }

            if ((breakStart is null) != (breakEnd is null))
            {
                e.Add($"{field}.{(breakStart is null ? "breakStart" : "breakEnd")}", "Give both ends of the break, or neither.");
                continue;
            }

            if (breakStart is int bs && breakEnd is int be && (bs <= start || be >= end || be <= bs))
            {
                e.Add($"{field}.breakStart", "The break must lie inside the working hours, end after it starts, and leave time on both sides.");
                continue;
            }

            week[(int)h.Day] = new DayHours(start!.Value, end!.Value, breakStart, breakEnd);
        }

        if (!input.AlwaysOpen && week.All(d => d is null))
        {
            e.Add("hours", "Open at least one weekday, or make the calendar 24×7.");
        }

        var setCodes = (input.HolidaySets ?? []).Select(s => s?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        var sets = await db.Set<HolidaySet>().AsNoTracking().Where(s => setCodes.Contains(s.Code)).Select(s => new { s.Id, s.Code }).ToListAsync(ct);
        foreach (var missing in setCodes.Where(c => sets.All(s => s.Code != c)))
        {
            e.Add("holidaySets", $"Unknown holiday set: {missing}.");
        }

        var unitIds = (input.Units ?? []).Distinct().ToList();
        var known = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        if (known.Count != unitIds.Count)
        {
            e.Add("units", "Unknown organisation unit.");
        }

        var taken = await db.Set<CalendarUnit>().AsNoTracking()
            .Where(u => unitIds.Contains(u.UnitId) && u.CalendarId != calendarId)
            .Join(db.Set<BusinessCalendar>(), u => u.CalendarId, c => c.Id, (u, c) => c.Code).ToListAsync(ct);
        if (taken.Count > 0)
        {
            e.Add("units", $"A unit already follows another calendar: {string.Join(", ", taken.Distinct())}.");
        }

        return e.Any ? null : new ValidCalendar(
            input.NameZh!.Trim(), input.NameEn!.Trim(), zoneId, input.AlwaysOpen, week,
            sets.Select(s => s.Id).ToHashSet(), unitIds.ToHashSet());
    }

    private async Task<List<CalendarDto>> ToDtosAsync(IReadOnlyList<BusinessCalendar> calendars, CancellationToken ct)
    {
        var setIds = calendars.SelectMany(c => c.HolidaySets.Select(s => s.HolidaySetId)).Distinct().ToList();
        var unitIds = calendars.SelectMany(c => c.Units.Select(u => u.UnitId)).Distinct().ToList();
        var sets = await db.Set<HolidaySet>().AsNoTracking().Where(s => setIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id))
            .Select(u => new CalendarUnitDto(u.Id, u.Code, u.Name)).ToDictionaryAsync(u => u.Id, ct);
        return calendars.Select(c => new CalendarDto(
            c.Id, c.Code, c.NameZh, c.NameEn, c.TimeZoneId, c.IsAlwaysOpen,
            [.. Week().Select(d => c.Hours.First(h => h.Day == d)).Select(h => new DayHoursDto(
                h.Day, h.IsOpen, h.IsOpen ? ClockText.Format(h.StartMinute) : null, h.IsOpen ? ClockText.Format(h.EndMinute) : null,
                h.BreakStartMinute is int bs ? ClockText.Format(bs) : null, h.BreakEndMinute is int be ? ClockText.Format(be) : null))],
            [.. c.HolidaySets.Select(s => sets[s.HolidaySetId]).Order(StringComparer.Ordinal)],
            [.. c.Units.Select(u => units[u.UnitId]).OrderBy(u => u.Code, StringComparer.Ordinal)],
            c.Version)).ToList();
    }

    /// <summary>Monday first, as calendars in China print them.</summary>
    public static IEnumerable<DayOfWeek> Week() =>
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>Adds the shipped holiday sets (CN-2026, CN-2027) and calendars (CN-STD, 24x7) when missing; edited ones stay.</summary>
    public async Task EnsureDefaultsAsync(CancellationToken ct = default)
    {
        var sets = await db.Set<HolidaySet>().ToDictionaryAsync(s => s.Code, ct);
        foreach (var (code, zh, en, description, days) in new[]
        {
            ("CN-2026", "中国大陆 2026 年节假日", "Mainland China holidays 2026",
                "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）", ChinaHolidays.Year2026),
            ("CN-2027", "中国大陆 2027 年节假日（暂定）", "Mainland China holidays 2027 (provisional)",
                "暂定：按2027年农历日期排列的法定节假日，未含调休上班日；国务院通知发布后请替换。 Provisional: statutory days by the 2027 lunar dates, no make-up workdays; replace when the State Council notice is published.",
                ChinaHolidays.Year2027Provisional),
        })
        {
            if (!sets.ContainsKey(code))
            {
                var set = HolidaySet.Create(code, zh, en, description);
                set.ReplaceEntries(days);
                db.Add(set);
                sets[code] = set;
            }
        }

        var calendars = await db.Set<BusinessCalendar>().Select(c => c.Code).ToListAsync(ct);
        if (!calendars.Contains(DefaultCode))
        {
            db.Add(BusinessCalendar.Create(DefaultCode, new ValidCalendar(
                "标准工作日历", "Standard working calendar", DefaultTimeZone, false, StandardWeek(),
                new HashSet<Guid> { sets["CN-2026"].Id, sets["CN-2027"].Id }, new HashSet<Guid>())));
        }

        if (!calendars.Contains(AlwaysOpenCode))
        {
            db.Add(BusinessCalendar.Create(AlwaysOpenCode, new ValidCalendar(
                "全天候（电信）", "24×7 (telecom)", DefaultTimeZone, true, [null, null, null, null, null, null, null],
                new HashSet<Guid>(), new HashSet<Guid>())));
        }

        await db.SaveChangesAsync(ct);
    }
}
