using Kefu.Core.Classification;
using Kefu.Core.Contracts;
using Kefu.Core.Customers;
using Kefu.Core.Organization;
using Kefu.Core.Scheduling;
using Kefu.Core.Security;
using Kefu.Core.ServiceRequests;
using Kefu.Core.Sla;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Core.Data;

public sealed record DemoUser(string UserName, string Role, string Unit);

/// <summary>What <see cref="DemoData.AddActivityAsync"/> wrote.</summary>
public sealed record DemoActivity(int Requests, int Contracts, int Breaches, int PendingApprovals, int Notifications);

/// <summary>
/// Demo organisation, one user of every staff role and generated customers (RUN-1, <c>kefu seed demo</c>), and for the Development
/// demo the activity a newcomer explores (<see cref="AddActivityAsync"/>).
/// </summary>
public sealed class DemoData(KefuDb db, UserManager<User> users, TimeProvider time, IServiceProvider services)
{
    /// <summary>The demo story's random seed: the same run of <c>dotnet run</c> tells the same story.</summary>
    public const int Seed = 20_261_207;

    public const int BatchSize = 1000;

    private static readonly (string Code, string Name, OrgUnitKind Kind, string Parent, bool Logistics)[] Units =
    [
        ("EAST", "华东大区", OrgUnitKind.Region, "HQ", false),
        ("SOUTH", "华南大区", OrgUnitKind.Region, "HQ", false),
        ("EAST-LOG", "华东物流部", OrgUnitKind.ResponsibilityCentre, "EAST", true),
        ("SOUTH-LOG", "华南物流部", OrgUnitKind.ResponsibilityCentre, "SOUTH", true),
        ("SH", "上海责任中心", OrgUnitKind.ResponsibilityCentre, "EAST", false),
        ("HZ", "杭州责任中心", OrgUnitKind.ResponsibilityCentre, "EAST", false),
        ("GZ", "广州责任中心", OrgUnitKind.ResponsibilityCentre, "SOUTH", false),
        ("SZ", "深圳责任中心", OrgUnitKind.ResponsibilityCentre, "SOUTH", false),
        ("SH-INST", "上海安装工作中心", OrgUnitKind.WorkCentre, "SH", false),
        ("SH-REP", "上海维修工作中心", OrgUnitKind.WorkCentre, "SH", false),
        ("HZ-SVC", "杭州服务工作中心", OrgUnitKind.WorkCentre, "HZ", false),
        ("GZ-SVC", "广州服务工作中心", OrgUnitKind.WorkCentre, "GZ", false),
        ("SZ-SVC", "深圳服务工作中心", OrgUnitKind.WorkCentre, "SZ", false),
    ];

    public static readonly IReadOnlyList<DemoUser> Users =
    [
        new("assistant", Roles.Assistant, "SH"),
        new("technician", Roles.Technician, "SH-INST"),
        new("supervisor", Roles.Supervisor, "SH"),
        new("manager", Roles.AccountManager, "SH"),
        new("department", Roles.DepartmentStaff, "EAST-LOG"),
        new("assistant.gz", Roles.Assistant, "GZ"),
        new("technician.gz", Roles.Technician, "GZ-SVC"),
        new("supervisor.gz", Roles.Supervisor, "GZ"),
        new("department.gz", Roles.DepartmentStaff, "SOUTH-LOG"),
    ];

    /// <summary>The centres the demo story happens in (one per region) and the users who act there.</summary>
    private static readonly (string Centre, string Assistant, string Technician, string Supervisor, string Department)[] Teams =
    [
        ("SH", "assistant", "technician", "supervisor", "department"),
        ("GZ", "assistant.gz", "technician.gz", "supervisor.gz", "department.gz"),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "桂英", "建华", "晓东", "海燕"];
    private static readonly string[] Firms = ["美居", "华艺", "金帆", "锦绣", "宏达", "嘉禾", "恒信", "鑫源"];
    private static readonly string[] Streets = ["南京西路", "淮海中路", "延安东路", "文三路", "天河路", "深南大道", "解放路", "人民路", "中山北路"];
    private static readonly string[] Tags = ["老客户", "装修中", "potential", "高端", "价格敏感", "推荐人"];
    private static readonly (string Province, string City, string Unit, string[] Districts)[] Cities =
    [
        ("上海市", "上海市", "SH", ["徐汇区", "静安区", "浦东新区", "长宁区"]),
        ("浙江省", "杭州市", "HZ", ["西湖区", "拱墅区", "滨江区"]),
        ("广东省", "广州市", "GZ", ["天河区", "越秀区", "海珠区"]),
        ("广东省", "深圳市", "SZ", ["南山区", "福田区", "宝安区"]),
    ];

    public async Task<bool> HasOrganisationAsync(CancellationToken ct = default) => await db.OrgUnits.AnyAsync(u => u.Code == "EAST", ct);

