using System.Globalization;
using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Customers;

/// <summary>The customer use cases (CUS-1..4, CUS-6). Every method checks role and unit scope.</summary>
public sealed class CustomerService(KefuDb db, OrganizationService organization, TimeProvider time, IEnumerable<ICustomerLinks> links)
{
    public const int MaxLimit = 200;

    /// <summary>The orders the customer list accepts (<c>sort</c>).</summary>
    public static IReadOnlyList<string> Sorts => CustomerKeyset.Sorts;

    public async Task<Result<Page<CustomerListItem>>> ListAsync(Caller caller, CustomerQuery query, CancellationToken ct = default)
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
        if (!CustomerKeyset.Sorts.Contains(sort))
        {
            return Error.Validation("sort", "Must be one of: " + string.Join(", ", CustomerKeyset.Sorts) + ".");
        }

        var cursor = CustomerKeyset.Decode(query.After, sort);
        if (query.After is not null && cursor is null)
        {
            return Error.Validation("after", "Not a cursor returned by this list.");
        }

        var customers = await SearchAsync(await ScopedAsync(caller, ct), query, ct);
        if (query.Class is not null)
        {
            if (Classification.ClassFilter.Parse(query.Class) is not { } filter)
            {
                return Error.Validation("class", Classification.ClassFilter.Hint);
            }

            var (scheme, cls) = (filter.Scheme, filter.Class);
            customers = customers.Where(c => db.Set<Classification.CustomerClass>().Any(k => k.CustomerId == c.Id && k.SchemeCode == scheme && k.ClassCode == cls));
        }

