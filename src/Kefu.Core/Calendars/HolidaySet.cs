using Kefu.Core.Common;

namespace Kefu.Core.Calendars;

/// <summary>A named list of public holidays and make-up workdays (调休), e.g. CN-2026, shared by calendars.</summary>
public sealed class HolidaySet : IVersioned
{
    private readonly List<HolidayEntry> entries = [];

    private HolidaySet()
    {
        Code = "";
        NameZh = "";
        NameEn = "";
        Description = "";
    }

    public Guid Id { get; private set; }

    public string Code { get; private set; }

    public string NameZh { get; private set; }

    public string NameEn { get; private set; }

    public string Description { get; private set; }

    /// <summary>Incremented on every edit, so a change of entries alone still bumps <see cref="Version"/> (and the calendar caches).</summary>
    public int Revision { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<HolidayEntry> Entries => entries;

    public void BumpVersion() => Version++;

    internal static HolidaySet Create(string code, string nameZh, string nameEn, string description) =>
        new() { Id = Guid.CreateVersion7(), Code = code, NameZh = nameZh, NameEn = nameEn, Description = description };

    internal void Rename(string nameZh, string nameEn, string description)
    {
        NameZh = nameZh;
        NameEn = nameEn;
        Description = description;
        Revision++;
    }

    /// <summary>Makes the entries exactly <paramref name="days"/>: updates dates that stay, removes and adds the rest.</summary>
    internal (int Added, int Updated, int Removed) ReplaceEntries(IEnumerable<HolidayDay> days)
    {
        var wanted = days.ToDictionary(d => d.Date);
        var removed = entries.RemoveAll(e => !wanted.ContainsKey(e.Date));
        var (added, updated) = Merge(wanted.Values);
        Revision++;
        return (added, updated, removed);
    }

    /// <summary>Adds or updates the given dates and keeps the others.</summary>
    internal (int Added, int Updated) MergeEntries(IEnumerable<HolidayDay> days)
    {
        var result = Merge(days);
        Revision++;
        return result;
    }

    private (int Added, int Updated) Merge(IEnumerable<HolidayDay> days)
    {
        int added = 0, updated = 0;
        foreach (var d in days)
        {
            var existing = entries.Find(e => e.Date == d.Date);
            if (existing is null)
            {
                entries.Add(new HolidayEntry(Id, d));
                added++;
            }
            else if (existing.Kind != d.Kind || existing.Name != d.Name)
            {
                existing.Set(d.Kind, d.Name);
                updated++;
            }
        }

        return (added, updated);
    }
}

public sealed class HolidayEntry
{
    private HolidayEntry()
    {
        Name = "";
    }

    internal HolidayEntry(Guid holidaySetId, HolidayDay day)
    {
        Id = Guid.CreateVersion7();
        HolidaySetId = holidaySetId;
        Date = day.Date;
        Kind = day.Kind;
        Name = day.Name;
    }

    public Guid Id { get; private set; }

    public Guid HolidaySetId { get; private set; }

    public DateOnly Date { get; private set; }

    public CalendarDayKind Kind { get; private set; }

    public string Name { get; private set; }

    internal void Set(CalendarDayKind kind, string name)
    {
        Kind = kind;
        Name = name;
    }
}
