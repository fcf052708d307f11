using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Contracts;

/// <summary>
/// Maintenance contract use cases (SLA-4). Staff of the responsible unit (or above it) read; supervisors and administrators edit.
/// A contract outside the caller's units is reported as not found.
/// </summary>
public sealed class ContractService(KefuDb db, OrganizationService organization, ContractOptions options, TimeProvider time, BusinessDate dates)
{
    public const int MaxLimit = 200;

    public static readonly IReadOnlyList<string> Editors = [Roles.Supervisor, Roles.Administrator];

    /// <summary>Who may record a meter reading: the editors and the technicians on site.</summary>
    public static readonly IReadOnlyList<string> ReadingRecorders = [.. Editors, Roles.Technician];

    private int SoonDays => options.ReminderDays.Count == 0 ? 30 : options.ReminderDays.Max();

    public async Task<Result<Page<ContractListItem>>> ListAsync(Caller caller, ContractQuery query, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return Error.Forbidden();
        }

        if (query.Limit is < 1 or > MaxLimit)
        {
            return Error.Validation("limit", $"Must be between 1 and {MaxLimit}.");
        }

        if (query.ExpiringWithinDays is < 0 or > 3660)
        {
            return Error.Validation("expiringWithin", "Must be between 0 and 3660 days.");
        }

        var cursor = KeysetCursor.Decode(query.After);
        DateOnly after = default;
        if (query.After is not null && (cursor is null || !DateOnly.TryParseExact(cursor.Value.Key, "yyyy-MM-dd", out after)))
        {
            return Error.Validation("after", "Not a cursor returned by this list.");
        }

        var today = dates.Today();
        var q = await ScopedAsync(caller, ct);
        if (query.CustomerId is Guid customer)
        {
            q = q.Where(c => c.CustomerId == customer);
        }

        if (query.State is ContractState state)
        {
            q = q.Where(c => c.State == state);
        }

        if (query.ExpiringWithinDays is int within)
        {
            var until = today.AddDays(within);
            q = q.Where(c => c.State == ContractState.Active && c.EndDate >= today && c.EndDate <= until);
        }

        if (cursor is not null)
        {
            var n = cursor.Value.TieBreaker;
            q = q.Where(c => c.EndDate >= after && (c.EndDate > after || string.Compare(c.Number, n) > 0));
        }

