using Kefu.Core.Customers;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Data;

public sealed record DemoUser(string UserName, string Role, string Unit);

/// <summary>Demo organisation, one user of every role and generated customers (RUN-1, <c>kefu seed demo</c>).</summary>
public sealed class DemoData(KefuDb db, UserManager<User> users, TimeProvider time)
{
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
        new("portal", Roles.Customer, "SH"),
        new("assistant.gz", Roles.Assistant, "GZ"),
        new("technician.gz", Roles.Technician, "GZ-SVC"),
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
