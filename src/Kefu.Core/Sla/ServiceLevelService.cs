using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Kefu.Core.ServiceRequests;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Sla;

public sealed record ServiceLevelDto(
    string Code,
    string NameZh,
    string NameEn,
    bool IsActive,
    IReadOnlyList<UrgencyTargets> Targets,
    IReadOnlyList<string> CoveredTypes,
    IReadOnlyList<string> DefaultForTypes,
    int WarningPercent,
    int GreenChannelPercent,
    bool GreenSkipsApproval,
    int Version);

/// <summary>What an administrator sends to create (with <see cref="Code"/>) or edit (with <see cref="Version"/>) a level.</summary>
public sealed record ServiceLevelInput(
    string? Code,
    string? NameZh,
    string? NameEn,
    bool? IsActive,
    IReadOnlyList<UrgencyTargets>? Targets,
    IReadOnlyList<string>? CoveredTypes,
    IReadOnlyList<string>? DefaultForTypes,
    int? WarningPercent,
    int? GreenChannelPercent,
    bool? GreenSkipsApproval,
    int? Version);

/// <summary>Where a request's level came from (SLA-1): the customer's contract, the customer's class, or the request type.</summary>
public enum SlaLevelSource
{
    Contract = 0,
    CustomerClass = 1,
    RequestType = 2,
}

/// <summary>The level that applies to a request, where it came from, and whether the customer is on the green channel.</summary>
public sealed record AppliedLevel(ServiceLevel Level, SlaLevelSource Source, bool GreenChannel);

