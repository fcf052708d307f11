using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Security;

/// <summary>
/// Issue 19 point 2: a login cookie dies with its session. After logout, deactivation, a role change (demotion) or a
/// password change, the cookie kept from before is replayed: the API answers 401 and pages send it to the login page.
/// </summary>
public abstract class SessionEndTests(SecurityApp app)
{
    private static string NewAddress() => $"10.2.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";

    private async Task<(Guid Id, string Name)> UserAsync(string[] roles)
    {
        using var admin = await app.AdminAsync();
        var name = "sess." + Guid.NewGuid().ToString("N")[..8];
        var id = await TestOrg.UserAsync(admin, name, roles, app.Org.RcA);
        return (id, name);
    }

    private async Task ChangeUserAsync(Guid id, Func<JsonObject, JsonObject> change)
    {
        using var admin = await app.AdminAsync();
        await TestOrg.ChangeUserAsync(admin, id, change);
    }

    private static async Task AssertSessionEndedAsync(CookieSession replayed)
    {
        await Api.AssertProblemAsync(await replayed.GetAsync("/api/v1/customers"), HttpStatusCode.Unauthorized);
        var page = await replayed.GetAsync("/Customers");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/Login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_ReplayedCookie_IsRefused()
    {
        var (_, name) = await UserAsync(["assistant"]);
        using var browser = await CookieSession.LoginAsync(app, name, KefuApp.UserPassword, NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/customers")).StatusCode);
        using var kept = browser.Copy(app);

        await browser.LogoutAsync();

        await AssertSessionEndedAsync(kept);
        Assert.NotEmpty(app.Log.From(kept.Address, "session.refused"));
    }

    [Fact]
    public async Task Deactivation_ReplayedCookie_IsRefused()
    {
        var (id, name) = await UserAsync(["assistant"]);
        using var browser = await CookieSession.LoginAsync(app, name, KefuApp.UserPassword, NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/customers")).StatusCode);

        await ChangeUserAsync(id, u => { u["isActive"] = false; return u; });

        await AssertSessionEndedAsync(browser);
    }

    [Fact]
    public async Task Demotion_OldAdministratorCookie_CannotCreateAdministrators()
    {
        var (id, name) = await UserAsync(["administrator"]);
        using var browser = await CookieSession.LoginAsync(app, name, KefuApp.UserPassword, NewAddress());
        var token = await browser.AntiforgeryTokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/users")).StatusCode);

        await ChangeUserAsync(id, u => { u["roles"] = new JsonArray("assistant"); return u; });

        var newAdmin = "evil." + Guid.NewGuid().ToString("N")[..6];
        var response = await browser.PostJsonAsync(
            "/api/v1/users",
            new { userName = newAdmin, displayName = newAdmin, password = KefuApp.UserPassword, roles = new[] { "administrator" } },
            token);
        await Api.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.Users.Count(u => u.UserName == newAdmin))));
        await AssertSessionEndedAsync(browser);

        // Signing in again gives a cookie with the new role only.
        using var again = await CookieSession.LoginAsync(app, name, KefuApp.UserPassword, browser.Address);
        await Api.AssertProblemAsync(
            await again.PostJsonAsync("/api/v1/users", new { userName = newAdmin, password = KefuApp.UserPassword, roles = new[] { "administrator" } }, await again.AntiforgeryTokenAsync()),
            HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PasswordChange_ReplayedCookie_IsRefused()
    {
        var (id, name) = await UserAsync(["assistant"]);
        using var browser = await CookieSession.LoginAsync(app, name, KefuApp.UserPassword, NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/customers")).StatusCode);

        await ChangeUserAsync(id, u => { u["password"] = "Brand-New-Pass-9"; return u; });

        await AssertSessionEndedAsync(browser);
        using var again = await CookieSession.LoginAsync(app, name, "Brand-New-Pass-9", browser.Address);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/customers")).StatusCode);
    }

    [Fact]
    public async Task UnrelatedEdit_KeepsTheSession()
    {
        var (id, name) = await UserAsync(["assistant"]);
        using var browser = await CookieSession.LoginAsync(app, name, KefuApp.UserPassword, NewAddress());

        await ChangeUserAsync(id, u => { u["displayName"] = "新名字"; return u; });

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Customers")).StatusCode);
    }
}

public sealed class SessionEndSqliteTests(SecuritySqliteApp app) : SessionEndTests(app), IClassFixture<SecuritySqliteApp>;

public sealed class SessionEndPostgresTests(SecurityPostgresApp app) : SessionEndTests(app), IClassFixture<SecurityPostgresApp>;