        customers = CustomerKeyset.Apply(customers, sort, cursor);
        var rows = await Project(customers.Take(query.Limit + 1)).ToListAsync(ct);
        var next = rows.Count > query.Limit ? CustomerKeyset.Encode(sort, rows[query.Limit - 1]) : null;
        return new Page<CustomerListItem>(rows.Take(query.Limit).ToList(), next);
    }

    public async Task<Result<CustomerDetail>> GetAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return Error.Forbidden();
        }

        var customer = await (await ScopedAsync(caller, ct)).AsNoTracking()
            .Include(c => c.Contacts).Include(c => c.Addresses).Include(c => c.Tags).Include(c => c.KeyDates)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id, ct);
        return customer is null ? Error.NotFound("Customer") : await DetailAsync(customer, ct);
    }

    /// <summary>Whether the caller may see the customer (one indexed lookup, no children loaded).</summary>
    public async Task<bool> IsVisibleAsync(Caller caller, Guid id, CancellationToken ct = default) =>
        caller.IsInAny(Roles.Staff) && await (await ScopedAsync(caller, ct)).AnyAsync(c => c.Id == id, ct);

    public async Task<Result<CustomerDetail>> CreateAsync(Caller caller, CustomerInput input, CancellationToken ct = default)
    {
        var valid = await ValidateAsync(caller, input, ct);
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginUnitAsync(ct);
        var number = await NumberRanges.TakeAsync(db, NumberRanges.Customer, ct);
        var customer = Customer.Create(number, valid.Value, now);
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await DetailAsync(customer, ct);
    }

    public async Task<Result<CustomerDetail>> UpdateAsync(Caller caller, Guid id, int version, CustomerInput input, CancellationToken ct = default)
    {
        var customer = await LoadForChangeAsync(caller, id, ct);
        if (!customer.IsSuccess)
        {
            return customer.Error!;
        }

        var valid = await ValidateAsync(caller, input, ct);
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        db.Entry(customer.Value).Property(c => c.Version).OriginalValue = version;
        customer.Value.Apply(valid.Value, time.GetUtcNow().UtcDateTime);
        // The version must move even when only children changed, so a concurrent edit of any part conflicts.
        db.Entry(customer.Value).Property(c => c.UpdatedAt).IsModified = true;
        var saved = await SaveAsync(ct);
        return saved.IsSuccess ? await DetailAsync(customer.Value, ct) : saved.Error!;
    }

    public async Task<Result<Unit>> DeleteAsync(Caller caller, Guid id, int? version, CancellationToken ct = default)
    {
        var customer = await LoadForChangeAsync(caller, id, ct);
        if (!customer.IsSuccess)
        {
            return customer.Error!;
        }

        await using var tx = await db.Database.BeginUnitAsync(ct);
        await LockAsync([id], ct);
        foreach (var link in links)
        {
            if (await link.CountBlockingAsync(db, id, ct) is > 0 and var count)
            {
                return Error.Conflict(
                    $"Customer.Has{link.Kind}",
                    $"The customer has {count} linked record(s) of kind {link.Kind}; merge it into another customer instead of deleting it.");
            }
        }

        if (version is int v)
        {
            db.Entry(customer.Value).Property(c => c.Version).OriginalValue = v;
        }

        db.Customers.Remove(customer.Value);
        var saved = await SaveAsync(ct);
        if (saved.IsSuccess)
        {
            await tx.CommitAsync(ct);
        }

        return saved;
    }

    /// <summary>
    /// PostgreSQL: locks customers for update before they are deleted or merged away. Purchases have no foreign key (ADR-0003);
    /// an import key-share locks its customers before it commits, so it either commits first (and the checks that follow see its
    /// purchases) or waits and then finds the customer gone. SQLite has a single writer, so nothing can interleave there.
    /// </summary>
    private async Task LockAsync(Guid[] ids, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1 FROM customers WHERE \"Id\" = ANY({0}) ORDER BY \"Id\" FOR UPDATE", [ids], ct);
        }
    }

    /// <summary>
    /// Merges a duplicate into the survivor (CUS-6): every capability's <see cref="ICustomerLinks"/> moves its rows (set-based, one
    /// audit row per moved row), the survivor absorbs the duplicate's contacts, addresses, dates and tags, one summary audit entry
    /// <c>CustomerMerge</c> on the survivor lists what moved, and the duplicate is removed, in one transaction.
    /// </summary>
    public async Task<Result<CustomerDetail>> MergeAsync(Caller caller, Guid survivorId, Guid duplicateId, CancellationToken ct = default)
    {
        var pair = await LoadPairAsync(caller, survivorId, duplicateId, ct);
        if (!pair.IsSuccess)
        {
            return pair.Error!;
        }

        var (survivor, duplicate) = pair.Value;
        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginUnitAsync(ct);
        await LockAsync([survivorId, duplicateId], ct);
        var counts = await MoveLinksAsync(new CustomerMove(db, duplicateId, survivorId, caller, now, preview: false), ct);
        db.AuditEntries.Add(CustomerMove.Summary(caller, now, survivor, duplicate, counts));
        survivor.Absorb(duplicate, now);
        db.Entry(survivor).Property(c => c.UpdatedAt).IsModified = true;
        db.Customers.Remove(duplicate);
        var saved = await SaveAsync(ct);
        if (!saved.IsSuccess)
        {
            return saved.Error!;
        }

        await tx.CommitAsync(ct);
        return await DetailAsync(survivor, ct);
    }

    /// <summary>What a merge of the duplicate into the survivor would move, per kind; the same checks as the merge.</summary>
    public async Task<Result<MergePreview>> PreviewMergeAsync(Caller caller, Guid survivorId, Guid duplicateId, CancellationToken ct = default)
    {
        var pair = await LoadPairAsync(caller, survivorId, duplicateId, ct);
        if (!pair.IsSuccess)
        {
            return pair.Error!;
        }

        var (survivor, duplicate) = pair.Value;
        var counts = await MoveLinksAsync(new CustomerMove(db, duplicateId, survivorId, caller, time.GetUtcNow().UtcDateTime, preview: true), ct);
        return new MergePreview(survivor.Id, survivor.Number, survivor.Name, duplicate.Id, duplicate.Number, duplicate.Name, counts);
    }

    private async Task<Result<(Customer Survivor, Customer Duplicate)>> LoadPairAsync(Caller caller, Guid survivorId, Guid duplicateId, CancellationToken ct)
    {
        if (survivorId == duplicateId)
        {
            return Error.Validation("duplicateId", "A customer cannot be merged into itself.");
        }

        var survivor = await LoadForChangeAsync(caller, survivorId, ct);
        var duplicate = await LoadForChangeAsync(caller, duplicateId, ct);
        if (!survivor.IsSuccess || !duplicate.IsSuccess)
        {
            return (survivor.Error ?? duplicate.Error)!;
        }

        return (survivor.Value, duplicate.Value);
    }

    /// <summary>Every capability's rows, kind by kind in registration order (several links may share a kind).</summary>
    private async Task<IReadOnlyList<CustomerLinkCount>> MoveLinksAsync(CustomerMove move, CancellationToken ct)
    {
        var counts = new List<CustomerLinkCount>();
        foreach (var link in links)
        {
            var rows = await link.MoveAsync(db, move, ct);
            var i = counts.FindIndex(c => c.Kind == link.Kind);
            if (i < 0)
            {
                counts.Add(new CustomerLinkCount(link.Kind, rows));
            }
            else
            {
                counts[i] = counts[i] with { Rows = counts[i].Rows + rows };
            }
        }

        return counts;
    }

    /// <summary>Possible duplicates of the input among the caller's customers: same phone, same e-mail, or same name and address.</summary>
    public async Task<IReadOnlyList<DuplicateCandidate>> FindDuplicatesAsync(
        Caller caller, CustomerInput input, Guid? excludeId = null, CancellationToken ct = default)
    {
        var phones = (input.Contacts ?? []).Select(c => Phones.Digits(c?.Phone)).OfType<string>().Distinct().ToList();
        var emails = (input.Contacts ?? []).Select(c => c?.Email?.Trim().ToLowerInvariant()).OfType<string>().Where(e => e.Length > 0).Distinct().ToList();
        var nameKey = input.Name?.Trim().ToLowerInvariant();
        var streets = (input.Addresses ?? []).Select(a => a?.Street?.Trim()).OfType<string>().Where(s => s.Length > 0).Distinct().ToList();
        var scoped = await ScopedAsync(caller, ct);
        if (excludeId is Guid ex)
        {
            scoped = scoped.Where(c => c.Id != ex);
        }

        var found = new List<DuplicateCandidate>();
        if (phones.Count > 0)
        {
            found.AddRange(await scoped.Where(c => c.Contacts.Any(k => phones.Contains(k.PhoneDigits!)))
                .Select(c => new DuplicateCandidate(c.Id, c.Number, c.Name, "phone")).Take(20).ToListAsync(ct));
        }

        if (emails.Count > 0)
        {
            found.AddRange(await scoped.Where(c => c.Contacts.Any(k => emails.Contains(k.Email!)))
                .Select(c => new DuplicateCandidate(c.Id, c.Number, c.Name, "email")).Take(20).ToListAsync(ct));
        }

        if (!string.IsNullOrEmpty(nameKey) && streets.Count > 0)
        {
            found.AddRange(await scoped.Where(c => c.NameKey == nameKey && c.Addresses.Any(a => streets.Contains(a.Street)))
                .Select(c => new DuplicateCandidate(c.Id, c.Number, c.Name, "name-address")).Take(20).ToListAsync(ct));
        }

        return found.GroupBy(f => f.Id).Select(g => g.First() with { Reason = string.Join(",", g.Select(x => x.Reason)) }).ToList();
    }

    public async Task<IReadOnlyList<GroupDto>> ListGroupsAsync(CancellationToken ct = default) =>
        await db.CustomerGroups.AsNoTracking().OrderBy(g => g.Name).Select(g => new GroupDto(g.Id, g.Name, g.Version)).ToListAsync(ct);

    public async Task<Result<GroupDto>> CreateGroupAsync(Caller caller, string? name, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.CustomerEditors))
        {
            return Error.Forbidden();
        }

        var e = new ValidationErrors();
        e.Required("name", name, 200);
        if (!e.Any && await db.CustomerGroups.AnyAsync(g => g.Name == name!.Trim(), ct))
        {
            e.Add("name", "This group already exists.");
        }

        if (e.Any)
        {
            return e.ToError();
        }

        var group = CustomerGroup.Create(name!);
        db.CustomerGroups.Add(group);
        await db.SaveChangesAsync(ct);
        return new GroupDto(group.Id, group.Name, group.Version);
    }

    private async Task<IQueryable<Customer>> ScopedAsync(Caller caller, CancellationToken ct)
    {
        var scope = await organization.ScopeAsync(caller, ct);
        if (scope.All)
        {
            return db.Customers;
        }

        var units = scope.Units.ToList();
        return db.Customers.Where(c => units.Contains(c.OrgUnitId));
    }

    /// <summary>Most customers a phone or number search considers; a prefix matching more is too short to be useful.</summary>
    public const int MaxPhoneMatches = 2000;

    private async Task<IQueryable<Customer>> SearchAsync(IQueryable<Customer> customers, CustomerQuery query, CancellationToken ct)
    {
        if (query.Nature is CustomerNature nature)
        {
            customers = customers.Where(c => c.Nature == nature);
        }

        if (query.OrgUnitId is Guid unit)
        {
            customers = customers.Where(c => c.OrgUnitId == unit);
        }

        var q = query.Q?.Trim();
        if (string.IsNullOrEmpty(q))
        {
            return customers;
        }

        var number = q.ToUpperInvariant();
        var digits = Phones.Digits(q);
        if (digits is { Length: >= 3 } && q.All(ch => char.IsAsciiDigit(ch) || ch is ' ' or '-' or '+'))
        {
            // A phone or number: resolve ids through the two indexes first (an OR across tables makes the planner scan),
            // as ranges: LIKE 'x%' cannot use a b-tree on SQLite (case-insensitive LIKE) nor on PostgreSQL outside the C collation.
            var (phoneFrom, phoneTo) = PrefixRange(digits);
            var (numberFrom, numberTo) = PrefixRange(number);
            var ids = await db.CustomerContacts
                .Where(k => string.Compare(k.PhoneDigits, phoneFrom) >= 0 && string.Compare(k.PhoneDigits, phoneTo) < 0)
                .Select(k => k.CustomerId).Distinct().Take(MaxPhoneMatches).ToListAsync(ct);
            ids.AddRange(await db.Customers.Where(c => string.Compare(c.Number, numberFrom) >= 0 && string.Compare(c.Number, numberTo) < 0)
                .Select(c => c.Id).Take(MaxPhoneMatches).ToListAsync(ct));
            return customers.Where(c => ids.Contains(c.Id));
        }

        var key = q.ToLowerInvariant();
        return customers.Where(c => c.Number.StartsWith(number) || c.NameKey.Contains(key));
    }

    /// <summary>The half-open range of strings that start with <paramref name="prefix"/>: [prefix, prefix with its last character + 1).</summary>
    internal static (string From, string To) PrefixRange(string prefix) => (prefix, prefix[..^1] + (char)(prefix[^1] + 1));

    private IQueryable<CustomerListItem> Project(IQueryable<Customer> customers) =>
        customers.Select(c => new CustomerListItem(
            c.Id,
            c.Number,
            c.Name,
            c.Kind,
            c.Nature,
            c.OrgUnitId,
            db.OrgUnits.Where(u => u.Id == c.OrgUnitId).Select(u => u.Name).FirstOrDefault(),
            c.Contacts.Where(k => k.Phone != null).OrderBy(k => k.Id).Select(k => k.Phone).FirstOrDefault(),
            c.Addresses.Where(a => a.IsMaster).Select(a => (a.City ?? "") + (a.District ?? "") + a.Street).FirstOrDefault(),
            db.Users.Where(u => u.Id == c.AccountManagerId).Select(u => u.DisplayName).FirstOrDefault(),
            c.CreatedAt,
            c.Version));

    private async Task<Result<Customer>> LoadForChangeAsync(Caller caller, Guid id, CancellationToken ct)
    {
        if (!caller.IsInAny(Roles.CustomerEditors))
        {
            return Error.Forbidden();
        }

        var customer = await (await ScopedAsync(caller, ct))
            .Include(c => c.Contacts).Include(c => c.Addresses).Include(c => c.Tags).Include(c => c.KeyDates)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id, ct);
        return customer is null ? Error.NotFound("Customer") : customer;
    }

    /// <summary>Field rules, then references: the unit must be a responsibility centre in scope, the manager an account manager.</summary>
    private async Task<Result<ValidCustomer>> ValidateAsync(Caller caller, CustomerInput input, CancellationToken ct)
    {
        if (!caller.IsInAny(Roles.CustomerEditors))
        {
            return Error.Forbidden();
        }

        var valid = CustomerValidator.Validate(input);
        if (!valid.IsSuccess)
        {
            return valid;
        }

        var v = valid.Value;
        var e = new ValidationErrors();
        var unitKind = await db.OrgUnits.Where(u => u.Id == v.OrgUnitId).Select(u => (OrgUnitKind?)u.Kind).FirstOrDefaultAsync(ct);
        var scope = await organization.ScopeAsync(caller, ct);
        if (unitKind is null || !scope.Contains(v.OrgUnitId))
        {
            e.Add("orgUnitId", "No such unit among yours.");
        }
        else if (unitKind != OrgUnitKind.ResponsibilityCentre)
        {
            e.Add("orgUnitId", "A customer belongs to a responsibility centre.");
        }

        if (v.AccountManagerId is Guid managerId && !await IsAccountManagerAsync(managerId, ct))
        {
            e.Add("accountManagerId", "No such account manager.");
        }

        if (v.GroupId is Guid groupId && !await db.CustomerGroups.AnyAsync(g => g.Id == groupId, ct))
        {
            e.Add("groupId", "No such group.");
        }

        return e.Any ? e.ToError() : v;
    }

    private Task<bool> IsAccountManagerAsync(Guid userId, CancellationToken ct) =>
        db.UsersInRole(Roles.AccountManager).AnyAsync(u => u.Id == userId, ct);

    private Task<Result<Unit>> SaveAsync(CancellationToken ct) => db.SaveOrConflictAsync(ct);

    private async Task<CustomerDetail> DetailAsync(Customer c, CancellationToken ct)
    {
        var names = await (
            from x in db.Customers.AsNoTracking()
            where x.Id == c.Id
            select new
            {
                Unit = db.OrgUnits.Where(u => u.Id == c.OrgUnitId).Select(u => u.Name).FirstOrDefault(),
                Manager = db.Users.Where(u => u.Id == c.AccountManagerId).Select(u => u.DisplayName).FirstOrDefault(),
                Group = db.CustomerGroups.Where(g => g.Id == c.GroupId).Select(g => g.Name).FirstOrDefault(),
            }).FirstOrDefaultAsync(ct);
        return new CustomerDetail(
            c.Id, c.Number, c.Kind, c.Name, c.Nature, c.OrgUnitId, names?.Unit, c.AccountManagerId, names?.Manager,
            c.GroupId, names?.Group, c.SourceChannel, c.Notes,
            c.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal).ToList(),
            c.Contacts.Select(k => new ContactDto(k.Id, k.Name, k.Phone, k.Email, k.WeChatId, k.IsKeyPerson)).ToList(),
            c.Addresses.OrderByDescending(a => a.IsMaster)
                .Select(a => new AddressDto(a.Id, a.Label, a.Province, a.City, a.District, a.Street, a.PostalCode, a.IsMaster)).ToList(),
            c.KeyDates.OrderBy(d => d.Date).Select(d => new KeyDateDto(d.Id, d.Kind, d.Date, d.Label)).ToList(),
            c.Preferences, c.CreatedAt, c.UpdatedAt, c.Version)
        {
            Classes = await db.Set<Classification.CustomerClass>().AsNoTracking().Where(k => k.CustomerId == c.Id)
                .ToDictionaryAsync(k => k.SchemeCode, k => k.ClassCode, StringComparer.Ordinal, ct),
        };
    }
}

