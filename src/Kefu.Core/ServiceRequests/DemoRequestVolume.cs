using System.Text.Json;
using Kefu.Core.Audit;
using Kefu.Core.Data;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Kefu.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.ServiceRequests;

/// <summary>
/// Large volumes of demo requests for benchmarks (<c>kefu seed demo --requests N</c>): built in memory by the same factory methods
/// the use cases call (<see cref="ServiceRequest.Create"/>, <see cref="ServiceRequest.MoveTo"/>, <see cref="SlaService.Start"/>,
/// <see cref="SlaService.StatusChanged"/>), so each request has its status history, long text and SLA clocks as the app would
/// have written them, with numbers taken from each type's number range; then written by binary COPY (PostgreSQL) or prepared
/// multi-row INSERTs (SQLite), one transaction per batch. Requests are spread over the last year across the existing customers
/// and every active type: those older than two weeks went along their type's profile to a completed status, younger ones took
/// zero to two steps. Running clocks whose due time has passed are left for the SLA scan to breach, as in production.
/// The per-row audit is replaced by one audit entry per batch naming the numbers written.
/// </summary>
internal sealed class DemoRequestVolume(KefuDb db, ServiceLevelService levels, ISlaCalendars calendars, TimeProvider time)
{
    public const int BatchSize = 20_000;

    private static readonly TimeSpan Spread = TimeSpan.FromDays(365);
    private static readonly TimeSpan CompletedAfter = TimeSpan.FromDays(14);

    private sealed record CustomerRow(Guid Id, Guid OrgUnitId, string? Province, string? City, string? District, string? Street);

