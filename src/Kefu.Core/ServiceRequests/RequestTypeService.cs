using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.ServiceRequests;

/// <summary>Request types and their status profiles (SRQ-2, SRQ-4): shipped defaults, reading, and editing by administrators.</summary>
public sealed class RequestTypeService(KefuDb db)
{
    /// <summary>Adds the shipped types and their number ranges when missing; existing (possibly edited) types stay as they are.</summary>
    public async Task EnsureDefaultsAsync(CancellationToken ct = default)
    {
        var existing = await db.RequestTypes.Select(t => t.Code).ToListAsync(ct);
        var ranges = await db.NumberRanges.Select(r => r.Code).ToListAsync(ct);
        foreach (var d in DefaultProfiles.All.Where(d => !existing.Contains(d.Code)))
        {
            db.RequestTypes.Add(RequestType.Create(
                d.Code, d.NameZh, d.NameEn, StatusProfile.Create(d.Statuses, d.Transitions).Value, d.ApprovedStatus, d.RejectedStatus));
            if (!ranges.Contains(RequestType.NumberRangeFor(d.Code)))
            {
                db.NumberRanges.Add(new NumberRange { Code = RequestType.NumberRangeFor(d.Code), Prefix = d.Code + "-", Width = 7, Next = 1 });
            }
        }

        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<RequestTypeDto>> ListAsync(CancellationToken ct = default) =>
        (await Load().AsNoTracking().OrderBy(t => t.Code).ToListAsync(ct)).Select(ToDto).ToList();

    public async Task<Result<RequestTypeDto>> GetAsync(string code, CancellationToken ct = default)
    {
        var type = await Load().AsNoTracking().FirstOrDefaultAsync(t => t.Code == code, ct);
        return type is null ? Error.NotFound("Request type") : ToDto(type);
    }

    public async Task<Result<RequestTypeDto>> UpdateAsync(Caller caller, string code, RequestTypeInput input, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var type = await Load().FirstOrDefaultAsync(t => t.Code == code, ct);
        if (type is null)
        {
            return Error.NotFound("Request type");
        }

        var e = new ValidationErrors();
        e.Required("nameZh", input.NameZh, 50);
        e.Required("nameEn", input.NameEn, 50);
        if (input.Version is null)
        {
            e.Add("version", "Required: the version you read.");
        }

        var profile = StatusProfile.Create(
            (input.Statuses ?? []).Select(s => new StatusDefinition(
                s.Code?.Trim() ?? "", s.LabelZh?.Trim() ?? "", s.LabelEn?.Trim() ?? "", s.SystemStatus,
                (s.Roles ?? []).ToHashSet(StringComparer.Ordinal), s.IsInitial, s.WaitsForCustomer, s.OnSite)).ToList(),
            input.Transitions ?? []);
        if (!profile.IsSuccess)
        {
            foreach (var (field, messages) in profile.Error!.Fields ?? new Dictionary<string, string[]>())
            {
                foreach (var m in messages)
                {
                    e.Add(field, m);
                }
            }
        }
        else
        {
            await CheckStatusesInUseAsync(e, code, profile.Value, ct);
        }

        if (e.Any)
        {
            return e.ToError();
        }

        db.Entry(type).Property(t => t.Version).OriginalValue = input.Version!.Value;
        type.Change(input.NameZh!.Trim(), input.NameEn!.Trim(), input.IsActive, profile.Value);
        db.Entry(type).Property(t => t.NameZh).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }

        return ToDto(type);
    }

    /// <summary>A status still held by open or closed requests cannot disappear from the profile.</summary>
    private async Task CheckStatusesInUseAsync(ValidationErrors e, string code, StatusProfile profile, CancellationToken ct)
    {
        var kept = profile.Statuses.Select(s => s.Code).ToList();
        var lost = await db.ServiceRequests.Where(r => r.TypeCode == code && !kept.Contains(r.UserStatus))
            .Select(r => r.UserStatus).Distinct().ToListAsync(ct);
        if (lost.Count > 0)
        {
            e.Add("statuses", $"Requests are in status {string.Join(", ", lost)}; keep it in the profile.");
        }
    }

    private IQueryable<RequestType> Load() => db.RequestTypes.Include(t => t.Statuses).Include(t => t.Transitions).AsSplitQuery();

    private static RequestTypeDto ToDto(RequestType t) => new(
        t.Code, t.NameZh, t.NameEn, t.IsActive,
        t.Statuses.OrderBy(s => s.SortOrder).Select(s => new StatusDefinitionDto(
            s.Code, s.LabelZh, s.LabelEn, s.SystemStatus, s.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries), s.IsInitial, s.WaitsForCustomer, s.OnSite)).ToList(),
        t.Transitions.Select(x => new TransitionDefinition(x.FromCode, x.ToCode)).OrderBy(x => x.From, StringComparer.Ordinal).ToList(),
        t.Version);
}
