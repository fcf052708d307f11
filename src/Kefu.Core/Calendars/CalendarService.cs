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
        var head = await db.Set<BusinessCalendar>().AsNoTracking().Where(which).Select(c => new { c.Id, c.Version }).FirstOrDefaultAsync(ct);
        if (head is null)
        {
            return null;
        }

        var sets = await db.Set<CalendarHolidaySet>().AsNoTracking().Where(j => j.CalendarId == head.Id)
            .Join(db.Set<HolidaySet>(), j => j.HolidaySetId, s => s.Id, (j, s) => new { s.Id, s.Version })
            .ToListAsync(ct);
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
