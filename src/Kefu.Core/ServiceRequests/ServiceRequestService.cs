using System.Globalization;
using Kefu.Core.Classification;
using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.ServiceRequests;

/// <summary>The service-request use cases (SRQ-1..4, SRQ-8). Every method checks role and unit scope.</summary>
public sealed class ServiceRequestService(KefuDb db, OrganizationService organization, RequestMail mail, Sla.SlaService sla, TimeProvider time)
{
    public const int MaxLimit = 200;

    /// <summary>Request types read in this scope (one use case, one HTTP request): each profile is read once per use case.</summary>
    private readonly Dictionary<string, RequestType?> types = new(StringComparer.Ordinal);

    /// <summary>Who records requests: the intake roles.</summary>
    public static readonly IReadOnlyList<string> Recorders = [Roles.Assistant, Roles.Supervisor, Roles.AccountManager, Roles.Administrator];

    public async Task<Result<ServiceRequestDetail>> CreateAsync(Caller caller, ServiceRequestInput input, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Recorders))
        {
            return Error.Forbidden();
        }

        var valid = await ResolveAsync(caller, input, ct);
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        var type = (await TypeAsync(valid.Value.TypeCode, ct))!;
        var profile = type.Profile();
        var now = time.GetUtcNow().UtcDateTime;
        // Joins the caller's transaction when there is one (e.g. a job that records what created the request alongside it).
        await using var tx = await db.Database.BeginUnitAsync(ct);
        var number = await NumberRanges.TakeAsync(db, type.NumberRangeCode, ct);
        var request = ServiceRequest.Create(number, valid.Value, profile.Initial, caller, now);
        db.ServiceRequests.Add(request);
        await sla.StartAsync(request, profile, ct);
        if (request.Urgency == Urgency.Emergency)
        {
            await mail.NotifyEmergencyAsync(request, await CustomerNameAsync(request.CustomerId, ct), ct);
        }

        await db.SaveChangesAsync(ct);
        // The new request and its rows are in memory: the answer needs only the names of what it refers to.
        var detail = await DetailOfAsync(caller, request, type, ct);
        await tx.CommitAsync(ct);
        return detail;
    }

    /// <summary>Edits a request's fields and items with optimistic concurrency; the type and the long text are not edited here.</summary>
    public async Task<Result<ServiceRequestDetail>> UpdateAsync(Caller caller, string number, int? version, ServiceRequestInput input, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Recorders))
        {
            return Error.Forbidden();
        }

        if (version is null)
        {
            return Error.Validation("version", "Required: the version you read.");
        }

        var request = await (await ScopedAsync(caller, ct)).Include(r => r.Items).FirstOrDefaultAsync(r => r.Number == number, ct);
        if (request is null)
        {
            return Error.NotFound("Service request");
        }

        if (input.Type is not null && input.Type.Trim() != request.TypeCode)
        {
            return Error.Validation("type", "The type of a request cannot change; record a new request instead.");
        }

        if (request.MergedIntoId is not null)
        {
            return Error.Conflict("Request.Merged", "The request was merged into another and can no longer be edited.");
        }

        var valid = await ResolveAsync(caller, input with { Type = request.TypeCode, LongText = null }, ct);
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        db.Entry(request).Property(r => r.Version).OriginalValue = version.Value;
        var (urgency, centre) = (request.Urgency, request.ResponsibilityCentreId);
        request.Apply(valid.Value, time.GetUtcNow().UtcDateTime);
        db.Entry(request).Property(r => r.UpdatedAt).IsModified = true;
        if (request.Urgency != urgency || request.ResponsibilityCentreId != centre)
        {
            await sla.TargetsChangedAsync(request, ct);
        }

        var saved = await SaveAsync(ct);
        return saved.IsSuccess ? await DetailAsync(caller, number, ct) : saved.Error!;
    }

    /// <summary>
    /// Assigns a technician (work plan, SRQ-5): the technician becomes the responsible person and, when they belong to a
    /// work centre of the request's responsibility centre, the request moves to that work centre so they see it.
    /// </summary>
    public async Task<Result<ServiceRequestDetail>> AssignAsync(Caller caller, string number, Guid? technicianId, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Recorders))
        {
            return Error.Forbidden();
        }

        var request = await (await ScopedAsync(caller, ct)).FirstOrDefaultAsync(r => r.Number == number, ct);
        if (request is null)
        {
            return Error.NotFound("Service request");
        }

        var technician = await db.Users.AsNoTracking()
            .Where(u => u.Id == technicianId && u.IsActive && db.UsersInRole(Roles.Technician).Any(t => t.Id == u.Id))
            .Select(u => new { u.Id, u.UserName, u.OrgUnitId })
            .FirstOrDefaultAsync(ct);
        var unit = technician?.OrgUnitId is Guid unitId
            ? await db.OrgUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Id, u.Kind, u.ParentId }).FirstOrDefaultAsync(ct)
            : null;
        var ofCentre = unit is not null && (unit.Id == request.ResponsibilityCentreId || unit.ParentId == request.ResponsibilityCentreId);
        if (technician is null || !ofCentre)
        {
            return Error.Validation("technicianId", "Choose an active technician of the request's responsibility centre.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        request.Assign(technician.Id, unit!.Kind == OrgUnitKind.WorkCentre ? unit.Id : null, now);
        request.AppendLog($"派工给 / Assigned to {technician.UserName}", caller, now);
        await sla.StaffActedAsync(request, ct);
        var saved = await SaveAsync(ct);
        return saved.IsSuccess ? await DetailAsync(caller, number, ct) : saved.Error!;
    }

    /// <summary>Sends the request to a department by e-mail (SRQ-9): number, customer, problem text, long text and a link.</summary>
    public async Task<Result<MailQueued>> SendToDepartmentAsync(Caller caller, string number, DepartmentMailInput input, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Recorders))
        {
            return Error.Forbidden();
        }

        var to = RequestMail.ValidateAddresses(input);
        if (!to.IsSuccess)
        {
            return to.Error!;
        }

        var request = await (await ScopedAsync(caller, ct)).Include(r => r.Log).FirstOrDefaultAsync(r => r.Number == number, ct);
        if (request is null)
        {
            return Error.NotFound("Service request");
        }

        var queued = mail.QueueForDepartment(request, await CustomerNameAsync(request.CustomerId, ct), to.Value, input);
        request.AppendLog($"已发送邮件至 / Mailed to {string.Join(", ", to.Value)}{(input.Urgent ? " (紧急 urgent)" : "")}", caller, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return queued;
    }

    internal async Task<string> CustomerNameAsync(Guid customerId, CancellationToken ct) =>
        await db.Customers.Where(c => c.Id == customerId).Select(c => c.Number + " " + c.Name).FirstAsync(ct);

    public async Task<Result<ServiceRequestDetail>> GetAsync(Caller caller, string number, CancellationToken ct = default) =>
        caller.IsInAny(Roles.Staff) ? await DetailAsync(caller, number, ct) : Error.Forbidden();

    public async Task<Result<Page<ServiceRequestListItem>>> ListAsync(Caller caller, ServiceRequestQuery query, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return Error.Forbidden();
        }

        if (query.Limit is < 1 or > MaxLimit)
        {
            return Error.Validation("limit", $"Must be between 1 and {MaxLimit}.");
        }

        var sort = query.Sort ?? "-created";
        if (!Sorts.Contains(sort))
        {
            return Error.Validation("sort", "Must be one of: " + string.Join(", ", Sorts) + ".");
        }

        var cursor = KeysetCursor.Decode(query.After);
        DateTime after = default;
        var byCreated = sort.EndsWith("created", StringComparison.Ordinal);
        var bySla = sort == "sla-due";
        // The created sorts put green-channel requests first (SLA-5): their cursor key is the green flag ('1'/'0') then the instant.
        var afterGreen = cursor is { Key: ['1', ..] };
        if (query.After is not null && (cursor is null ||
            (byCreated && (cursor.Value.Key is not ['0' or '1', _, ..] ||
                !DateTime.TryParse(cursor.Value.Key[1..], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out after)))))
        {
            return Error.Validation("after", "Not a cursor returned by this list.");
        }

        var inClass = ClassFilter.Parse(query.CustomerClass);
        if (query.CustomerClass is not null && inClass is null)
        {
            return Error.Validation("customerClass", ClassFilter.Hint);
        }

        var q = Filter(await ScopedAsync(caller, ct), query);
        if (inClass is ClassFilter filter)
        {
            var (scheme, cls) = (filter.Scheme, filter.Class);
            q = q.Where(r => db.Set<CustomerClass>().Any(k => k.CustomerId == r.CustomerId && k.SchemeCode == scheme && k.ClassCode == cls));
        }

        var n = cursor?.TieBreaker ?? "";
        var key = cursor?.Key ?? "";
        q = (sort, cursor is null) switch
        {
            ("-created", true) => q.OrderByDescending(r => r.GreenChannel).ThenByDescending(r => r.CreatedAt).ThenByDescending(r => r.Number),
            ("-created", false) => q.Where(r => (afterGreen && !r.GreenChannel) || (r.GreenChannel == afterGreen
                    && r.CreatedAt <= after && (r.CreatedAt < after || string.Compare(r.Number, n) < 0)))
                .OrderByDescending(r => r.GreenChannel).ThenByDescending(r => r.CreatedAt).ThenByDescending(r => r.Number),
            ("created", true) => q.OrderByDescending(r => r.GreenChannel).ThenBy(r => r.CreatedAt).ThenBy(r => r.Number),
            ("created", false) => q.Where(r => (afterGreen && !r.GreenChannel) || (r.GreenChannel == afterGreen
                    && r.CreatedAt >= after && (r.CreatedAt > after || string.Compare(r.Number, n) > 0)))
                .OrderByDescending(r => r.GreenChannel).ThenBy(r => r.CreatedAt).ThenBy(r => r.Number),
            ("sla-due", true) => q.OrderBy(r => r.SlaSortKey).ThenBy(r => r.Number),
            ("sla-due", false) => q.Where(r => string.Compare(r.SlaSortKey, key) >= 0
                    && (string.Compare(r.SlaSortKey, key) > 0 || string.Compare(r.Number, n) > 0))
                .OrderBy(r => r.SlaSortKey).ThenBy(r => r.Number),
            ("number", true) => q.OrderBy(r => r.Number),
            ("number", false) => q.Where(r => string.Compare(r.Number, n) > 0).OrderBy(r => r.Number),
            ("-number", true) => q.OrderByDescending(r => r.Number),
            _ => q.Where(r => string.Compare(r.Number, n) < 0).OrderByDescending(r => r.Number),
        };

        var rows = await Project(q.Take(query.Limit + 1)).ToListAsync(ct);
        var last = rows.Count > query.Limit ? rows[query.Limit - 1] : null;
        var next = last is null ? null : KeysetCursor.Encode(
            byCreated ? (last.GreenChannel ? "1" : "0") + last.CreatedAt.ToString("O", CultureInfo.InvariantCulture) : bySla ? ServiceRequest.SortKey(last.GreenChannel, last.SlaDueAt) : "",
            last.Number);
        return new Page<ServiceRequestListItem>(rows.Take(query.Limit).ToList(), next);
    }

    public static readonly IReadOnlyList<string> Sorts = ["-created", "created", "number", "-number", "sla-due"];

    /// <summary>Moves a request to another user status if its type's profile allows it for the caller; otherwise nothing changes.</summary>
    public async Task<Result<ServiceRequestDetail>> TransitionAsync(Caller caller, string number, TransitionInput input, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return Error.Forbidden();
        }

        var e = new ValidationErrors();
        e.Required("to", input.To, 10);
        e.MaxLength("comment", input.Comment, 2000);
        if (e.Any)
        {
            return e.ToError();
        }

        // One transaction for the reads and the write; the request comes with its rows, which the answer shows.
        await using var tx = await db.Database.BeginUnitAsync(ct);
        var request = await (await ScopedAsync(caller, ct))
            .Include(r => r.Items).Include(r => r.Log).Include(r => r.StatusChanges).AsSingleQuery()
            .FirstOrDefaultAsync(r => r.Number == number, ct);
        if (request is null)
        {
            return Error.NotFound("Service request");
        }

        var type = (await TypeAsync(request.TypeCode, ct))!;
        var profile = type.Profile();
        var allowed = profile.Check(request.UserStatus, input.To!.Trim(), caller);
        if (!allowed.IsSuccess)
        {
            return allowed.Error!;
        }

        if (input.Version is int version)
        {
            db.Entry(request).Property(r => r.Version).OriginalValue = version;
        }

        var from = profile.Find(request.UserStatus);
        request.MoveTo(allowed.Value, caller, ServiceRequestValidator.Clean(input.Comment), time.GetUtcNow().UtcDateTime);
        if (from is not null)
        {
            await sla.StatusChangedAsync(request, from, allowed.Value, ct);
        }

        var saved = await SaveAsync(ct);
        if (!saved.IsSuccess)
        {
            return saved.Error!;
        }

        var detail = await DetailOfAsync(caller, request, type, ct);
        await tx.CommitAsync(ct);
        return detail;
    }

    /// <summary>Appends a timestamped, signed paragraph to the long text.</summary>
    public async Task<Result<LogEntryDto>> AppendLogAsync(Caller caller, string number, string? text, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return Error.Forbidden();
        }

        var e = new ValidationErrors();
        e.Required("text", text, 8000);
        if (e.Any)
        {
            return e.ToError();
        }

        var request = await (await ScopedAsync(caller, ct)).FirstOrDefaultAsync(r => r.Number == number, ct);
        if (request is null)
        {
            return Error.NotFound("Service request");
        }

        var entry = request.AppendLog(text!.Trim(), caller, time.GetUtcNow().UtcDateTime);
        await sla.StaffActedAsync(request, ct);
        await db.SaveChangesAsync(ct);
        return new LogEntryDto(entry.At, entry.AuthorName, entry.Text);
    }

    /// <summary>Requests of the caller's units: by responsibility centre, by work centre, or handed over to the caller's logistics unit.</summary>
    internal async Task<IQueryable<ServiceRequest>> ScopedAsync(Caller caller, CancellationToken ct)
    {
        var scope = await organization.ScopeAsync(caller, ct);
        if (scope.All)
        {
            return db.ServiceRequests;
        }

        var units = scope.Units.ToList();
        return db.ServiceRequests.Where(r => units.Contains(r.ResponsibilityCentreId)
            || (r.WorkCentreId != null && units.Contains(r.WorkCentreId.Value))
            || (r.HandedOverToUnitId != null && units.Contains(r.HandedOverToUnitId.Value)));
    }

    private static IQueryable<ServiceRequest> Filter(IQueryable<ServiceRequest> q, ServiceRequestQuery f)
    {
        if (f.SystemStatuses is { Count: > 0 } statuses)
        {
            q = q.Where(r => statuses.Contains(r.SystemStatus));
        }

        if (f.UserStatusIncluded is { Count: > 0 } included)
        {
            q = q.Where(r => included.Contains(r.UserStatus));
        }

        if (f.UserStatusExcluded is { Count: > 0 } excluded)
        {
            q = q.Where(r => !excluded.Contains(r.UserStatus));
        }

        if (!string.IsNullOrEmpty(f.Type))
        {
            q = q.Where(r => r.TypeCode == f.Type);
        }

        if (f.From is DateOnly from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            q = q.Where(r => r.CreatedAt >= start);
        }

        if (f.To is DateOnly to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            q = q.Where(r => r.CreatedAt < end);
        }

        if (f.ResponsibilityCentreId is Guid rc)
        {
            q = q.Where(r => r.ResponsibilityCentreId == rc);
        }

        if (f.WorkCentreId is Guid wc)
        {
            q = q.Where(r => r.WorkCentreId == wc);
        }

        if (f.ResponsiblePersonId is Guid person)
        {
            q = q.Where(r => r.ResponsiblePersonId == person);
        }

        if (f.CustomerId is Guid customer)
        {
            q = q.Where(r => r.CustomerId == customer);
        }

        if (f.SlaStates is { Count: > 0 } slaStates)
        {
            q = q.Where(r => r.SlaState != null && slaStates.Contains(r.SlaState.Value));
        }

        if (f.GreenChannel is bool green)
        {
            q = q.Where(r => r.GreenChannel == green);
        }

        if (f.Urgency is Urgency urgency)
        {
            q = q.Where(r => r.Urgency == urgency);
        }

        if (f.RequiredStartFrom is DateTime startFrom)
        {
            q = q.Where(r => r.RequiredStart >= startFrom);
        }

        if (f.RequiredStartBefore is DateTime startBefore)
        {
            q = q.Where(r => r.RequiredStart < startBefore);
        }

        return q;
    }

    internal IQueryable<ServiceRequestListItem> Project(IQueryable<ServiceRequest> q) =>
        q.Select(r => new ServiceRequestListItem(
            r.Id,
            r.Number,
            r.TypeCode,
            r.ShortText,
            r.CustomerId,
            db.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.Number).FirstOrDefault(),
            db.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.Name).FirstOrDefault(),
            r.UserStatus,
            r.SystemStatus,
            r.Urgency,
            r.ResponsibilityCentreId,
            db.OrgUnits.Where(u => u.Id == r.ResponsibilityCentreId).Select(u => u.Name).FirstOrDefault(),
            r.WorkCentreId,
            db.OrgUnits.Where(u => u.Id == r.WorkCentreId).Select(u => u.Name).FirstOrDefault(),
            db.Users.Where(u => u.Id == r.ResponsiblePersonId).Select(u => u.DisplayName).FirstOrDefault(),
            r.RequiredStart,
            r.ExpectedEnd,
            r.CreatedAt,
            r.Version,
            r.SlaState,
            r.SlaDueAt,
            r.GreenChannel));

    internal async Task<Result<ServiceRequestDetail>> DetailAsync(Caller caller, string number, CancellationToken ct)
    {
        var r = await (await ScopedAsync(caller, ct)).AsNoTracking()
            .Include(x => x.Items).Include(x => x.Log).Include(x => x.StatusChanges).AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Number == number, ct);
        if (r is null)
        {
            return Error.NotFound("Service request");
        }

        return await DetailOfAsync(caller, r, (await TypeAsync(r.TypeCode, ct))!, ct);
    }

    /// <summary>The detail of a request whose rows are loaded (or were just written): one query for the names it refers to.</summary>
    private async Task<ServiceRequestDetail> DetailOfAsync(Caller caller, ServiceRequest r, RequestType type, CancellationToken ct)
    {
        var profile = type.Profile();
        var names = await db.ServiceRequests.AsNoTracking().Where(x => x.Id == r.Id).Select(x => new
        {
            CustomerNumber = db.Customers.Where(c => c.Id == x.CustomerId).Select(c => c.Number).FirstOrDefault(),
            CustomerName = db.Customers.Where(c => c.Id == x.CustomerId).Select(c => c.Name).FirstOrDefault(),
            Rc = db.OrgUnits.Where(u => u.Id == x.ResponsibilityCentreId).Select(u => u.Name).FirstOrDefault(),
            Wc = db.OrgUnits.Where(u => u.Id == x.WorkCentreId).Select(u => u.Name).FirstOrDefault(),
            Person = db.Users.Where(u => u.Id == x.ResponsiblePersonId).Select(u => u.DisplayName).FirstOrDefault(),
            Earlier = db.ServiceRequests.Where(e => e.Id == x.EarlierRequestId).Select(e => e.Number).FirstOrDefault(),
            HandedOverTo = db.OrgUnits.Where(u => u.Id == x.HandedOverToUnitId).Select(u => u.Name).FirstOrDefault(),
        }).FirstAsync(ct);
        var status = profile.Find(r.UserStatus);
        return new ServiceRequestDetail(
            r.Id, r.Number, r.TypeCode, type.NameZh, type.NameEn, r.Channel, r.Phase, r.ChargeMode, r.PaidInFull, r.Urgency, r.ShortText,
            r.CustomerId, names.CustomerNumber, names.CustomerName, r.ShipToCustomerId, r.Reporter, r.ReferenceDocument, r.ReferenceDate,
            r.RequiredStart, r.ExpectedEnd, r.ResponsibilityCentreId, names.Rc, r.WorkCentreId, names.Wc, r.ResponsiblePersonId, names.Person,
            new ObjectAddress(r.ObjectProvince, r.ObjectCity, r.ObjectDistrict, r.ObjectStreet), names.Earlier,
            status is null ? new StatusDto(r.UserStatus, r.UserStatus, r.UserStatus, r.SystemStatus) : ToDto(status),
            profile.NextFor(r.UserStatus, caller).Select(ToDto).ToList(),
            r.Items.OrderBy(i => i.Line).Select(i => new ItemDto(
                i.Line, i.CategoryLevel1, i.CategoryLevel2, i.ColourMain, i.ColourSecondary, i.Material, i.Quantity, i.ReasonCode, i.OemVendor)).ToList(),
            r.Log.OrderBy(l => l.At).Select(l => new LogEntryDto(l.At, l.AuthorName, l.Text)).ToList(),
            r.StatusChanges.OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => new TimelineStepDto(s.At, s.ByName, s.FromStatus, s.ToStatus, s.Comment)).ToList(),
            r.CreatedAt, r.CreatedByName, r.CompletedAt,
            new ApprovalDto(r.ApprovalState, r.EscalationReason, r.HandedOverToUnitId, names.HandedOverTo, r.HandedOverAt, r.HandoverPaidInFull),
            r.Version);
    }

    private async Task<RequestType?> TypeAsync(string code, CancellationToken ct)
    {
        if (!types.TryGetValue(code, out var type))
        {
            types[code] = type = await db.RequestTypes.AsNoTracking().Include(t => t.Statuses).Include(t => t.Transitions).AsSingleQuery()
                .FirstOrDefaultAsync(t => t.Code == code, ct);
        }

        return type;
    }

    private static StatusDto ToDto(StatusDefinition s) => new(s.Code, s.LabelZh, s.LabelEn, s.SystemStatus);

    /// <summary>Field rules, then references and defaults: centre and work centre from the customer, object address from its master address.</summary>
    private async Task<Result<ValidServiceRequest>> ResolveAsync(Caller caller, ServiceRequestInput input, CancellationToken ct)
    {
        var e = new ValidationErrors();
        ServiceRequestValidator.CheckFields(e, input);
        var channel = ServiceRequestValidator.Parse(e, "channel", input.Channel, Channel.Phone);
        var phase = ServiceRequestValidator.Parse(e, "phase", input.Phase, Phase.AfterSale);
        var charge = ServiceRequestValidator.Parse(e, "chargeMode", input.ChargeMode, ChargeMode.Free);
        var urgency = ServiceRequestValidator.Parse(e, "urgency", input.Urgency, Urgency.Normal);
        if (e.Any)
        {
            return e.ToError();
        }

        var typeCode = input.Type!.Trim();
        if (await TypeAsync(typeCode, ct) is not { IsActive: true })
        {
            e.Add("type", "No such request type.");
        }

        var scope = await organization.ScopeAsync(caller, ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == input.CustomerId)
            .Select(c => new { c.Id, c.OrgUnitId, Master = c.Addresses.FirstOrDefault(a => a.IsMaster) })
            .FirstOrDefaultAsync(ct);
        if (customer is null || !scope.Contains(customer.OrgUnitId))
        {
            e.Add("customerId", "No such customer among yours.");
            return e.ToError();
        }

        if (input.ShipToCustomerId is Guid shipTo && !await db.Customers.AnyAsync(c => c.Id == shipTo, ct))
        {
            e.Add("shipToCustomerId", "No such customer.");
        }

        var rc = input.ResponsibilityCentreId ?? customer.OrgUnitId;
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.Id == rc || u.ParentId == rc).Select(u => new { u.Id, u.Kind, u.ParentId }).ToListAsync(ct);
        if (!units.Any(u => u.Id == rc && u.Kind == OrgUnitKind.ResponsibilityCentre) || !scope.Contains(rc))
        {
            e.Add("responsibilityCentreId", "No such responsibility centre among yours.");
        }

        var workCentres = units.Where(u => u.ParentId == rc && u.Kind == OrgUnitKind.WorkCentre).Select(u => u.Id).ToList();
        var wc = input.WorkCentreId ?? (workCentres.Count == 1 ? workCentres[0] : null);
        if (input.WorkCentreId is Guid given && !workCentres.Contains(given))
        {
            e.Add("workCentreId", "Not a work centre of the responsibility centre.");
        }

        if (input.ResponsiblePersonId is Guid person && !await db.Users.AnyAsync(u => u.Id == person && u.IsActive, ct))
        {
            e.Add("responsiblePersonId", "No such user.");
        }

        Guid? earlier = null;
        if (ServiceRequestValidator.Clean(input.EarlierRequest) is string earlierNumber)
        {
            earlier = await (await ScopedAsync(caller, ct)).Where(r => r.Number == earlierNumber).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
            if (earlier is null)
            {
                e.Add("earlierRequest", "No such request.");
            }
        }

        var address = input.ObjectAddress is { } a
            ? new ObjectAddress(ServiceRequestValidator.Clean(a.Province), ServiceRequestValidator.Clean(a.City), ServiceRequestValidator.Clean(a.District), a.Street!.Trim())
            : customer.Master is { } m ? new ObjectAddress(m.Province, m.City, m.District, m.Street) : null;
        if (address is null)
        {
            e.Add("objectAddress.street", "Required: the customer has no master address.");
        }

        if (e.Any)
        {
            return e.ToError();
        }

        return new ValidServiceRequest(
            typeCode, channel, phase, charge, input.PaidInFull ?? typeCode != "Z2", urgency, input.ShortText!.Trim(),
            ServiceRequestValidator.Clean(input.LongText), customer.Id, input.ShipToCustomerId, ServiceRequestValidator.Clean(input.Reporter),
            ServiceRequestValidator.Clean(input.ReferenceDocument), input.ReferenceDate, ToUtc(input.RequiredStart), ToUtc(input.ExpectedEnd),
            rc, wc, input.ResponsiblePersonId, address!, earlier, (input.Items ?? []).Select(ServiceRequestValidator.ToValid).ToList());
    }

    private static DateTime? ToUtc(DateTime? value) => value?.Kind switch
    {
        null => null,
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.Value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value.Value, DateTimeKind.Utc),
    };

    internal Task<Result<Unit>> SaveAsync(CancellationToken ct) => db.SaveOrConflictAsync(ct);
}