/// <summary>Keyset paging for the customer list: ordered by a sort key, then by the unique number.</summary>
internal static class CustomerKeyset
{
    public static readonly IReadOnlyList<string> Sorts = ["number", "-number", "name", "-name", "created", "-created"];

    public sealed record Cursor(string Key, string Number);

    public static IQueryable<Customer> Apply(IQueryable<Customer> q, string sort, Cursor? after)
    {
        var k = after?.Key ?? "";
        var n = after?.Number ?? "";
        var created = after is null || sort.TrimStart('-') != "created"
            ? default
            : DateTime.Parse(after.Key, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        return (sort, after is null) switch
        {
            ("number", true) => q.OrderBy(c => c.Number),
            ("number", false) => q.Where(c => string.Compare(c.Number, n) > 0).OrderBy(c => c.Number),
            ("-number", true) => q.OrderByDescending(c => c.Number),
            ("-number", false) => q.Where(c => string.Compare(c.Number, n) < 0).OrderByDescending(c => c.Number),
            ("name", true) => q.OrderBy(c => c.NameKey).ThenBy(c => c.Number),
            ("name", false) => q.Where(c => string.Compare(c.NameKey, k) >= 0 && (string.Compare(c.NameKey, k) > 0 || string.Compare(c.Number, n) > 0))
                .OrderBy(c => c.NameKey).ThenBy(c => c.Number),
            ("-name", true) => q.OrderByDescending(c => c.NameKey).ThenByDescending(c => c.Number),
            ("-name", false) => q.Where(c => string.Compare(c.NameKey, k) <= 0 && (string.Compare(c.NameKey, k) < 0 || string.Compare(c.Number, n) < 0))
                .OrderByDescending(c => c.NameKey).ThenByDescending(c => c.Number),
            ("created", true) => q.OrderBy(c => c.CreatedAt).ThenBy(c => c.Number),
            ("created", false) => q.Where(c => c.CreatedAt >= created && (c.CreatedAt > created || string.Compare(c.Number, n) > 0))
                .OrderBy(c => c.CreatedAt).ThenBy(c => c.Number),
            ("-created", true) => q.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Number),
            _ => q.Where(c => c.CreatedAt <= created && (c.CreatedAt < created || string.Compare(c.Number, n) < 0))
                .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Number),
        };
    }

    public static string Encode(string sort, CustomerListItem last)
    {
        var key = sort.TrimStart('-') switch
        {
            "name" => last.Name.ToLowerInvariant(),
            "created" => last.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            _ => "",
        };
        return KeysetCursor.Encode(key, last.Number);
    }

    public static Cursor? Decode(string? after, string sort)
    {
        if (KeysetCursor.Decode(after) is not var (key, number) || key.Length > 200 || number.Length > 20)
        {
            return null;
        }

        var badTime = sort.TrimStart('-') == "created" && !DateTime.TryParse(key, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);
        return badTime ? null : new Cursor(key, number);
    }
}