    public async Task<int> AddAsync(int count, IProgress<int>? progress, CancellationToken ct)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var customers = await db.Customers.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new CustomerRow(c.Id, c.OrgUnitId,
                c.Addresses.Where(a => a.IsMaster).Select(a => a.Province).FirstOrDefault(),
                c.Addresses.Where(a => a.IsMaster).Select(a => a.City).FirstOrDefault(),
                c.Addresses.Where(a => a.IsMaster).Select(a => a.District).FirstOrDefault(),
                c.Addresses.Where(a => a.IsMaster).Select(a => a.Street).FirstOrDefault()))
            .ToListAsync(ct);
        if (customers.Count == 0 || count == 0)
        {
            return 0;
        }

        var types = new List<RequestType>();
        var profiles = new Dictionary<string, StatusProfile>(StringComparer.Ordinal);
        foreach (var code in await db.RequestTypes.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Code).Select(t => t.Code).ToListAsync(ct))
        {
            var type = await db.RequestTypeAsync(code, ct);
            types.Add(type);
            profiles[code] = type.Profile();
        }

        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.Kind, u.ParentId }).ToListAsync(ct);
        var workCentres = units.Where(u => u.Kind == OrgUnitKind.WorkCentre && u.ParentId is not null)
            .GroupBy(u => u.ParentId!.Value).ToDictionary(g => g.Key, g => g.Select(u => u.Id).ToArray());
        var centreCalendars = new Dictionary<Guid, ISlaCalendar>();
        foreach (var centre in customers.Select(c => c.OrgUnitId).Distinct())
        {
            centreCalendars[centre] = await calendars.ForUnitAsync(centre, ct);
        }

        var assistant = await db.Users.AsNoTracking().Where(u => u.UserName == "assistant")
            .Select(u => new { u.Id, u.UserName, u.OrgUnitId }).FirstOrDefaultAsync(ct);
        var caller = assistant is null
            ? Caller.System
            : new Caller(assistant.Id, assistant.UserName!, new HashSet<string>(StringComparer.Ordinal) { Roles.Assistant }, assistant.OrgUnitId);
        var resolve = await levels.ResolverAsync(ct);
        var random = new Random(DemoData.Seed + count);
        var now = time.GetUtcNow().UtcDateTime;
        var urgencies = Enum.GetValues<Urgency>();
        var channels = Enum.GetValues<Channel>();

        for (var done = 0; done < count; done += BatchSize)
        {
            var size = Math.Min(BatchSize, count - done);
            var picks = Enumerable.Range(0, size).Select(_ => types[random.Next(types.Count)]).ToList();
            var numbers = new Dictionary<string, Queue<string>>(StringComparer.Ordinal);
            await using var tx = await db.Database.BeginUnitAsync(ct);
            foreach (var group in picks.GroupBy(t => t.NumberRangeCode, StringComparer.Ordinal))
            {
                numbers[group.Key] = new Queue<string>(await NumberRanges.TakeBlockAsync(db, group.Key, group.Count(), ct));
            }

            var requests = new List<ServiceRequest>(size);
            var clocks = new List<SlaClock>(size * 3);
            foreach (var type in picks)
            {
                var customer = customers[random.Next(customers.Count)];
                var profile = profiles[type.Code];
                var created = now - (Spread * random.NextDouble());
                var problems = DemoRequests.Problems.GetValueOrDefault(type.Code) ?? ["客户来电，需要处理"];
                var problem = problems[random.Next(problems.Length)];
                var centres = workCentres.GetValueOrDefault(customer.OrgUnitId);
                var valid = new ValidServiceRequest(
                    type.Code, channels[random.Next(channels.Length)], Phase.AfterSale, random.Next(4) == 0 ? ChargeMode.Paid : ChargeMode.Free,
                    type.Code != "Z2", random.Next(12) == 0 ? Urgency.Emergency : urgencies[1 + random.Next(2)], problem,
                    $"客户来电：{problem}。已记录联系方式，约定回访。", customer.Id, null, null, null, null, null, null, customer.OrgUnitId,
                    centres is { Length: > 0 } ? centres[random.Next(centres.Length)] : null, null,
                    new ObjectAddress(customer.Province, customer.City, customer.District, customer.Street ?? "—"), null, []);
                var request = ServiceRequest.Create(numbers[type.NumberRangeCode].Dequeue(), valid, profile.Initial, caller, created);
                var calendar = centreCalendars[customer.OrgUnitId];
                var applied = await resolve(customer.Id, type.Code, ct);
                var own = applied is null ? [] : SlaService.Start(request, profile, applied, calendar);
                Walk(request, profile, own, caller, created, now, calendar, random);
                requests.Add(request);
                clocks.AddRange(own);
            }

            await BulkRows.WriteAsync(db, requests, ct);
            await BulkRows.WriteAsync(db, requests.SelectMany(r => r.StatusChanges).ToList(), ct);
            await BulkRows.WriteAsync(db, requests.SelectMany(r => r.Log).ToList(), ct);
            await BulkRows.WriteAsync(db, clocks, ct);
            db.Add(new AuditEntry
            {
                At = now,
                UserId = caller.UserId,
                UserName = caller.UserName,
                Entity = nameof(ServiceRequest),
                EntityKey = $"{requests[0].Number}…{requests[^1].Number}",
                Action = AuditAction.Insert,
                After = JsonSerializer.Serialize(new { Seeded = size, Clocks = clocks.Count, By = "kefu seed demo --requests" }),
            });
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await tx.CommitAsync(ct);
            progress?.Report(done + size);
        }

        return count;
    }

    /// <summary>
    /// Moves a request along its profile as staff would have: old requests to a completed status by the shortest way, younger ones
    /// zero to two steps that stay open. Step times fall between the creation and now.
    /// </summary>
    private static void Walk(
        ServiceRequest request, StatusProfile profile, List<SlaClock> clocks, Caller caller, DateTime created, DateTime now, ISlaCalendar calendar, Random random)
    {
        var age = now - created;
        var path = age > CompletedAfter ? ToCompleted(profile) : RandomOpenSteps(profile, random.Next(3), random);
        var at = created;
        foreach (var code in path)
        {
            var from = profile.Find(request.UserStatus)!;
            var to = profile.Find(code)!;
            at += (now - at) * (0.05 + (random.NextDouble() * 0.25));
            request.MoveTo(to, caller, DemoRequests.Comments.GetValueOrDefault(code), at);
            if (clocks.Count > 0)
            {
                SlaService.StatusChanged(request, clocks, from, to, at, calendar);
            }
        }
    }

    private static List<string> ToCompleted(StatusProfile profile)
    {
        var from = new Dictionary<string, string?>(StringComparer.Ordinal) { [profile.Initial.Code] = null };
        var todo = new Queue<string>([profile.Initial.Code]);
        string? found = null;
        while (found is null && todo.TryDequeue(out var at))
        {
            foreach (var t in profile.Transitions.Where(t => t.From == at && !from.ContainsKey(t.To)))
            {
                from[t.To] = at;
                todo.Enqueue(t.To);
                if (profile.Find(t.To)!.SystemStatus == SystemStatus.Completed)
                {
                    found = t.To;
                    break;
                }
            }
        }

        var path = new List<string>();
        for (var s = found; s is not null && s != profile.Initial.Code; s = from[s])
        {
            path.Add(s);
        }

        path.Reverse();
        return path;
    }

    private static List<string> RandomOpenSteps(StatusProfile profile, int steps, Random random)
    {
        var path = new List<string>();
        var at = profile.Initial.Code;
        for (var i = 0; i < steps; i++)
        {
            var next = profile.Transitions.Where(t => t.From == at && profile.Find(t.To)!.SystemStatus != SystemStatus.Completed).ToList();
            if (next.Count == 0)
            {
                break;
            }

            at = next[random.Next(next.Count)].To;
            path.Add(at);
        }

        return path;
    }
}
