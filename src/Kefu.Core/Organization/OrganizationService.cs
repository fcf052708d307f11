using Kefu.Core.Common;
using Kefu.Core.Customers;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Organization;

public sealed record OrgUnitDto(Guid Id, string Code, string Name, OrgUnitKind Kind, Guid? ParentId, int Version, bool IsLogistics = false);

public sealed record OrgUnitInput(string? Code, string? Name, string? Kind, Guid? ParentId, bool IsLogistics = false);

/// <summary>The units whose data a caller may see: all, or a set (the caller's unit and everything below it).</summary>
public sealed class UnitScope
{
    private UnitScope(bool all, IReadOnlySet<Guid> units)
    {
        All = all;
        Units = units;
    }

    public static UnitScope Everything { get; } = new(true, new HashSet<Guid>());

    public bool All { get; }

    public IReadOnlySet<Guid> Units { get; }

    public bool Contains(Guid unitId) => All || Units.Contains(unitId);

    public static UnitScope Of(IEnumerable<Guid> units) => new(false, units.ToHashSet());
}

public sealed class OrganizationService(KefuDb db)
{
    // Scoped service: the scope of a unit is computed once per request, not once per check.
    private readonly Dictionary<Guid, UnitScope> scopes = [];

    public async Task<UnitScope> ScopeAsync(Caller caller, CancellationToken ct = default)
    {
        if (caller.IsAdministrator)
        {
            return UnitScope.Everything;
        }

        if (caller.OrgUnitId is not Guid root)
        {
            return UnitScope.Of([]);
        }

        if (scopes.TryGetValue(root, out var known))
        {
            return known;
        }

        var links = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(ct);
        var children = links.Where(l => l.ParentId is not null).ToLookup(l => l.ParentId!.Value, l => l.Id);
        var result = new HashSet<Guid>();
        var todo = new Stack<Guid>([root]);
        while (todo.TryPop(out var id))
        {
            if (result.Add(id))
            {
                foreach (var child in children[id])
                {
                    todo.Push(child);
                }
            }
        }

        return scopes[root] = UnitScope.Of(result);
    }

    /// <summary>All units for administrators; for others their own units and the units above them.</summary>
    public async Task<IReadOnlyList<OrgUnitDto>> ListAsync(Caller caller, CancellationToken ct = default)
    {
        var all = await db.OrgUnits.AsNoTracking()
            .OrderBy(u => u.Kind).ThenBy(u => u.Code)
            .Select(u => new OrgUnitDto(u.Id, u.Code, u.Name, u.Kind, u.ParentId, u.Version, u.IsLogistics))
            .ToListAsync(ct);
        if (caller.IsAdministrator)
        {
            return all;
        }

        var scope = await ScopeAsync(caller, ct);
        var byId = all.ToDictionary(u => u.Id);
        var visible = new HashSet<Guid>(scope.Units);
        foreach (var id in scope.Units)
        {
            for (var p = byId.GetValueOrDefault(id)?.ParentId; p is not null; p = byId.GetValueOrDefault(p.Value)?.ParentId)
            {
                visible.Add(p.Value);
            }
        }

        return all.Where(u => visible.Contains(u.Id)).ToList();
    }

    public async Task<Result<OrgUnitDto>> GetAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        var unit = (await ListAsync(caller, ct)).FirstOrDefault(u => u.Id == id);
        return unit is null ? Error.NotFound("Org unit") : unit;
    }

    public async Task<Result<OrgUnitDto>> CreateAsync(Caller caller, OrgUnitInput input, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var e = new ValidationErrors();
        e.Required("code", input.Code, 32);
        e.Required("name", input.Name, 100);
        var kind = CustomerValidator.ParseEnum<OrgUnitKind>(e, "kind", input.Kind, required: true);
        OrgUnitKind? parentKind = null;
        if (input.ParentId is Guid parentId)
        {
            parentKind = await db.OrgUnits.Where(u => u.Id == parentId).Select(u => (OrgUnitKind?)u.Kind).FirstOrDefaultAsync(ct);
            if (parentKind is null)
            {
                e.Add("parentId", "No such unit.");
            }
        }

        if (!e.Any && !OrgUnit.IsValidParent(kind, parentKind))
        {
            e.Add("parentId", "A company has no parent; a region sits under a company, a responsibility centre under a region, a work centre under a responsibility centre.");
        }

        if (!e.Any && await db.OrgUnits.AnyAsync(u => u.Code == input.Code!.Trim(), ct))
        {
            e.Add("code", "This code is already used.");
        }

        if (e.Any)
        {
            return e.ToError();
        }

        var unit = OrgUnit.Create(input.Code!, input.Name!, kind, input.ParentId, input.IsLogistics);
        scopes.Clear();
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync(ct);
        return ToDto(unit);
    }

    public async Task<Result<OrgUnitDto>> UpdateAsync(Caller caller, Guid id, int version, OrgUnitInput input, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return Error.NotFound("Org unit");
        }

        var e = new ValidationErrors();
        e.Required("code", input.Code, 32);
        e.Required("name", input.Name, 100);
        if (!e.Any && await db.OrgUnits.AnyAsync(u => u.Code == input.Code!.Trim() && u.Id != id, ct))
        {
            e.Add("code", "This code is already used.");
        }

        if (e.Any)
        {
            return e.ToError();
        }

        db.Entry(unit).Property(u => u.Version).OriginalValue = version;
        unit.Rename(input.Code!, input.Name!, input.IsLogistics);
        return await SaveAsync(unit, ct);
    }

    public async Task<Result<Unit>> DeleteAsync(Caller caller, Guid id, int version, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return Error.NotFound("Org unit");
        }

        var inUse = await db.OrgUnits.AnyAsync(u => u.ParentId == id, ct)
            || await db.Users.AnyAsync(u => u.OrgUnitId == id, ct)
            || await db.Customers.AnyAsync(c => c.OrgUnitId == id, ct);
        if (inUse)
        {
            return Error.Conflict("OrgUnit.InUse", "The unit still has sub-units, users or customers.");
        }

        scopes.Clear();
        db.Entry(unit).Property(u => u.Version).OriginalValue = version;
        db.OrgUnits.Remove(unit);
        var saved = await SaveAsync(unit, ct);
        return saved.IsSuccess ? Unit.Value : saved.Error!;
    }

    private async Task<Result<OrgUnitDto>> SaveAsync(OrgUnit unit, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return ToDto(unit);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
    }

    private static OrgUnitDto ToDto(OrgUnit u) => new(u.Id, u.Code, u.Name, u.Kind, u.ParentId, u.Version, u.IsLogistics);

    /// <summary>The logistics unit of the region a unit belongs to, if the region has one.</summary>
    public async Task<Guid?> LogisticsUnitForAsync(Guid unitId, CancellationToken ct = default)
    {
        var all = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId, u.Kind, u.IsLogistics }).ToListAsync(ct);
        var byId = all.ToDictionary(u => u.Id);
        var region = byId.GetValueOrDefault(unitId);
        while (region is not null && region.Kind != OrgUnitKind.Region)
        {
            region = region.ParentId is Guid p ? byId.GetValueOrDefault(p) : null;
        }

        if (region is null)
        {
            return null;
        }

        var children = all.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value);
        var todo = new Queue<Guid>([region.Id]);
        while (todo.TryDequeue(out var id))
        {
            foreach (var child in children[id])
            {
                if (child.IsLogistics)
                {
                    return child.Id;
                }

                todo.Enqueue(child.Id);
            }
        }

        return null;
    }
}
