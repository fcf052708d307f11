using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Security;

public abstract class AuthApiTests(KefuApp app)
{
    [Fact]
    public async Task Token_WrongPassword_Returns401()
    {
        using var anon = app.CreateClient();
        var response = await anon.PostAsJsonAsync("/api/v1/auth/token", new { userName = TestOrg.AssistantA, password = "wrong-password" });
        await Api.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_MissingFields_Returns400()
    {
        using var anon = app.CreateClient();
        await Api.AssertFieldErrorAsync(await anon.PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin" }), "password");
    }

    [Fact]
    public async Task Token_Revoked_StopsWorkingAtOnce()
    {
        using var anon = app.CreateClient();
        var issued = await Api.JsonAsync(
            await anon.PostAsJsonAsync("/api/v1/auth/token", new { userName = TestOrg.AssistantA, password = KefuApp.UserPassword, name = "script" }),
            HttpStatusCode.OK);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/customers")).StatusCode);
        var mine = await client.GetFromJsonAsync<JsonArray>("/api/v1/auth/tokens");
        Assert.Contains(mine!, t => t!["name"]!.GetValue<string>() == "script");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/auth/tokens/{issued["id"]}")).StatusCode);

        await Api.AssertProblemAsync(await client.GetAsync("/api/v1/customers"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_OfAnotherUser_CannotBeRevoked()
    {
        using var anon = app.CreateClient();
        var issued = await Api.JsonAsync(
            await anon.PostAsJsonAsync("/api/v1/auth/token", new { userName = TestOrg.AssistantB, password = KefuApp.UserPassword }), HttpStatusCode.OK);
        using var other = await app.ClientForAsync(TestOrg.AssistantA);
        await Api.AssertProblemAsync(await other.DeleteAsync($"/api/v1/auth/tokens/{issued["id"]}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RepeatedWrongPasswords_LockTheAccount()
    {
        using var admin = await app.AdminAsync();
        var name = "lock." + Guid.NewGuid().ToString("N")[..6];
        await TestOrg.UserAsync(admin, name, ["assistant"], app.Org.RcA);
        using var anon = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await anon.PostAsJsonAsync("/api/v1/auth/token", new { userName = name, password = "wrong-password" });
        }

        var response = await anon.PostAsJsonAsync("/api/v1/auth/token", new { userName = name, password = KefuApp.UserPassword });
        var problem = await Api.JsonAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Login.LockedOut", problem["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_ChecksTheDatabase()
    {
        using var anon = app.CreateClient();
        var response = await anon.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_DocumentListsTheApiAndReferencePageIsServed()
    {
        using var anon = app.CreateClient();
        var doc = await anon.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = doc!["paths"]!.AsObject();
        foreach (var path in new[] { "/api/v1/customers", "/api/v1/customers/{id}", "/api/v1/org-units", "/api/v1/users", "/api/v1/auth/token" })
        {
            Assert.True(paths.ContainsKey(path), path);
        }

        var page = await anon.GetAsync("/api-docs/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_HasNoPendingChangesForThisProvider()
    {
        Assert.False(await app.HasPendingModelChangesAsync(), $"{app.Provider}: run dotnet ef migrations add for this provider");
    }

    [Fact]
    public async Task Startup_CreatedTheAdministratorOnce()
    {
        var admins = await app.WithDbAsync(async db =>
        {
            var role = db.Roles.Single(r => r.Name == "administrator");
            return await Task.FromResult(db.UserRoles.Count(ur => ur.RoleId == role.Id));
        });
        Assert.Equal(1, admins);
    }
}

public sealed class AuthApiSqliteTests(SqliteApp app) : AuthApiTests(app), IClassFixture<SqliteApp>;

public sealed class AuthApiPostgresTests(PostgresApp app) : AuthApiTests(app), IClassFixture<PostgresApp>;

/// <summary>An app that allows only three login attempts a minute per address.</summary>
public sealed class RateLimitedApp : KefuApp
{
    public RateLimitedApp()
        : base(Kefu.Core.Data.DatabaseProvider.Sqlite)
    {
    }

    protected override int LoginAttemptsPerMinute => 8;
}

public sealed class LoginRateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task TokenEndpoint_TooManyAttempts_Returns429()
    {
        using var anon = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await anon.PostAsJsonAsync("/api/v1/auth/token", new { userName = "nobody", password = "x" })).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }
}
