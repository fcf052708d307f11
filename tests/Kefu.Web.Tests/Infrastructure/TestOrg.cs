using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Kefu.Web.Tests.Infrastructure;

/// <summary>
/// The test organisation: HQ → region R1 → responsibility centres RC-A and RC-B, work centres WC-A and
/// work centre WC-A2 under RC-A and WC-B under RC-B; users of several roles in RC-A and one assistant in RC-B. Created through the API as administrator.
/// </summary>
public sealed record TestOrg(Guid Company, Guid Region, Guid RcA, Guid RcB, Guid WcA, Guid ManagerA, Guid WcA2, Guid WcB, Guid Logistics)
{
    public const string LogisticsUser = "logistics.r1";
    public const string TechnicianA2 = "technician.a2";
    public const string DepartmentA = "department.a";
    public const string AssistantA = "assistant.a";
    public const string AssistantB = "assistant.b";
    public const string TechnicianA = "technician.a";
    public const string SupervisorA = "supervisor.a";
    public const string ManagerAName = "manager.a";

    public static async Task<TestOrg> CreateAsync(HttpClient admin)
    {
        var units = await admin.GetFromJsonAsync<JsonArray>("/api/v1/org-units");
        var company = Guid.Parse(units!.Single(u => u!["kind"]!.GetValue<string>() == "company")!["id"]!.GetValue<string>());
        var region = await UnitAsync(admin, "R1", "华东大区", "region", company);
        var rcA = await UnitAsync(admin, "RC-A", "上海责任中心", "responsibility-centre", region);
        var rcB = await UnitAsync(admin, "RC-B", "杭州责任中心", "responsibility-centre", region);
        var wcA = await UnitAsync(admin, "WC-A", "上海安装工作中心", "work-centre", rcA);
        var wcA2 = await UnitAsync(admin, "WC-A2", "上海维修工作中心", "work-centre", rcA);
        var wcB = await UnitAsync(admin, "WC-B", "杭州服务工作中心", "work-centre", rcB);
        await UserAsync(admin, TechnicianA2, ["technician"], wcA2);
        await UserAsync(admin, DepartmentA, ["department-staff"], rcA);
        var logistics = await Api.IdOfAsync(await admin.PostAsJsonAsync(
            "/api/v1/org-units", new { code = "LOG-R1", name = "华东物流部", kind = "responsibility-centre", parentId = region, isLogistics = true }));
        await UserAsync(admin, LogisticsUser, ["department-staff"], logistics);
        await UserAsync(admin, AssistantA, ["assistant"], rcA);
        await UserAsync(admin, AssistantB, ["assistant"], rcB);
        await UserAsync(admin, TechnicianA, ["technician"], wcA);
        await UserAsync(admin, SupervisorA, ["supervisor"], rcA);
        var manager = await UserAsync(admin, ManagerAName, ["account-manager"], rcA, "senior");
        return new TestOrg(company, region, rcA, rcB, wcA, manager, wcA2, wcB, logistics);
    }

    public static async Task<Guid> UnitAsync(HttpClient admin, string code, string name, string kind, Guid parent)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/org-units", new { code, name, kind, parentId = parent });
        return await Api.IdOfAsync(response);
    }

    public static async Task<Guid> UserAsync(HttpClient admin, string userName, string[] roles, Guid unit, string? level = null)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName,
            displayName = userName,
            email = userName + "@test.kefu.local",
            password = KefuApp.UserPassword,
            roles,
            orgUnitId = unit,
            accountManagerLevel = level,
        });
        return await Api.IdOfAsync(response);
    }

    /// <summary>Edits a user as an administrator would on the edit page: the current fields, changed by <paramref name="change"/>.</summary>
    public static async Task ChangeUserAsync(HttpClient admin, Guid id, Func<JsonObject, JsonObject> change)
    {
        var user = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/users/{id}"))!;
        var input = new JsonObject
        {
            ["displayName"] = user["displayName"]!.GetValue<string>(),
            ["email"] = user["email"]?.GetValue<string>(),
            ["roles"] = user["roles"]!.DeepClone(),
            ["orgUnitId"] = user["orgUnitId"]!.GetValue<string>(),
            ["isActive"] = user["isActive"]!.GetValue<bool>(),
        };
        var response = await admin.PutAsJsonAsync($"/api/v1/users/{id}", new JsonObject { ["version"] = user["version"]!.GetValue<string>(), ["user"] = change(input) });
        await Api.JsonAsync(response, System.Net.HttpStatusCode.OK);
    }
}
