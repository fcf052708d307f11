using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Calendars;

/// <summary>Holiday sets (SLA-2): reading by staff; editing and importing (.ics, CSV) by administrators.</summary>
public sealed class HolidaySetService(KefuDb db, BusinessDate dates)
{
    public async Task<IReadOnlyList<HolidaySetSummaryDto>> ListAsync(CancellationToken ct = default) =>
        await db.Set<HolidaySet>().AsNoTracking().OrderBy(s => s.Code)
            .Select(s => new HolidaySetSummaryDto(s.Id, s.Code, s.NameZh, s.NameEn, s.Description, s.Entries.Count, s.Version))
            .ToListAsync(ct);

    public async Task<Result<HolidaySetDto>> GetAsync(string code, CancellationToken ct = default)
    {
        var set = await db.Set<HolidaySet>().AsNoTracking().Include(s => s.Entries).FirstOrDefaultAsync(s => s.Code == code, ct);
        if (set is null)
        {
            return Error.NotFound("Holiday set");
        }

        var usedBy = await db.Set<CalendarHolidaySet>().Where(j => j.HolidaySetId == set.Id)
            .Join(db.Set<BusinessCalendar>(), j => j.CalendarId, c => c.Id, (j, c) => c.Code).OrderBy(c => c).ToListAsync(ct);
        return new HolidaySetDto(
            set.Id, set.Code, set.NameZh, set.NameEn, set.Description,
            [.. set.Entries.OrderBy(e => e.Date).Select(e => new HolidayEntryDto(e.Date, e.Kind, e.Name))], usedBy, set.Version);
    }

    public async Task<Result<HolidaySetDto>> CreateAsync(Caller caller, HolidaySetInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var e = new ValidationErrors();
        var code = input.Code?.Trim() ?? "";
        if (!CalendarService.ValidCode(code))
        {
            e.Add("code", "Required: 1 to 32 letters, digits, '-' or '_'.");
        }
        else if (await db.Set<HolidaySet>().AnyAsync(s => s.Code == code, ct))
        {
            e.Add("code", "This code is already used.");
        }

        var entries = Validate(e, input);
        if (e.Any)
        {
            return e.ToError();
        }

        var set = HolidaySet.Create(code, input.NameZh!.Trim(), input.NameEn!.Trim(), input.Description?.Trim() ?? "");
        set.ReplaceEntries(entries);
        db.Add(set);
        await db.SaveChangesAsync(ct);
        return await GetAsync(code, ct);
    }

    /// <summary>Renames the set and makes its entries exactly the given ones.</summary>
    public async Task<Result<HolidaySetDto>> UpdateAsync(Caller caller, string code, HolidaySetInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var set = await db.Set<HolidaySet>().Include(s => s.Entries).FirstOrDefaultAsync(s => s.Code == code, ct);
        if (set is null)
        {
            return Error.NotFound("Holiday set");
        }

        var e = new ValidationErrors();
        if (input.Version is null)
        {
            e.Add("version", "Required: the version you read.");
        }

        var entries = Validate(e, input);
        if (e.Any)
        {
            return e.ToError();
        }

        db.Entry(set).Property(s => s.Version).OriginalValue = input.Version!.Value;
        set.Rename(input.NameZh!.Trim(), input.NameEn!.Trim(), input.Description?.Trim() ?? "");
        set.ReplaceEntries(entries);
        var saved = await SaveAsync(ct);
        return saved is null ? await GetAsync(code, ct) : saved;
    }

    public async Task<Result<Unit>> DeleteAsync(Caller caller, string code, int version, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var set = await db.Set<HolidaySet>().Include(s => s.Entries).FirstOrDefaultAsync(s => s.Code == code, ct);
        if (set is null)
        {
            return Error.NotFound("Holiday set");
        }

        if (await db.Set<CalendarHolidaySet>().AnyAsync(j => j.HolidaySetId == set.Id, ct))
        {
            return Error.Conflict("HolidaySet.InUse", "Calendars use this holiday set; remove it from them first.");
        }

        db.Entry(set).Property(s => s.Version).OriginalValue = version;
        db.Remove(set);
        var saved = await SaveAsync(ct);
        return saved is null ? Unit.Value : saved;
    }

    /// <summary>Imports a CSV or iCalendar file into the set. Nothing is saved when a line is bad (every bad line is reported by
    /// number) or in a dry run. <paramref name="replace"/> makes the entries exactly the file's; otherwise dates are added or updated.</summary>
    public async Task<Result<HolidayImportResult>> ImportAsync(
        Caller caller, string code, string? text, bool replace, bool dryRun, int? version, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var set = await db.Set<HolidaySet>().Include(s => s.Entries).FirstOrDefaultAsync(s => s.Code == code, ct);
        if (set is null)
        {
            return Error.NotFound("Holiday set");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Error.Validation("file", "Required: a CSV (date,kind,name) or iCalendar (.ics) file.");
        }

        var (days, errors) = HolidayFiles.Parse(text, dates);
        if (errors.Count > 0)
        {
            return Error.Validation(errors.GroupBy(x => x.Line).ToDictionary(g => $"lines[{g.Key}]", g => g.Select(x => x.Message).ToArray()));
        }

        if (days.Count == 0)
        {
            return Error.Validation("file", "The file has no entries.");
        }

        if (version is int v)
        {
            db.Entry(set).Property(s => s.Version).OriginalValue = v;
        }

        var before = set.Version;
        var (added, updated, removed) = replace ? set.ReplaceEntries(days) : Merge(set, days);
        if (dryRun)
        {
            return new HolidayImportResult(true, days.Count, added, updated, removed, before);
        }

        var saved = await SaveAsync(ct);
        return saved is null ? new HolidayImportResult(false, days.Count, added, updated, removed, set.Version) : saved;
    }

    private static (int, int, int) Merge(HolidaySet set, List<HolidayDay> days)
    {
        var (a, u) = set.MergeEntries(days);
        return (a, u, 0);
    }

    private async Task<Error?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
    }

    private static List<HolidayDay> Validate(ValidationErrors e, HolidaySetInput input)
    {
        e.Required("nameZh", input.NameZh, 100);
        e.Required("nameEn", input.NameEn, 100);
        e.MaxLength("description", input.Description, 500);
        var result = new List<HolidayDay>();
        var entries = input.Entries ?? [];
        var seen = new HashSet<DateOnly>();
        for (var i = 0; i < entries.Count; i++)
        {
            var x = entries[i];
            if (!Enum.IsDefined(x.Kind))
            {
                e.Add($"entries[{i}].kind", "Use holiday or make-up-workday.");
            }
            else if (!seen.Add(x.Date))
            {
                e.Add($"entries[{i}].date", "This date is listed twice.");
            }
            else if (x.Date.Year is < WorkingCalendar.DefaultFirstYear or > WorkingCalendar.DefaultLastYear)
            {
                e.Add($"entries[{i}].date", $"Dates from {WorkingCalendar.DefaultFirstYear} to {WorkingCalendar.DefaultLastYear} only.");
            }
            else if ((x.Name?.Length ?? 0) > 100)
            {
                e.Add($"entries[{i}].name", "At most 100 characters.");
            }
            else
            {
                result.Add(new HolidayDay(x.Date, x.Kind, x.Name?.Trim() ?? ""));
            }
        }

        return result;
    }
}
