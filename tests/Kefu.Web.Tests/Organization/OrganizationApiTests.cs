using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Organization;

public abstract class OrganizationApiTests(KefuApp app)
{
    [Fact]
    public async Task Create_UnitUnderWrongKindOfParent_Returns400OnParent()
    {
        using var admin = await app.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/org-units", new { code = "BAD-WC", name = "错误", kind = "work-centre", parentId = app.Org.Region });
        await Api.AssertFieldErrorAsync(response, "parentId");
    }

    [Fact]
    public async Task Create_DuplicateCode_Returns400OnCode()
    {
        using var admin = await app.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/org-units", new { code = "RC-A", name = "重复", kind = "responsibility-centre", parentId = app.Org.Region });
        await Api.AssertFieldErrorAsync(response, "code");
    }

    [Fact]
    public async Task NonAdministrator_CannotCreateUnits()
    {
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        var response = await supervisor.PostAsJsonAsync("/api/v1/org-units", new { code = "X1", name = "x", kind = "region", parentId = app.Org.Company });
        await Api.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Rename_WithVersion_ThenStaleVersion_Returns409()
    {
        using var admin = await app.AdminAsync();
        var id = await TestOrg.UnitAsync(admin, "WC-TMP-" + Guid.NewGuid().ToString("N")[..4], "临时", "work-centre", app.Org.RcB);
        var renamed = await Api.JsonAsync(
            await admin.PutAsJsonAsync($"/api/v1/org-units/{id}", new { code = "WC-REN-" + Guid.NewGuid().ToString("N")[..4], name = "改名", version = 0 }),
            HttpStatusCode.OK);
        Assert.Equal(1, renamed["version"]!.GetValue<int>());
        await Api.AssertProblemAsync(
            await admin.PutAsJsonAsync($"/api/v1/org-units/{id}", new { code = "WC-OLD-" + Guid.NewGuid().ToString("N")[..4], name = "旧", version = 0 }),
            HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Delete_UnitInUse_Returns409_EmptyUnit_Returns204()
    {
        using var admin = await app.AdminAsync();
        await Api.AssertProblemAsync(await admin.DeleteAsync($"/api/v1/org-units/{app.Org.RcA}?version=0"), HttpStatusCode.Conflict);
        var id = await TestOrg.UnitAsync(admin, "WC-DEL-" + Guid.NewGuid().ToString("N")[..4], "待删除", "work-centre", app.Org.RcB);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/org-units/{id}?version=0")).StatusCode);
    }

    [Fact]
    public async Task List_ForAssistant_ShowsOwnUnitsAndParentsOnly()
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantB);
        var units = await assistant.GetFromJsonAsync<JsonArray>("/api/v1/org-units");
        var ids = units!.Select(u => Guid.Parse(u!["id"]!.GetValue<string>())).ToList();
        Assert.Contains(app.Org.RcB, ids);
        Assert.Contains(app.Org.Region, ids);
        Assert.Contains(app.Org.Company, ids);
        Assert.DoesNotContain(app.Org.RcA, ids);
        Assert.DoesNotContain(app.Org.WcA, ids);
    }
}

public sealed class OrganizationApiSqliteTests(SqliteApp app) : OrganizationApiTests(app), IClassFixture<SqliteApp>;

public sealed class OrganizationApiPostgresTests(PostgresApp app) : OrganizationApiTests(app), IClassFixture<PostgresApp>;

public abstract class UsersApiTests(KefuApp app)
{
    [Fact]
    public async Task Create_User_CanThenGetAToken()
    {
        using var admin = await app.AdminAsync();
        var name = "tech." + Guid.NewGuid().ToString("N")[..6];
        var id = await TestOrg.UserAsync(admin, name, ["technician"], app.Org.WcA);
        var user = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/users/{id}");
        Assert.Equal(["technician"], user!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        using var client = await app.ClientForAsync(name);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/customers")).StatusCode);
    }

    [Theory]
    [InlineData("roles")]
    [InlineData("password")]
    [InlineData("userName")]
    [InlineData("accountManagerLevel")]
    [InlineData("orgUnitId")]
    public async Task Create_InvalidUser_Returns400NamingField(string field)
    {
        using var admin = await app.AdminAsync();
        var body = new JsonObject
        {
            ["userName"] = field == "userName" ? TestOrg.AssistantA : "u." + Guid.NewGuid().ToString("N")[..6],
            ["password"] = field == "password" ? "short" : KefuApp.UserPassword,
            ["roles"] = field switch { "roles" => new JsonArray("wizard"), "accountManagerLevel" => new JsonArray("account-manager"), _ => new JsonArray("assistant") },
            ["orgUnitId"] = field == "orgUnitId" ? null : app.Org.RcA.ToString(),
        };
        await Api.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/users", body), field);
    }

    [Fact]
    public async Task NonAdministrator_CannotCreateUsers()
    {
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        var response = await supervisor.PostAsJsonAsync("/api/v1/users", new { userName = "x" + Guid.NewGuid().ToString("N")[..5], password = KefuApp.UserPassword, roles = new[] { "administrator" } });
        await Api.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Update_ChangesRolesAndUnit_StaleStampReturns409()
    {
        using var admin = await app.AdminAsync();
        var id = await TestOrg.UserAsync(admin, "mv." + Guid.NewGuid().ToString("N")[..6], ["assistant"], app.Org.RcA);
        var user = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/users/{id}");
        var stamp = user!["version"]!.GetValue<string>();
        var update = new { version = stamp, user = new { displayName = "调岗", roles = new[] { "supervisor" }, orgUnitId = app.Org.RcB, isActive = true } };
        var updated = await Api.JsonAsync(await admin.PutAsJsonAsync($"/api/v1/users/{id}", update), HttpStatusCode.OK);
        Assert.Equal(["supervisor"], updated["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(app.Org.RcB.ToString(), updated["orgUnitId"]!.GetValue<string>());
        await Api.AssertProblemAsync(await admin.PutAsJsonAsync($"/api/v1/users/{id}", update), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task List_ForAssistant_ShowsOnlyUsersOfOwnUnits()
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantB);
        var users = await assistant.GetFromJsonAsync<JsonArray>("/api/v1/users");
        var names = users!.Select(u => u!["userName"]!.GetValue<string>()).ToList();
        Assert.Contains(TestOrg.AssistantB, names);
        Assert.DoesNotContain(TestOrg.AssistantA, names);
    }

    [Fact]
    public async Task InactiveUser_CannotGetAToken()
    {
        using var admin = await app.AdminAsync();
        var name = "gone." + Guid.NewGuid().ToString("N")[..6];
        var id = await TestOrg.UserAsync(admin, name, ["assistant"], app.Org.RcA);
        var stamp = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/users/{id}"))!["version"]!.GetValue<string>();
        await Api.JsonAsync(
            await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { version = stamp, user = new { roles = new[] { "assistant" }, orgUnitId = app.Org.RcA, isActive = false } }),
            HttpStatusCode.OK);
        using var anon = app.CreateClient();
        await Api.AssertProblemAsync(
            await anon.PostAsJsonAsync("/api/v1/auth/token", new { userName = name, password = KefuApp.UserPassword }), HttpStatusCode.Unauthorized);
    }
}

public sealed class UsersApiSqliteTests(SqliteApp app) : UsersApiTests(app), IClassFixture<SqliteApp>;

public sealed class UsersApiPostgresTests(PostgresApp app) : UsersApiTests(app), IClassFixture<PostgresApp>;