    /// <summary>Creates the demo units and users if missing; users get <paramref name="password"/>.</summary>
    public async Task EnsureOrganisationAsync(string password, CancellationToken ct = default)
    {
        var byCode = await db.OrgUnits.ToDictionaryAsync(u => u.Code, ct);
        foreach (var (code, name, kind, parent, logistics) in Units.Where(u => !byCode.ContainsKey(u.Code)))
        {
            var unit = OrgUnit.Create(code, name, kind, byCode[parent].Id, logistics);
            db.OrgUnits.Add(unit);
            byCode[code] = unit;
        }

        await db.SaveChangesAsync(ct);
        foreach (var demo in Users)
        {
            if (await users.FindByNameAsync(demo.UserName) is not null)
            {
                continue;
            }

            var user = new User
            {
                UserName = demo.UserName,
                DisplayName = DisplayName(demo),
                Email = demo.UserName + "@demo.kefu.local",
                OrgUnitId = byCode[demo.Unit].Id,
                AccountManagerLevel = demo.Role == Roles.AccountManager ? AccountManagerLevel.Senior : null,
                CreatedAt = time.GetUtcNow().UtcDateTime,
                LockoutEnabled = true,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, demo.Role);
        }
    }

    /// <summary>Adds <paramref name="count"/> generated customers in batches; reports how many are done.</summary>
    public async Task AddCustomersAsync(int count, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKind.ResponsibilityCentre)
            .ToDictionaryAsync(u => u.Code, u => u.Id, ct);
        var managerId = await db.Users.Where(u => u.UserName == "manager").Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var random = new Random(count);
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            for (var done = 0; done < count; done += BatchSize)
            {
                var size = Math.Min(BatchSize, count - done);
                var numbers = await NumberRanges.TakeBlockAsync(db, NumberRanges.Customer, size, ct);
                var now = time.GetUtcNow().UtcDateTime;
                var added = numbers.Select(number => Customer.Create(number, Generate(random, units, managerId), now)).ToList();
                db.Customers.AddRange(added);
                await db.SaveChangesAsync(ct);
                await Transactions.DemoTransactions.AddAsync(db, added.ConvertAll(c => c.Id), new Random(count + done), now, ct);
                db.ChangeTracker.Clear();
                progress?.Report(done + size);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>
    /// Adds <paramref name="count"/> requests over the existing customers in bulk (<see cref="DemoRequestVolume"/>), for benchmarks;
    /// reports how many are done.
    /// </summary>
    public Task<int> AddRequestsAsync(int count, IProgress<int>? progress = null, CancellationToken ct = default) =>
        ActivatorUtilities.CreateInstance<DemoRequestVolume>(services, db).AddAsync(count, progress, ct);

    /// <summary>
    /// The activity of the demo, written through the capabilities' own use cases with a clock set back to when each step happened
    /// (<see cref="DemoClock"/>): a classification run a month ago; maintenance contracts with covered objects, meter readings and
    /// preventive schedules; in both regions a request in every user status of every type (<see cref="DemoRequests"/>) with
    /// emergencies, pending approvals and the coming week's assigned field work; then, at the real time, a second classification run
    /// and the preventive-maintenance, contract-expiry and SLA scan jobs, which create the due maintenance requests, the expiry
    /// reminders and the breaches with their notifications. Needs the organisation, its users and customers.
    /// </summary>
    public async Task<DemoActivity> AddActivityAsync(CancellationToken ct = default)
    {
        services.GetRequiredService<JobActor>().ActAs("demo");
        var clock = new DemoClock(time, services.GetRequiredService<Common.BusinessDate>().Zone);
        var random = new Random(Seed);
        var teams = new List<DemoTeam>();
        foreach (var t in Teams)
        {
            teams.Add(await TeamAsync(t.Centre, t.Assistant, t.Technician, t.Supervisor, t.Department, ct));
        }

        clock.Set(clock.RealNow.AddDays(-35));
        await Make<ClassificationRuns>(clock).RunNowAsync(RunTrigger.Api, null, "demo", null, ct);

        var contracts = new DemoContracts(Make<ContractService>(clock), clock);
        var contractCount = 0;
        foreach (var team in teams)
        {
            contractCount += await contracts.AddAsync(team, random, ct);
        }

        var notifications = Make<Notifications.NotificationService>(clock);
        var levels = Make<ServiceLevelService>(clock);
        var sla = Make<SlaService>(levels, clock);
        var requests = Make<ServiceRequestService>(Make<RequestMail>(notifications), sla, clock);
        var stories = new DemoRequests(db, clock, requests, Make<RequestApprovals>(requests, sla, clock));
        // One transaction for all the stories: hundreds of small commits would each wait for the disk.
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var team in teams)
            {
                await stories.AddAsync(team, random, ct);
            }

            await tx.CommitAsync(ct);
        }