/// <summary>Service levels (SLA-1): shipped defaults, reading, editing by administrators, and which level applies to a request.</summary>
public sealed class ServiceLevelService(
    KefuDb db, IContractServiceLevels contracts, IClassServiceLevels classes, OrganizationService organization, TimeProvider time, BusinessDate dates)
{
    /// <summary>Who may put a customer on the green channel or take it off (SLA-5).</summary>
    public static readonly IReadOnlyList<string> GreenChannelSetters = [Roles.Supervisor, Roles.Administrator];

    /// <summary>Adds the shipped levels that are missing; edited levels stay as they are.</summary>
    public async Task EnsureDefaultsAsync(CancellationToken ct = default)
    {
        var existing = await db.Set<ServiceLevel>().Select(l => l.Code).ToListAsync(ct);
        foreach (var (code, level) in ServiceLevelDefaults.All.Where(d => !existing.Contains(d.Code)))
        {
            db.Set<ServiceLevel>().Add(ServiceLevel.Create(code, level.ToValid()));
        }

        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<ServiceLevelDto>> ListAsync(CancellationToken ct = default) =>
        (await db.Set<ServiceLevel>().AsNoTracking().OrderBy(l => l.Code).ToListAsync(ct)).Select(ToDto).ToList();

    public async Task<Result<ServiceLevelDto>> GetAsync(string code, CancellationToken ct = default)
    {
        var level = await db.Set<ServiceLevel>().AsNoTracking().FirstOrDefaultAsync(l => l.Code == code, ct);
        return level is null ? Error.NotFound("Service level") : ToDto(level);
    }

    public async Task<Result<ServiceLevelDto>> CreateAsync(Caller caller, ServiceLevelInput input, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var e = new ValidationErrors();
        var code = input.Code?.Trim().ToUpperInvariant() ?? "";
        if (code.Length is 0 or > 10 || !code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-'))
        {
            e.Add("code", "1 to 10 letters, digits, '-' or '_'.");
        }
        else if (await db.Set<ServiceLevel>().AnyAsync(l => l.Code == code, ct))
        {
            e.Add("code", "A level with this code exists.");
        }

        var valid = await ValidateAsync(e, code, input, ct);
        if (e.Any)
        {
            return e.ToError();
        }

        var level = ServiceLevel.Create(code, valid!);
        db.Set<ServiceLevel>().Add(level);
        await db.SaveChangesAsync(ct);
        return ToDto(level);
    }

    public async Task<Result<ServiceLevelDto>> UpdateAsync(Caller caller, string code, ServiceLevelInput input, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var level = await db.Set<ServiceLevel>().FirstOrDefaultAsync(l => l.Code == code, ct);
        if (level is null)
        {
            return Error.NotFound("Service level");
        }

        var e = new ValidationErrors();
        if (input.Version is null)
        {
            e.Add("version", "Required: the version you read.");
        }

        var valid = await ValidateAsync(e, code, input, ct);
        if (e.Any)
        {
            return e.ToError();
        }

        db.Entry(level).Property(l => l.Version).OriginalValue = input.Version!.Value;
        level.Change(valid!);
        db.Entry(level).Property(l => l.NameZh).IsModified = true;
        var saved = await db.SaveOrConflictAsync(ct);
        return saved.IsSuccess ? ToDto(level) : saved.Error!;
    }

    /// <summary>
    /// The level of a new request: the customer's contract in force covering the type, else the customer's class, else the
    /// type's default level; a level that is inactive or does not cover the type is passed over. Null: no SLA.
    /// </summary>
    public async Task<AppliedLevel?> ResolveAsync(Guid customerId, string typeCode, CancellationToken ct = default)
    {
        var today = dates.Today();
        var classSettings = await classes.ForCustomerAsync(customerId, ct);
        var green = classSettings?.GreenChannel == true || await db.Set<GreenChannelCustomer>().AnyAsync(g => g.CustomerId == customerId, ct);
        var levels = await db.Set<ServiceLevel>().AsNoTracking().Where(l => l.IsActive).ToListAsync(ct);
        return Pick(levels, typeCode, await contracts.ContractLevelAsync(customerId, typeCode, today, ct), classSettings, green);
    }

    /// <summary>
    /// Resolves levels for many requests at once (bulk demo data): the levels, green-channel flags and classes are read once, and
    /// only customers with a maintenance contract are asked one by one (<see cref="ResolveAsync"/>, cached per customer and type).
    /// </summary>
    internal async Task<Func<Guid, string, CancellationToken, Task<AppliedLevel?>>> ResolverAsync(CancellationToken ct)
    {
        var levels = await db.Set<ServiceLevel>().AsNoTracking().Where(l => l.IsActive).ToListAsync(ct);
        var flagged = (await db.Set<GreenChannelCustomer>().AsNoTracking().Select(g => g.CustomerId).ToListAsync(ct)).ToHashSet();
        var withContract = (await db.Set<Contracts.MaintenanceContract>().AsNoTracking().Select(c => c.CustomerId).Distinct().ToListAsync(ct)).ToHashSet();
        var classRows = await (from c in db.Set<Classification.CustomerClass>()
                               join k in db.Set<Classification.SchemeClass>() on new { c.SchemeCode, c.ClassCode } equals new { k.SchemeCode, ClassCode = k.Code }
                               join s in db.Set<Classification.ClassificationScheme>() on c.SchemeCode equals s.Code
                               where s.Enabled
                               orderby s.SortOrder
                               select new { c.CustomerId, Class = k }).AsNoTracking().ToListAsync(ct);
        var byCustomer = classRows.GroupBy(r => r.CustomerId)
            .ToDictionary(g => g.Key, g => Classification.ClassServiceLevels.Merge(g.Select(r => r.Class).ToList()));
        var cache = new Dictionary<(Guid, string), AppliedLevel?>();
        return async (customerId, typeCode, token) =>
        {
            if (!withContract.Contains(customerId))
            {
                var settings = byCustomer.GetValueOrDefault(customerId);
                return Pick(levels, typeCode, null, settings, settings?.GreenChannel == true || flagged.Contains(customerId));
            }

            if (!cache.TryGetValue((customerId, typeCode), out var applied))
            {
                cache[(customerId, typeCode)] = applied = await ResolveAsync(customerId, typeCode, token);
            }

            return applied;
        };
    }

    private static AppliedLevel? Pick(List<ServiceLevel> levels, string typeCode, string? contractLevel, ClassServiceSettings? classSettings, bool green)
    {
        // Contracts and classes name levels as people type them ("full", "FULL"); codes match without regard to case.
        ServiceLevel? Usable(string? code) => levels.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.OrdinalIgnoreCase) && l.Covers(typeCode));

        if (Usable(contractLevel) is { } contract)
        {
            return new AppliedLevel(contract, SlaLevelSource.Contract, green);
        }

        if (Usable(classSettings?.ServiceLevelCode) is { } byClass)
        {
            return new AppliedLevel(byClass, SlaLevelSource.CustomerClass, green);
        }

        var byType = levels.OrderBy(l => l.Code, StringComparer.Ordinal)
            .FirstOrDefault(l => l.DefaultForTypeList.Contains(typeCode, StringComparer.Ordinal) && l.Covers(typeCode));
        return byType is null ? null : new AppliedLevel(byType, SlaLevelSource.RequestType, green);
    }

    /// <summary>Whether the customer is on the green channel, by class or by a supervisor's flag.</summary>
    public async Task<Result<GreenChannelDto>> GreenChannelAsync(Caller caller, Guid customerId, CancellationToken ct = default)
    {
        var customer = await CustomerInScopeAsync(caller, customerId, ct);
        if (customer is null)
        {
            return Error.NotFound("Customer");
        }

        var flag = await db.Set<GreenChannelCustomer>().AsNoTracking().FirstOrDefaultAsync(g => g.CustomerId == customerId, ct);
        var byClass = (await classes.ForCustomerAsync(customerId, ct))?.GreenChannel == true;
        return new GreenChannelDto(customerId, flag is not null || byClass, flag is not null, byClass, flag?.SetAt, flag?.SetByName);
    }

    /// <summary>A supervisor (or administrator) puts a customer of their units on the green channel or takes it off.</summary>
    public async Task<Result<GreenChannelDto>> SetGreenChannelAsync(Caller caller, Guid customerId, bool on, CancellationToken ct = default)
    {
        if (!caller.IsInAny(GreenChannelSetters))
        {
            return Error.Forbidden();
        }

        if (await CustomerInScopeAsync(caller, customerId, ct) is null)
        {
            return Error.NotFound("Customer");
        }

        var flag = await db.Set<GreenChannelCustomer>().FirstOrDefaultAsync(g => g.CustomerId == customerId, ct);
        if (on && flag is null)
        {
            db.Set<GreenChannelCustomer>().Add(GreenChannelCustomer.Create(customerId, caller.UserName, time.GetUtcNow().UtcDateTime));
        }
        else if (!on && flag is not null)
        {
            db.Set<GreenChannelCustomer>().Remove(flag);
        }

        await db.SaveChangesAsync(ct);
        return await GreenChannelAsync(caller, customerId, ct);
    }

    private async Task<Guid?> CustomerInScopeAsync(Caller caller, Guid customerId, CancellationToken ct)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return null;
        }

        var unit = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => (Guid?)c.OrgUnitId).FirstOrDefaultAsync(ct);
        return unit is Guid u && (await organization.ScopeAsync(caller, ct)).Contains(u) ? customerId : null;
    }

    private async Task<ValidServiceLevel?> ValidateAsync(ValidationErrors e, string code, ServiceLevelInput input, CancellationToken ct)
    {
        e.Required("nameZh", input.NameZh, 50);
        e.Required("nameEn", input.NameEn, 50);
        var targets = input.Targets ?? [];
        for (var i = 0; i < targets.Count; i++)
        {
            foreach (var (name, value) in new[] { ("firstResponseMinutes", targets[i].FirstResponseMinutes), ("arrivalMinutes", targets[i].ArrivalMinutes), ("resolutionMinutes", targets[i].ResolutionMinutes) })
            {
                if (value is < 1 or > 1_000_000)
                {
                    e.Add($"targets[{i}].{name}", "Between 1 and 1,000,000 working minutes, or empty for no target.");
                }
            }
        }

        if (targets.GroupBy(t => t.Urgency).Any(g => g.Count() > 1))
        {
            e.Add("targets", "One row per urgency.");
        }

        if (input.WarningPercent is not (>= 1 and <= 99))
        {
            e.Add("warningPercent", "Between 1 and 99.");
        }

        if (input.GreenChannelPercent is not (>= 10 and <= 100))
        {
            e.Add("greenChannelPercent", "Between 10 and 100.");
        }

        var types = await db.RequestTypes.Select(t => t.Code).ToListAsync(ct);
        var covered = Codes(input.CoveredTypes);
        var defaults = Codes(input.DefaultForTypes);
        if (covered.FirstOrDefault(c => !types.Contains(c)) is string badCovered)
        {
            e.Add("coveredTypes", $"No request type '{badCovered}'.");
        }

        if (defaults.FirstOrDefault(c => !types.Contains(c)) is string badDefault)
        {
            e.Add("defaultForTypes", $"No request type '{badDefault}'.");
        }
        else if (defaults.Count > 0)
        {
            var others = await db.Set<ServiceLevel>().AsNoTracking().Where(l => l.Code != code).Select(l => new { l.Code, l.DefaultForTypes }).ToListAsync(ct);
            var taken = others.SelectMany(o => o.DefaultForTypes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => (Type: t, o.Code)))
                .FirstOrDefault(t => defaults.Contains(t.Type));
            if (taken.Type is not null)
            {
                e.Add("defaultForTypes", $"'{taken.Type}' already defaults to level {taken.Code}.");
            }
        }

        return e.Any
            ? null
            : new ValidServiceLevel(
                input.NameZh!.Trim(), input.NameEn!.Trim(), input.IsActive ?? true, targets, covered, defaults,
                input.WarningPercent!.Value, input.GreenChannelPercent!.Value, input.GreenSkipsApproval ?? false);
    }

    private static List<string> Codes(IReadOnlyList<string>? codes) =>
        (codes ?? []).Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    internal static ServiceLevelDto ToDto(ServiceLevel l) => new(
        l.Code, l.NameZh, l.NameEn, l.IsActive, l.Targets, l.CoveredTypeList, l.DefaultForTypeList, l.WarningPercent, l.GreenChannelPercent,
        l.GreenSkipsApproval, l.Version);
}

public sealed record GreenChannelDto(Guid CustomerId, bool GreenChannel, bool ByFlag, bool ByClass, DateTime? SetAt, string? SetBy);
