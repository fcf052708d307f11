using System.Text.Json;
using System.Text.RegularExpressions;
using Kefu.Core.Common;
using Kefu.Core.Customers;
using Kefu.Core.Data;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Classification;

/// <summary>Schemes, classes, settings, preview, class history and churn reasons (CLS-1..6). Every method checks role and scope.</summary>
public sealed partial class ClassificationService(
    KefuDb db, CustomerService customers, OrganizationService organization, TimeProvider time, BusinessDate dates)
{
    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColourPattern();

    private ClassificationSql Sql => new(db.Database.IsNpgsql(), dates.Zone);

    /// <summary>Adds the shipped schemes and cost settings that are missing (never overwrites edits).</summary>
    public async Task EnsureDefaultsAsync(CancellationToken ct = default)
    {
        var existing = await db.Set<ClassificationScheme>().Select(s => s.Code).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var order = existing.Count;
        foreach (var d in DefaultSchemes.All.Where(d => !existing.Contains(d.Code)))
        {
            var scheme = ClassificationScheme.Create(d.Code, d.Kind, d.NameZh, d.NameEn, ++order);
            db.Add(scheme);
            db.Add(scheme.NewVersion(SchemeSettings.Serialize(d.Settings), "system", now));
            var i = 0;
            foreach (var c in d.Classes)
            {
                var k = SchemeClass.Create(d.Code, c.Code);
                k.Apply(new ValidClass(c.NameZh, c.NameEn, ++i, c.Colour, c.Priority, c.ServiceLevelCode, c.GreenChannel, c.CallbackDays, c.VisitDays));
                db.Add(k);
            }
        }

        if (!await db.Set<CostSettings>().AnyAsync(ct))
        {
            db.Add(CostSettings.CreateDefault());
        }

        await db.SaveChangesAsync(ct);
    }

    public async Task<Result<IReadOnlyList<SchemeDto>>> ListSchemesAsync(Caller caller, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return Error.Forbidden();
        }

        var schemes = await db.Set<ClassificationScheme>().AsNoTracking().OrderBy(s => s.SortOrder).ThenBy(s => s.Code).ToListAsync(ct);
        var versions = await (from s in db.Set<ClassificationScheme>()
                              join v in db.Set<SchemeVersion>() on new { s.Id, N = s.CurrentVersion } equals new { Id = v.SchemeId, N = v.Number }
                              select new { s.Code, v.SettingsJson }).ToDictionaryAsync(x => x.Code, x => x.SettingsJson, ct);
        var classes = (await db.Set<SchemeClass>().AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(ct)).ToLookup(c => c.SchemeCode);
        return schemes.Select(s => ToDto(s, versions.GetValueOrDefault(s.Code) ?? "{}", classes[s.Code])).ToList();
    }

    public async Task<Result<SchemeDto>> GetSchemeAsync(Caller caller, string code, CancellationToken ct = default)
    {
        var all = await ListSchemesAsync(caller, ct);
        if (!all.IsSuccess)
        {
            return all.Error!;
        }

        var scheme = all.Value.FirstOrDefault(s => s.Code == code);
        return scheme is null ? Error.NotFound("Scheme") : scheme;
    }

    public async Task<Result<IReadOnlyList<SchemeVersionDto>>> VersionsAsync(Caller caller, string code, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return Error.Forbidden();
        }

        var scheme = await db.Set<ClassificationScheme>().AsNoTracking().FirstOrDefaultAsync(s => s.Code == code, ct);
        if (scheme is null)
        {
            return Error.NotFound("Scheme");
        }

        var rows = await db.Set<SchemeVersion>().AsNoTracking().Where(v => v.SchemeId == scheme.Id).OrderByDescending(v => v.Number).ToListAsync(ct);
        return rows.Select(v => new SchemeVersionDto(v.Number, Parse(v.SettingsJson), v.CreatedBy, v.CreatedAt)).ToList();
    }

    public async Task<Result<SchemeDto>> CreateSchemeAsync(Caller caller, SchemeInput input, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var e = new ValidationErrors();
        if (input.Code is null || !SchemeSettings.CodePattern().IsMatch(input.Code))
        {
            e.Add("code", "Letters, digits, '-' or '_', at most 20.");
        }
        else if (await db.Set<ClassificationScheme>().AnyAsync(s => s.Code == input.Code, ct))
        {
            e.Add("code", "Already used.");
        }

        if (input.Kind is not SchemeKind kind)
        {
            e.Add("kind", "Required.");
            return e.ToError();
        }

        e.Required("nameZh", input.NameZh, 100);
        e.Required("nameEn", input.NameEn, 100);
        var settings = ValidSettings(kind, input.Settings, e);
        if (e.Any)
        {
            return e.ToError();
        }

        var order = await db.Set<ClassificationScheme>().MaxAsync(s => (int?)s.SortOrder, ct) ?? 0;
        var scheme = ClassificationScheme.Create(input.Code!, kind, input.NameZh!.Trim(), input.NameEn!.Trim(), order + 1);
        scheme.Edit(scheme.NameZh, scheme.NameEn, input.Enabled ?? true);
        db.Add(scheme);
        db.Add(scheme.NewVersion(SchemeSettings.Serialize(settings!), caller.UserName, time.GetUtcNow().UtcDateTime));
        var i = 0;
        foreach (var code in SchemeSettings.ClassesOf(settings!).Distinct(StringComparer.Ordinal))
        {
            var k = SchemeClass.Create(scheme.Code, code);
            k.Apply(new ValidClass(code, code, ++i, "#6c757d", null, null, false, null, null));
            db.Add(k);
        }

        await db.SaveChangesAsync(ct);
        return await GetSchemeAsync(caller, scheme.Code, ct);
    }

    public async Task<Result<SchemeDto>> UpdateSchemeAsync(Caller caller, string code, SchemeInput input, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var scheme = await db.Set<ClassificationScheme>().FirstOrDefaultAsync(s => s.Code == code, ct);
        if (scheme is null)
        {
            return Error.NotFound("Scheme");
        }

        var e = new ValidationErrors();
        if (input.Version is null)
        {
            e.Add("version", "Required: the version you read.");
        }

        e.Required("nameZh", input.NameZh, 100);
        e.Required("nameEn", input.NameEn, 100);
        var settings = input.Settings is null ? null : ValidSettings(scheme.Kind, input.Settings, e);
        if (e.Any)
        {
            return e.ToError();
        }

        if (input.Version != scheme.Version)
        {
            return Error.StaleVersion();
        }

        db.Entry(scheme).Property(s => s.Version).OriginalValue = input.Version.Value;
        scheme.Edit(input.NameZh!.Trim(), input.NameEn!.Trim(), input.Enabled ?? scheme.Enabled);
        if (settings is not null)
        {
            var json = SchemeSettings.Serialize(settings);
            var current = await CurrentSettingsJsonAsync(scheme, ct);
            if (json != current)
            {
                db.Add(scheme.NewVersion(json, caller.UserName, time.GetUtcNow().UtcDateTime));
            }
        }

        var saved = await db.SaveOrConflictAsync(ct);
        return saved.IsSuccess ? await GetSchemeAsync(caller, code, ct) : saved.Error!;
    }

    public async Task<Result<SchemeClassDto>> PutClassAsync(Caller caller, string scheme, string code, ClassInput input, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        if (!await db.Set<ClassificationScheme>().AnyAsync(s => s.Code == scheme, ct))
        {
            return Error.NotFound("Scheme");
        }

        var e = new ValidationErrors();
        if (!SchemeSettings.CodePattern().IsMatch(code))
        {
            e.Add("code", "Letters, digits, '-' or '_', at most 20.");
        }

        e.Required("nameZh", input.NameZh, 100);
        e.Required("nameEn", input.NameEn, 100);
        if (input.Colour is not null && !ColourPattern().IsMatch(input.Colour))
        {
            e.Add("colour", "#rrggbb.");
        }

        if (input.CallbackCadenceDays is < 1 or > 3650)
        {
            e.Add("callbackCadenceDays", "Between 1 and 3650.");
        }

        if (input.VisitCadenceDays is < 1 or > 3650)
        {
            e.Add("visitCadenceDays", "Between 1 and 3650.");
        }

        if (input.ServiceLevelCode is { Length: > 20 })
        {
            e.Add("serviceLevelCode", "At most 20 characters.");
        }

        var existing = await db.Set<SchemeClass>().FirstOrDefaultAsync(c => c.SchemeCode == scheme && c.Code == code, ct);
        if (existing is not null && input.Version is null)
        {
            e.Add("version", "Required: the version you read.");
        }

        if (e.Any)
        {
            return e.ToError();
        }

        if (existing is null)
        {
            existing = SchemeClass.Create(scheme, code);
            db.Add(existing);
        }
        else if (existing.Version != input.Version)
        {
            return Error.StaleVersion();
        }
        else
        {
            db.Entry(existing).Property(c => c.Version).OriginalValue = input.Version!.Value;
        }

        var order = input.SortOrder ?? (existing.SortOrder > 0 ? existing.SortOrder
            : (await db.Set<SchemeClass>().Where(c => c.SchemeCode == scheme).MaxAsync(c => (int?)c.SortOrder, ct) ?? 0) + 1);
        existing.Apply(new ValidClass(
            input.NameZh!.Trim(), input.NameEn!.Trim(), order, input.Colour ?? "#6c757d", input.Priority, string.IsNullOrWhiteSpace(input.ServiceLevelCode) ? null : input.ServiceLevelCode.Trim(),
            input.GreenChannel ?? false, input.CallbackCadenceDays, input.VisitCadenceDays));
        var saved = await db.SaveOrConflictAsync(ct);
        return saved.IsSuccess ? ToDto(existing) : saved.Error!;
    }

    /// <summary>
    /// Removes a class definition; refused (409 <c>SchemeEditor.ClassInUse</c>) while customers hold it. A run fails for the scheme while
    /// its settings still name a class that is not defined.
    /// </summary>
    public async Task<Result<Unit>> DeleteClassAsync(Caller caller, string scheme, string code, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var existing = await db.Set<SchemeClass>().FirstOrDefaultAsync(c => c.SchemeCode == scheme && c.Code == code, ct);
        if (existing is null)
        {
            return Error.NotFound("Class");
        }

        if (await db.Set<CustomerClass>().AnyAsync(c => c.SchemeCode == scheme && c.ClassCode == code, ct))
        {
            return Error.Conflict("SchemeEditor.ClassInUse", "Customers hold this class: change the settings so that nobody gets it, run the classification, then delete it.");
        }

        db.Remove(existing);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    public async Task<Result<CostSettingsDto>> GetCostsAsync(Caller caller, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return Error.Forbidden();
        }

        return ToDto(await CostsAsync(db, ct));
    }

    public async Task<Result<CostSettingsDto>> UpdateCostsAsync(Caller caller, CostSettingsDto input, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var e = new ValidationErrors();
        if (input.WindowMonths is < 1 or > 120)
        {
            e.Add("windowMonths", "Between 1 and 120.");
        }

        foreach (var (name, value) in new[] { ("costPerRequest", input.CostPerRequest), ("costPerVisit", input.CostPerVisit), ("costPerComplaint", input.CostPerComplaint), ("costPerItemUnit", input.CostPerItemUnit) })
        {
            if (value is < 0 or > 1_000_000)
            {
                e.Add(name, "Between 0 and 1000000.");
            }
        }

        if (input.ComplaintTypeCodes is null || input.ComplaintTypeCodes.Any(c => !SchemeSettings.CodePattern().IsMatch(c)))
        {
            e.Add("complaintTypeCodes", "Request type codes.");
        }

        if (e.Any)
        {
            return e.ToError();
        }

        var costs = await db.Set<CostSettings>().FirstOrDefaultAsync(ct);
        if (costs is null)
        {
            costs = CostSettings.CreateDefault();
            db.Add(costs);
        }
        else if (costs.Version != input.Version)
        {
            return Error.StaleVersion();
        }
        else
        {
            db.Entry(costs).Property(c => c.Version).OriginalValue = input.Version;
        }

        costs.Apply(input);
        var saved = await db.SaveOrConflictAsync(ct);
        return saved.IsSuccess ? ToDto(costs) : saved.Error!;
    }

    /// <summary>
    /// What applying <paramref name="settings"/> (or the scheme's current settings) would do now: per class, customers entering,
    /// leaving and staying. Metrics are computed on the fly in the same statement; nothing is written.
    /// </summary>
    public async Task<Result<PreviewDto>> PreviewAsync(Caller caller, string code, JsonElement? settings, CancellationToken ct = default) =>
        await PreviewAsync(caller, code, settings, null, ct);

    /// <summary>
    /// As <see cref="PreviewAsync(Caller, string, JsonElement?, CancellationToken)"/>; when no scheme has <paramref name="code"/> yet and
    /// <paramref name="kindIfNew"/> is given, previews <paramref name="settings"/> of a scheme about to be created (everyone matching enters).
    /// </summary>
    public async Task<Result<PreviewDto>> PreviewAsync(Caller caller, string code, JsonElement? settings, SchemeKind? kindIfNew, CancellationToken ct = default)
    {
        if (!caller.IsAdministrator)
        {
            return Error.Forbidden();
        }

        var scheme = await db.Set<ClassificationScheme>().AsNoTracking().FirstOrDefaultAsync(s => s.Code == code, ct);
        if (scheme is null && (kindIfNew is null || settings is null || !SchemeSettings.CodePattern().IsMatch(code)))
        {
            return Error.NotFound("Scheme");
        }

        var kind = scheme?.Kind ?? kindIfNew!.Value;
        var e = new ValidationErrors();
        var parsed = settings is null ? SchemeSettings.Read(kind, await CurrentSettingsJsonAsync(scheme!, ct)) : ValidSettings(kind, settings, e);
        if (e.Any)
        {
            return e.ToError();
        }

        var sql = Sql;
        var today = dates.Today();
        var assign = ClassificationSql.Assign(kind, parsed!, sql.Postgres, today);
        var text = ClassificationSql.Preview(code, assign.Sql, sql.MetricsSelect(Guid.Empty, today, await CostsAsync(db, ct), ClassificationSql.ReadsConsecutive(assign.Sql)));
        var rows = await db.Database.SqlQueryRaw<PreviewRow>(text, Parameters(db, assign)).ToListAsync(ct);
        var order = await db.Set<SchemeClass>().Where(c => c.SchemeCode == code).ToDictionaryAsync(c => c.Code, c => c.SortOrder, ct);
        rows = rows.OrderBy(r => order.GetValueOrDefault(r.Class, int.MaxValue)).ThenBy(r => r.Class, StringComparer.Ordinal).ToList();
        return new PreviewDto(code, rows, rows.Sum(r => r.Entering), rows.Sum(r => r.Leaving));
    }

    public async Task<Result<IReadOnlyList<CustomerClassDto>>> CurrentAsync(Caller caller, Guid customerId, CancellationToken ct = default)
    {
        if (!await customers.IsVisibleAsync(caller, customerId, ct))
        {
            return Error.NotFound("Customer");
        }

        return await (from c in db.Set<CustomerClass>()
                      join k in db.Set<SchemeClass>() on new { c.SchemeCode, c.ClassCode } equals new { k.SchemeCode, ClassCode = k.Code }
                      join s in db.Set<ClassificationScheme>() on c.SchemeCode equals s.Code
                      where c.CustomerId == customerId
                      orderby s.SortOrder
                      select new CustomerClassDto(c.SchemeCode, c.ClassCode, k.NameZh, k.NameEn, k.Colour, c.Since)).ToListAsync(ct);
    }

    /// <summary>Badges of many customers at once (one query), for lists.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<ClassBadge>>> BadgesAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken ct = default)
    {
        if (customerIds.Count == 0)
        {
            return new Dictionary<Guid, IReadOnlyList<ClassBadge>>();
        }

        var ids = customerIds.ToList();
        var rows = await (from c in db.Set<CustomerClass>()
                          join k in db.Set<SchemeClass>() on new { c.SchemeCode, c.ClassCode } equals new { k.SchemeCode, ClassCode = k.Code }
                          join s in db.Set<ClassificationScheme>() on c.SchemeCode equals s.Code
                          where ids.Contains(c.CustomerId)
                          orderby s.SortOrder
                          select new { c.CustomerId, Badge = new ClassBadge(c.SchemeCode, c.ClassCode, k.NameZh, k.NameEn, k.Colour) }).ToListAsync(ct);
        return rows.GroupBy(r => r.CustomerId).ToDictionary(g => g.Key, g => (IReadOnlyList<ClassBadge>)g.Select(r => r.Badge).ToList());
    }

    /// <summary>The customer's aggregates of the last run: revenue, purchases, rhythm, cost to serve and profit (CLS-2).</summary>
    public async Task<Result<CustomerMetricsDto?>> MetricsAsync(Caller caller, Guid customerId, CancellationToken ct = default)
    {
        if (!await customers.IsVisibleAsync(caller, customerId, ct))
        {
            return Error.NotFound("Customer");
        }

        return await db.Set<CustomerMetrics>().AsNoTracking().Where(m => m.CustomerId == customerId)
            .Select(m => new CustomerMetricsDto(
                m.RunId, Math.Round(m.Revenue, 2), m.Purchases, Math.Round(m.MaxSinglePurchase, 2), Math.Round(m.LifetimeRevenue, 2), m.LifetimePurchases,
                m.FirstPurchase, m.LastPurchase, m.MeanIntervalDays, m.Requests, m.Visits, m.Complaints, m.ItemUnits, Math.Round(m.CostToServe, 2),
                Math.Round(m.Profit, 2), m.ConsecutivePurchases))
            .FirstOrDefaultAsync(ct);
    }

    public async Task<Result<IReadOnlyList<ClassChangeDto>>> HistoryAsync(Caller caller, Guid customerId, CancellationToken ct = default)
    {
        if (!await customers.IsVisibleAsync(caller, customerId, ct))
        {
            return Error.NotFound("Customer");
        }

        return await db.Set<ClassChange>().AsNoTracking().Where(c => c.CustomerId == customerId).OrderByDescending(c => c.Id).Take(500)
            .Select(c => new ClassChangeDto(c.Id, c.SchemeCode, c.FromClass, c.ToClass, c.RunId, c.At)).ToListAsync(ct);
    }

    public async Task<Result<ChurnDto?>> GetChurnAsync(Caller caller, Guid customerId, CancellationToken ct = default)
    {
        if (!await customers.IsVisibleAsync(caller, customerId, ct))
        {
            return Error.NotFound("Customer");
        }

        var churn = await db.Set<CustomerChurn>().AsNoTracking().FirstOrDefaultAsync(c => c.CustomerId == customerId, ct);
        return churn is null ? Result<ChurnDto?>.Success(null) : ToDto(churn);
    }

    /// <summary>Records why a customer left (natural, malicious, competitor, our fault), on the customer's lifecycle record.</summary>
    public async Task<Result<ChurnDto>> RecordChurnAsync(Caller caller, Guid customerId, ChurnInput input, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.CustomerEditors))
        {
            return Error.Forbidden();
        }

        if (!await customers.IsVisibleAsync(caller, customerId, ct))
        {
            return Error.NotFound("Customer");
        }

        var e = new ValidationErrors();
        if (input.Reason is null)
        {
            e.Add("reason", "Required: natural, malicious, competitor or our-fault.");
        }

        if (input.Note is { Length: > 1000 })
        {
            e.Add("note", "At most 1000 characters.");
        }

        var churn = await db.Set<CustomerChurn>().FirstOrDefaultAsync(c => c.CustomerId == customerId, ct);
        if (churn is not null && input.Version is null)
        {
            e.Add("version", "Required: the version you read.");
        }

        if (e.Any)
        {
            return e.ToError();
        }

        if (churn is null)
        {
            churn = CustomerChurn.Create(customerId);
            db.Add(churn);
        }
        else if (churn.Version != input.Version)
        {
            return Error.StaleVersion();
        }
        else
        {
            db.Entry(churn).Property(c => c.Version).OriginalValue = input.Version!.Value;
        }

        churn.Record(input.Reason!.Value, string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(), caller.UserName, time.GetUtcNow().UtcDateTime);
        var saved = await db.SaveOrConflictAsync(ct);
        return saved.IsSuccess ? ToDto(churn) : saved.Error!;
    }

    /// <summary>Customers per class of a scheme among the caller's units, top class first.</summary>
    public async Task<Result<PyramidDto>> PyramidAsync(Caller caller, string scheme, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return Error.Forbidden();
        }

        if (!await db.Set<ClassificationScheme>().AnyAsync(s => s.Code == scheme, ct))
        {
            return Error.NotFound("Scheme");
        }

        var scope = await organization.ScopeAsync(caller, ct);
        var classes = db.Set<CustomerClass>().Where(c => c.SchemeCode == scheme);
        if (!scope.All)
        {
            var units = scope.Units.ToList();
            classes = classes.Where(c => db.Customers.Any(x => x.Id == c.CustomerId && units.Contains(x.OrgUnitId)));
        }

        var counts = await classes.GroupBy(c => c.ClassCode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var defined = await db.Set<SchemeClass>().AsNoTracking().Where(c => c.SchemeCode == scheme).OrderBy(c => c.SortOrder).ToListAsync(ct);
        var layers = defined.Select(c => new PyramidLayer(c.Code, c.NameZh, c.NameEn, c.Colour, counts.GetValueOrDefault(c.Code))).ToList();
        return new PyramidDto(scheme, layers, counts.Values.Sum());
    }

    /// <summary>Rule literals as provider parameters (a fresh set per command).</summary>
    internal static object[] Parameters(KefuDb db, AssignSql assign)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        return assign.Parameters.Select(p =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = p.Name;
            parameter.Value = p.Value;
            return (object)parameter;
        }).ToArray();
    }

    internal static async Task<CostSettings> CostsAsync(KefuDb db, CancellationToken ct) =>
        await db.Set<CostSettings>().AsNoTracking().FirstOrDefaultAsync(ct) ?? CostSettings.CreateDefault();

    internal async Task<string> CurrentSettingsJsonAsync(ClassificationScheme scheme, CancellationToken ct) =>
        await db.Set<SchemeVersion>().Where(v => v.SchemeId == scheme.Id && v.Number == scheme.CurrentVersion).Select(v => v.SettingsJson).FirstAsync(ct);

    private static object? ValidSettings(SchemeKind kind, JsonElement? json, ValidationErrors e)
    {
        var parsed = SchemeSettings.Parse(kind, json);
        if (!parsed.IsSuccess)
        {
            foreach (var (field, messages) in parsed.Error!.Fields ?? new Dictionary<string, string[]>())
            {
                foreach (var m in messages)
                {
                    e.Add(field, m);
                }
            }

            return null;
        }

        if (parsed.Value is RuleSettings rules)
        {
            ClassificationRules.Check(rules, e);
        }

        return parsed.Value;
    }

    private static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    private static SchemeDto ToDto(ClassificationScheme s, string settings, IEnumerable<SchemeClass> classes) =>
        new(s.Code, s.Kind, s.NameZh, s.NameEn, s.Enabled, s.SortOrder, s.CurrentVersion, Parse(settings), classes.Select(ToDto).ToList(), s.Version);

    private static SchemeClassDto ToDto(SchemeClass c) =>
        new(c.Code, c.NameZh, c.NameEn, c.SortOrder, c.Colour, c.Priority, c.ServiceLevelCode, c.GreenChannel, c.CallbackCadenceDays, c.VisitCadenceDays, c.Version);

    private static CostSettingsDto ToDto(CostSettings c) =>
        new(c.WindowMonths, c.CostPerRequest, c.CostPerVisit, c.CostPerComplaint, c.CostPerItemUnit,
            c.ComplaintTypeCodes.Split(',', StringSplitOptions.RemoveEmptyEntries), c.Version);

    private static ChurnDto ToDto(CustomerChurn c) => new(c.Reason, c.Note, c.RecordedBy, c.RecordedAt, c.Version);
}