        clock.Reset();
        db.ChangeTracker.Clear();
        await services.GetRequiredService<ClassificationRuns>().RunNowAsync(RunTrigger.Api, null, "demo", null, ct);
        var runner = services.GetRequiredService<JobRunner>();
        foreach (var job in new[] { "preventive-maintenance", "contract-expiry", "sla-scan" })
        {
            var firing = new JobFiring("demo-" + Guid.CreateVersion7().ToString("N"), time.GetUtcNow().UtcDateTime, "demo", false);
            var run = await runner.RunAsync(job, firing, ct);
            if (run is { Outcome: JobRunOutcome.Failed })
            {
                throw new InvalidOperationException($"Demo job {job} failed: {run.Message}");
            }
        }

        return new DemoActivity(
            await db.ServiceRequests.CountAsync(ct),
            contractCount,
            await db.Set<SlaBreach>().CountAsync(ct),
            await db.ServiceRequests.CountAsync(r => r.ApprovalState == ApprovalState.Pending, ct),
            await db.Notifications.CountAsync(ct));
    }

    /// <summary>
    /// A service built for the demo: the given instances (and the demo clock as its <see cref="TimeProvider"/> and business date)
    /// where its constructor takes them, everything else from the container.
    /// </summary>
    private T Make<T>(params object[] given)
    {
        var parameters = typeof(T).GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters();
        var clock = given.OfType<DemoClock>().FirstOrDefault();
        var args = given.Concat(clock is null ? [] : new object[] { clock.Dates })
            .Where(g => parameters.Any(p => p.ParameterType.IsInstanceOfType(g)))
            .ToArray();
        return ActivatorUtilities.CreateInstance<T>(services, args);
    }

    private async Task<DemoTeam> TeamAsync(string centre, string assistant, string technician, string supervisor, string department, CancellationToken ct)
    {
        var unitId = await db.OrgUnits.Where(u => u.Code == centre).Select(u => u.Id).FirstAsync(ct);
        var names = new[] { assistant, technician, supervisor, department };
        var people = await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!))
            .Select(u => new { u.Id, u.UserName, u.OrgUnitId }).ToListAsync(ct);
        Caller As(string name)
        {
            var user = people.First(p => p.UserName == name);
            var role = Users.First(d => d.UserName == name).Role;
            return new Caller(user.Id, name, new HashSet<string>(StringComparer.Ordinal) { role }, user.OrgUnitId);
        }

        var customers = await db.Customers.AsNoTracking().Where(c => c.OrgUnitId == unitId).OrderBy(c => c.Number)
            .Select(c => new { c.Id, c.Kind }).ToListAsync(ct);
        var tech = As(technician);
        return new DemoTeam(
            centre, unitId, tech.OrgUnitId, As(assistant), tech, As(supervisor), As(department),
            customers.ConvertAll(c => c.Id), customers.Where(c => c.Kind == CustomerKind.Organization).Select(c => c.Id).ToList());
    }

    private static ValidCustomer Generate(Random r, Dictionary<string, Guid> units, Guid? managerId)
    {
        var (province, city, unit, districts) = Cities[r.Next(Cities.Length)];
        var isOrg = r.Next(5) == 0;
        var person = Surnames[r.Next(Surnames.Length)] + Given[r.Next(Given.Length)];
        var name = isOrg ? city[..2] + Firms[r.Next(Firms.Length)] + "家居有限公司" : person;
        var phone = $"1{r.Next(3, 10)}{r.Next(0, 10)}{r.Next(10_000_000, 100_000_000)}";
        var contacts = new List<ValidContact> { new(null, person, phone, r.Next(3) == 0 ? $"c{r.Next(1_000_000)}@example.cn" : null, r.Next(2) == 0 ? "wx_" + phone[^6..] : null, isOrg) };
        var address = new ValidAddress(null, "家", province, city, districts[r.Next(districts.Length)], $"{Streets[r.Next(Streets.Length)]}{r.Next(1, 999)}号", null, true);
        var dates = r.Next(2) == 0 ? new List<ValidKeyDate> { new(null, KeyDateKind.Birthday, new DateOnly(r.Next(1955, 2000), r.Next(1, 13), r.Next(1, 29)), null) } : [];
        var tags = r.Next(3) == 0 ? new List<string> { Tags[r.Next(Tags.Length)] } : [];
        var nature = isOrg ? (r.Next(2) == 0 ? CustomerNature.Merchant : CustomerNature.Distributor) : CustomerNature.Retail;
        return new ValidCustomer(
            isOrg ? CustomerKind.Organization : CustomerKind.Person, name, nature, units[unit],
            unit == "SH" && r.Next(3) == 0 ? managerId : null, null, r.Next(2) == 0 ? "phone" : "store", null,
            tags, contacts, [address], dates, new CustomerPreferences { PreferredContactTime = r.Next(2) == 0 ? "工作日晚上" : null });
    }

    private static string DisplayName(DemoUser u) => u.Role switch
    {
        Roles.Assistant => "服务助理 " + u.UserName,
        Roles.Technician => "服务人员 " + u.UserName,
        Roles.Supervisor => "主管 " + u.UserName,
        Roles.AccountManager => "客户经理 " + u.UserName,
        Roles.DepartmentStaff => "物流部 " + u.UserName,
        _ => "客户 " + u.UserName,
    };
}