        var rows = await Project(q.OrderBy(c => c.EndDate).ThenBy(c => c.Number).Take(query.Limit + 1)).ToListAsync(ct);
        var last = rows.Count > query.Limit ? rows[query.Limit - 1] : null;
        var next = last is null ? null : KeysetCursor.Encode(last.EndDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), last.Number);
        return new Page<ContractListItem>(rows.Take(query.Limit).Select(r => r with { ExpiringSoon = Soon(r.State, r.EndDate, today) }).ToList(), next);
    }

    /// <summary>The contracts of one customer the caller may see, newest start first.</summary>
    public async Task<Result<IReadOnlyList<ContractListItem>>> ForCustomerAsync(Caller caller, Guid customerId, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return Error.Forbidden();
        }

        var scope = await organization.ScopeAsync(caller, ct);
        var unit = await db.Customers.Where(c => c.Id == customerId).Select(c => (Guid?)c.OrgUnitId).FirstOrDefaultAsync(ct);
        if (unit is null || !scope.Contains(unit.Value))
        {
            return Error.NotFound("Customer");
        }

        var today = dates.Today();
        var rows = await Project((await ScopedAsync(caller, ct)).Where(c => c.CustomerId == customerId)
            .OrderByDescending(c => c.StartDate).ThenByDescending(c => c.Number).Take(MaxLimit)).ToListAsync(ct);
        return rows.Select(r => r with { ExpiringSoon = Soon(r.State, r.EndDate, today) }).ToList();
    }

    public async Task<Result<ContractDetail>> GetAsync(Caller caller, string number, CancellationToken ct = default) =>
        caller.IsInAny(Roles.Staff) ? await DetailAsync(caller, number, ct) : Error.Forbidden();

    public async Task<Result<ContractDetail>> CreateAsync(Caller caller, ContractInput input, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Editors))
        {
            return Error.Forbidden();
        }

        var valid = await ResolveAsync(caller, input, null, ct);
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        await using var tx = await db.Database.BeginUnitAsync(ct);
        var number = await NumberRanges.TakeAsync(db, ContractNumberRangeConfiguration.Code, ct);
        var contract = MaintenanceContract.Create(number, valid.Value, time.GetUtcNow().UtcDateTime);
        db.Add(contract);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await DetailAsync(caller, number, ct);
    }

    public async Task<Result<ContractDetail>> UpdateAsync(Caller caller, string number, int? version, ContractInput input, CancellationToken ct = default)
    {
        var contract = await LoadForChangeAsync(caller, number, version, ct);
        if (!contract.IsSuccess)
        {
            return contract.Error!;
        }

        var c = contract.Value;
        var valid = await ResolveAsync(caller, input with { CustomerId = input.CustomerId ?? c.CustomerId }, c, ct);
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        c.Apply(valid.Value, time.GetUtcNow().UtcDateTime);

        var saved = await db.SaveOrConflictAsync(ct);
        return saved.IsSuccess ? await DetailAsync(caller, number, ct) : saved.Error!;
    }

    /// <summary>Puts a draft in force; a contract that already ended cannot be activated.</summary>
    public async Task<Result<ContractDetail>> ActivateAsync(Caller caller, string number, int? version, CancellationToken ct = default)
    {
        var contract = await LoadForChangeAsync(caller, number, version, ct);
        if (!contract.IsSuccess)
        {
            return contract.Error!;
        }

        if (contract.Value.State != ContractState.Draft)
        {
            return Error.Conflict("Contract.NotDraft", "Only a draft contract can be activated.");
        }

        if (contract.Value.EndDate < dates.Today())
        {
            return Error.Conflict("Contract.Ended", "The contract period has already ended.");
        }

        contract.Value.Activate(time.GetUtcNow().UtcDateTime);
        var saved = await db.SaveOrConflictAsync(ct);
        return saved.IsSuccess ? await DetailAsync(caller, number, ct) : saved.Error!;
    }

    /// <summary>Ends a draft or active contract early (on a day within its period, default today) with a reason.</summary>
    public async Task<Result<ContractDetail>> TerminateAsync(Caller caller, string number, TerminationInput input, CancellationToken ct = default)
    {
        var e = new ValidationErrors();
        e.Required("reason", input.Reason, 500);
        if (e.Any)
        {
            return e.ToError();
        }

        var contract = await LoadForChangeAsync(caller, number, input.Version, ct);
        if (!contract.IsSuccess)
        {
            return contract.Error!;
        }

        var c = contract.Value;
        var on = input.On ?? dates.Today();
        if (on < c.StartDate.AddDays(-1) || on > c.EndDate)
        {
            return Error.Validation("on", "The termination day must be within the contract period.");
        }

        c.Terminate(on, input.Reason!.Trim(), time.GetUtcNow().UtcDateTime);
        var saved = await db.SaveOrConflictAsync(ct);
        return saved.IsSuccess ? await DetailAsync(caller, number, ct) : saved.Error!;
    }

    public async Task<Result<CoveredObjectDto>> AddObjectAsync(Caller caller, string number, CoveredObjectInput input, CancellationToken ct = default)
    {
        var e = new ValidationErrors();
        ContractValidator.CheckObject(e, input);
        if (e.Any)
        {
            return e.ToError();
        }

        var contract = await LoadForChangeAsync(caller, number, null, ct);
        if (!contract.IsSuccess)
        {
            return contract.Error!;
        }

        var o = CoveredObject.Create(contract.Value, ContractValidator.ToValid(input));
        db.Add(o);
        await db.SaveChangesAsync(ct);
        return ToDto(o);
    }

    public async Task<Result<CoveredObjectDto>> UpdateObjectAsync(Caller caller, string number, Guid id, CoveredObjectInput input, CancellationToken ct = default)
    {
        var e = new ValidationErrors();
        ContractValidator.CheckObject(e, input);
        if (input.Version is null)
        {
            e.Add("version", "Required: the version you read.");
        }

        if (e.Any)
        {
            return e.ToError();
        }

        var contract = await LoadForChangeAsync(caller, number, null, ct);
        if (!contract.IsSuccess)
        {
            return contract.Error!;
        }

        var o = await db.Set<CoveredObject>().FirstOrDefaultAsync(x => x.Id == id && x.ContractId == contract.Value.Id, ct);
        if (o is null)
        {
            return Error.NotFound("Covered object");
        }

        db.Entry(o).Property(x => x.Version).OriginalValue = input.Version!.Value;
        o.Apply(ContractValidator.ToValid(input));
        db.Entry(o).Property(x => x.Description).IsModified = true;
        var saved = await db.SaveOrConflictAsync(ct);
        return saved.IsSuccess ? ToDto(o) : saved.Error!;
    }

    /// <summary>Removes an object with its readings; 409 while a schedule follows it.</summary>
    public async Task<Result<Unit>> DeleteObjectAsync(Caller caller, string number, Guid id, CancellationToken ct = default)
    {
        var contract = await LoadForChangeAsync(caller, number, null, ct);
        if (!contract.IsSuccess)
        {
            return contract.Error!;
        }

        var o = await db.Set<CoveredObject>().FirstOrDefaultAsync(x => x.Id == id && x.ContractId == contract.Value.Id, ct);
        if (o is null)
        {
            return Error.NotFound("Covered object");
        }

        if (await db.Set<PreventiveSchedule>().AnyAsync(s => s.CoveredObjectId == id, ct))
        {
            return Error.Conflict("Contract.ObjectHasSchedules", "A schedule follows this object; delete the schedule first.");
        }

        db.Remove(o);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    public async Task<Result<IReadOnlyList<MeterReadingDto>>> ReadingsAsync(Caller caller, string number, Guid objectId, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return Error.Forbidden();
        }

        var contractId = await (await ReadingScopeAsync(caller, ct)).Where(c => c.Number == number).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        if (contractId is null || !await db.Set<CoveredObject>().AnyAsync(o => o.Id == objectId && o.ContractId == contractId, ct))
        {
            return Error.NotFound("Covered object");
        }

        return await db.Set<MeterReading>().AsNoTracking().Where(r => r.CoveredObjectId == objectId)
            .OrderByDescending(r => r.ReadOn).ThenByDescending(r => r.RecordedAt).Take(500)
            .Select(r => new MeterReadingDto(r.Id, r.ReadOn, r.Value, r.RecordedAt, r.RecordedByName)).ToListAsync(ct);
    }

    /// <summary>
    /// Records a meter reading (technicians may record too); readings never go down over time. Meter schedules of the object
    /// are re-predicted in the same transaction.
    /// </summary>
    public async Task<Result<MeterReadingDto>> AddReadingAsync(Caller caller, string number, Guid objectId, MeterReadingInput input, CancellationToken ct = default)
    {
        if (!caller.IsInAny(ReadingRecorders))
        {
            return Error.Forbidden();
        }

        var today = dates.Today();
        var e = new ValidationErrors();
        if (input.ReadOn is null)
        {
            e.Add("readOn", "Required.");
        }
        else if (input.ReadOn > today)
        {
            e.Add("readOn", "A meter reading cannot be in the future.");
        }

        if (input.Value is null)
        {
            e.Add("value", "Required.");
        }
        else if (input.Value is < 0 or > 1_000_000_000_000m)
        {
            e.Add("value", "A meter reading must be between 0 and 1,000,000,000,000.");
        }

        if (e.Any)
        {
            return e.ToError();
        }

        var contract = await (await ReadingScopeAsync(caller, ct)).FirstOrDefaultAsync(c => c.Number == number, ct);
        var o = contract is null ? null : await db.Set<CoveredObject>().FirstOrDefaultAsync(x => x.Id == objectId && x.ContractId == contract.Id, ct);
        if (o is null)
        {
            return Error.NotFound("Covered object");
        }

        var on = input.ReadOn!.Value;
        var value = input.Value!.Value;
        var readings = db.Set<MeterReading>().Where(r => r.CoveredObjectId == objectId);
        var before = await readings.Where(r => r.ReadOn <= on).OrderByDescending(r => r.ReadOn).ThenByDescending(r => r.RecordedAt).Select(r => (decimal?)r.Value).FirstOrDefaultAsync(ct);
        var afterValue = await readings.Where(r => r.ReadOn > on).OrderBy(r => r.ReadOn).Select(r => (decimal?)r.Value).FirstOrDefaultAsync(ct);
        if (before > value || afterValue < value)
        {
            return Error.Validation("value", "A meter does not go backwards: the reading must lie between the readings before and after it.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var reading = MeterReading.Create(o, on, value, caller.UserName, now);
        db.Add(reading);
        o.Read(on, value);
        await db.SaveChangesAsync(ct);
        await RepredictAsync(objectId, ct);
        await db.SaveChangesAsync(ct);
        return new MeterReadingDto(reading.Id, reading.ReadOn, reading.Value, reading.RecordedAt, reading.RecordedByName);
    }

    public async Task<Result<ScheduleDto>> AddScheduleAsync(Caller caller, string number, ScheduleInput input, CancellationToken ct = default)
    {
        var contract = await LoadForChangeAsync(caller, number, null, ct);
        if (!contract.IsSuccess)
        {
            return contract.Error!;
        }

        var valid = await ResolveScheduleAsync(contract.Value, input, null, ct);
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        var s = PreventiveSchedule.Create(contract.Value, valid.Value, await ReadingsOfAsync(valid.Value.CoveredObjectId, valid.Value.Kind, ct));
        db.Add(s);
        await db.SaveChangesAsync(ct);
        return ToDto(s);
    }

    public async Task<Result<ScheduleDto>> UpdateScheduleAsync(Caller caller, string number, Guid id, ScheduleInput input, CancellationToken ct = default)
    {
        if (input.Version is null)
        {
            return Error.Validation("version", "Required: the version you read.");
        }

        var contract = await LoadForChangeAsync(caller, number, null, ct);
        if (!contract.IsSuccess)
        {
            return contract.Error!;
        }

        var s = await db.Set<PreventiveSchedule>().FirstOrDefaultAsync(x => x.Id == id && x.ContractId == contract.Value.Id, ct);
        if (s is null)
        {
            return Error.NotFound("Schedule");
        }

        var valid = await ResolveScheduleAsync(contract.Value, input, s, ct);
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        db.Entry(s).Property(x => x.Version).OriginalValue = input.Version.Value;
        s.Apply(valid.Value, await ReadingsOfAsync(valid.Value.CoveredObjectId, valid.Value.Kind, ct));
        db.Entry(s).Property(x => x.LeadDays).IsModified = true;
        var saved = await db.SaveOrConflictAsync(ct);
        return saved.IsSuccess ? ToDto(s) : saved.Error!;
    }

    public async Task<Result<Unit>> DeleteScheduleAsync(Caller caller, string number, Guid id, CancellationToken ct = default)
    {
        var contract = await LoadForChangeAsync(caller, number, null, ct);
        if (!contract.IsSuccess)
        {
            return contract.Error!;
        }

        var s = await db.Set<PreventiveSchedule>().FirstOrDefaultAsync(x => x.Id == id && x.ContractId == contract.Value.Id, ct);
        if (s is null)
        {
            return Error.NotFound("Schedule");
        }

        if (await db.Set<PreventiveOccurrence>().AnyAsync(o => o.ScheduleId == id, ct))
        {
            return Error.Conflict("Contract.ScheduleHasRequests", "The schedule already created requests; deactivate it instead.");
        }

        db.Remove(s);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    /// <summary>Contracts whose responsible unit is among the caller's units.</summary>
    internal async Task<IQueryable<MaintenanceContract>> ScopedAsync(Caller caller, CancellationToken ct)
    {
        var scope = await organization.ScopeAsync(caller, ct);
        var all = db.Set<MaintenanceContract>();
        if (scope.All)
        {
            return all;
        }

        var units = scope.Units.ToList();
        return all.Where(c => units.Contains(c.ResponsibleUnitId));
    }

    /// <summary>
    /// Where meter readings may be recorded and read: the caller's contracts, and for a technician of a work centre also the
    /// contracts of the work centre's responsibility centre (the technician reads the meter on site).
    /// </summary>
    private async Task<IQueryable<MaintenanceContract>> ReadingScopeAsync(Caller caller, CancellationToken ct)
    {
        var scope = await organization.ScopeAsync(caller, ct);
        var all = db.Set<MaintenanceContract>();
        if (scope.All)
        {
            return all;
        }

        var units = scope.Units.ToList();
        if (caller.Roles.Contains(Roles.Technician) && caller.OrgUnitId is Guid own
            && await db.OrgUnits.Where(u => u.Id == own && u.Kind == OrgUnitKind.WorkCentre).Select(u => u.ParentId).FirstOrDefaultAsync(ct) is Guid centre)
        {
            units.Add(centre);
        }

        return all.Where(c => units.Contains(c.ResponsibleUnitId));
    }

    /// <summary>Re-predicts the meter schedules of an object from its readings (tracked; the caller saves).</summary>
    internal async Task RepredictAsync(Guid objectId, CancellationToken ct)
    {
        var schedules = await db.Set<PreventiveSchedule>().Where(s => s.CoveredObjectId == objectId && s.Kind == ScheduleKind.Meter).ToListAsync(ct);
        if (schedules.Count == 0)
        {
            return;
        }

        var readings = await ReadingsOfAsync(objectId, ScheduleKind.Meter, ct);
        foreach (var s in schedules)
        {
            s.Recompute(readings);
        }
    }

    internal async Task<IReadOnlyList<MeterReading>> ReadingsOfAsync(Guid? objectId, ScheduleKind kind, CancellationToken ct) =>
        kind != ScheduleKind.Meter || objectId is null
            ? []
            : await db.Set<MeterReading>().AsNoTracking().Where(r => r.CoveredObjectId == objectId)
                .OrderBy(r => r.ReadOn).ThenBy(r => r.Value).ToListAsync(ct);

    private bool Soon(ContractState state, DateOnly end, DateOnly today) =>
        state == ContractState.Active && end >= today && end.DayNumber - today.DayNumber <= SoonDays;

    private async Task<Result<MaintenanceContract>> LoadForChangeAsync(Caller caller, string number, int? version, CancellationToken ct)
    {
        if (!caller.IsInAny(Editors))
        {
            return Error.Forbidden();
        }

        var contract = await (await ScopedAsync(caller, ct)).FirstOrDefaultAsync(c => c.Number == number, ct);
        if (contract is null)
        {
            return Error.NotFound("Contract");
        }

        if (!contract.IsEditable)
        {
            return Error.Conflict("Contract.ReadOnly", "An expired or terminated contract can no longer be changed.");
        }

        if (version is int v)
        {
            db.Entry(contract).Property(c => c.Version).OriginalValue = v;
        }

        return contract;
    }

    private async Task<Result<ValidContract>> ResolveAsync(Caller caller, ContractInput input, MaintenanceContract? existing, CancellationToken ct)
    {
        var e = new ValidationErrors();
        ContractValidator.CheckContract(e, input);
        var billing = input.BillingPeriod is null
            ? BillingPeriod.Yearly
            : CustomerValidatorBridge.Parse<BillingPeriod>(e, "billingPeriod", input.BillingPeriod);
        if (e.Any)
        {
            return e.ToError();
        }

        if (existing is not null && input.CustomerId != existing.CustomerId)
        {
            e.Add("customerId", "The customer of a contract does not change; merge the customers instead.");
            return e.ToError();
        }

        var scope = await organization.ScopeAsync(caller, ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == input.CustomerId).Select(c => new { c.Id, c.OrgUnitId }).FirstOrDefaultAsync(ct);
        if (customer is null || !scope.Contains(customer.OrgUnitId))
        {
            e.Add("customerId", "No such customer among yours.");
            return e.ToError();
        }

        var unit = input.ResponsibleUnitId ?? existing?.ResponsibleUnitId ?? customer.OrgUnitId;
        if (!scope.Contains(unit) || !await db.OrgUnits.AnyAsync(u => u.Id == unit && u.Kind == OrgUnitKind.ResponsibilityCentre, ct))
        {
            e.Add("responsibleUnitId", "No such responsibility centre among yours.");
        }

        if (input.ResponsibleUserId is Guid user && !await db.Users.AnyAsync(u => u.Id == user && u.IsActive, ct))
        {
            e.Add("responsibleUserId", "No such user.");
        }

        if (input.AccountManagerId is Guid manager && !await db.UsersInRole(Roles.AccountManager).AnyAsync(u => u.Id == manager && u.IsActive, ct))
        {
            e.Add("accountManagerId", "No such account manager.");
        }

        var types = (input.CoveredRequestTypes ?? []).Select(t => t?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        var known = await db.RequestTypes.Where(t => types.Contains(t.Code)).Select(t => t.Code).ToListAsync(ct);
        var unknown = types.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            e.Add("coveredRequestTypes", "A covered request type does not exist.");
        }

        if (e.Any)
        {
            return e.ToError();
        }

        return new ValidContract(
            customer.Id, input.ServiceLevelCode!.Trim(), input.StartDate!.Value, input.EndDate!.Value, input.Fee!.Value, billing,
            types.Order(StringComparer.Ordinal).ToList(), unit, input.ResponsibleUserId, input.AccountManagerId, ContractValidator.Clean(input.Notes));
    }

    private async Task<Result<ValidSchedule>> ResolveScheduleAsync(MaintenanceContract contract, ScheduleInput input, PreventiveSchedule? existing, CancellationToken ct)
    {
        var e = new ValidationErrors();
        var kind = ContractValidator.CheckSchedule(e, input);
        if (e.Any)
        {
            return e.ToError();
        }

        CoveredObject? o = null;
        if (input.CoveredObjectId is Guid objectId)
        {
            o = await db.Set<CoveredObject>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == objectId && x.ContractId == contract.Id, ct);
            if (o is null)
            {
                e.Add("coveredObjectId", "No such object on this contract.");
            }
        }

        var type = ContractValidator.Clean(input.RequestType) ?? existing?.RequestTypeCode ?? ContractValidator.DefaultRequestType;
        if (!await db.RequestTypes.AnyAsync(t => t.Code == type && t.IsActive, ct))
        {
            e.Add("requestType", "No such request type.");
        }

        if (e.Any)
        {
            return e.ToError();
        }

        return kind == ScheduleKind.Interval
            ? new ValidSchedule(kind, input.CoveredObjectId, input.IntervalMonths, input.AnchorDate ?? existing?.AnchorDate ?? contract.StartDate, null, null,
                input.LeadDays ?? 14, type, input.IsActive ?? true)
            : new ValidSchedule(kind, input.CoveredObjectId, null, null, input.MeterInterval, input.MeterBaseline ?? existing?.MeterBaseline ?? o!.LastMeterReading ?? 0,
                input.LeadDays ?? 7, type, input.IsActive ?? true);
    }

    private IQueryable<ContractListItem> Project(IQueryable<MaintenanceContract> q) =>
        q.Select(c => new ContractListItem(
            c.Id,
            c.Number,
            c.CustomerId,
            db.Customers.Where(x => x.Id == c.CustomerId).Select(x => x.Number).FirstOrDefault(),
            db.Customers.Where(x => x.Id == c.CustomerId).Select(x => x.Name).FirstOrDefault(),
            c.ServiceLevelCode,
            c.StartDate,
            c.EndDate,
            c.Fee,
            c.BillingPeriod,
            c.State,
            c.ResponsibleUnitId,
            db.OrgUnits.Where(u => u.Id == c.ResponsibleUnitId).Select(u => u.Name).FirstOrDefault(),
            c.Version));

    private async Task<Result<ContractDetail>> DetailAsync(Caller caller, string number, CancellationToken ct)
    {
        var c = await (await ScopedAsync(caller, ct)).AsNoTracking().FirstOrDefaultAsync(x => x.Number == number, ct);
        if (c is null)
        {
            return Error.NotFound("Contract");
        }

        var names = await db.Set<MaintenanceContract>().AsNoTracking().Where(x => x.Id == c.Id).Select(x => new
        {
            CustomerNumber = db.Customers.Where(k => k.Id == x.CustomerId).Select(k => k.Number).FirstOrDefault(),
            CustomerName = db.Customers.Where(k => k.Id == x.CustomerId).Select(k => k.Name).FirstOrDefault(),
            Unit = db.OrgUnits.Where(u => u.Id == x.ResponsibleUnitId).Select(u => u.Name).FirstOrDefault(),
            User = db.Users.Where(u => u.Id == x.ResponsibleUserId).Select(u => u.DisplayName).FirstOrDefault(),
            Manager = db.Users.Where(u => u.Id == x.AccountManagerId).Select(u => u.DisplayName).FirstOrDefault(),
        }).FirstAsync(ct);
        var objects = await db.Set<CoveredObject>().AsNoTracking().Where(o => o.ContractId == c.Id).OrderBy(o => o.Id).ToListAsync(ct);
        var schedules = await db.Set<PreventiveSchedule>().AsNoTracking().Where(s => s.ContractId == c.Id).OrderBy(s => s.Id).ToListAsync(ct);
        var occurrences = await db.Set<PreventiveOccurrence>().AsNoTracking().Where(o => o.ContractId == c.Id)
            .OrderByDescending(o => o.CreatedAt).Take(200)
            .Select(o => new OccurrenceDto(o.ScheduleId, o.Sequence, o.DueDate, o.ServiceRequestId,
                db.ServiceRequests.Where(r => r.Id == o.ServiceRequestId).Select(r => r.Number).FirstOrDefault(), o.CreatedAt))
            .ToListAsync(ct);
        var reminders = await db.Set<ContractReminder>().AsNoTracking().Where(r => r.ContractId == c.Id).OrderBy(r => r.SentAt).ThenByDescending(r => r.DaysBefore)
            .Select(r => new ReminderDto(r.DaysBefore, r.EndDate, r.SentAt, r.Recipients)).ToListAsync(ct);
        return new ContractDetail(
            c.Id, c.Number, c.CustomerId, names.CustomerNumber, names.CustomerName, c.ServiceLevelCode, c.StartDate, c.EndDate, c.Fee, c.BillingPeriod,
            c.CoveredTypeList, c.ResponsibleUnitId, names.Unit, c.ResponsibleUserId, names.User, c.AccountManagerId, names.Manager, c.State, c.TerminatedOn,
            c.TerminationReason, c.Notes, Soon(c.State, c.EndDate, dates.Today()), objects.Select(ToDto).ToList(), schedules.Select(ToDto).ToList(),
            occurrences, reminders, c.CreatedAt, c.UpdatedAt, c.Version);
    }

    private static CoveredObjectDto ToDto(CoveredObject o) => new(
        o.Id, o.Description, o.ProductModel, o.SerialNumber, o.AssetNumber, o.Province, o.City, o.District, o.Street, o.Street is null, o.InstallDate,
        o.LastMeterReading, o.LastMeterReadingOn, o.Version);

    private static ScheduleDto ToDto(PreventiveSchedule s) => new(
        s.Id, s.Kind, s.CoveredObjectId, s.IntervalMonths, s.AnchorDate, s.MeterInterval, s.MeterBaseline, s.LeadDays, s.RequestTypeCode, s.IsActive,
        s.NextDue, s.CreateOn, s.Generated, s.Version);
}

internal static class CustomerValidatorBridge
{
    public static T Parse<T>(ValidationErrors e, string field, string value)
        where T : struct, Enum => Customers.CustomerValidator.ParseEnum<T>(e, field, value, required: true);
}
