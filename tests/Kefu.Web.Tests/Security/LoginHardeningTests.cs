using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Kefu.Web.Tests.Security;

/// <summary>
/// Issue 19 points 7 and 8: failed sign-ins are throttled per (user, address) — an attacker cannot lock a user out of
/// another address —, unknown user names cost a password-hash verification like known ones, and every security event
/// is logged with the client address.
/// </summary>
public abstract class LoginHardeningTests(SecurityApp app, ITestOutputHelper output)
{
    private static string NewAddress() => $"10.4.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";

    private async Task<string> UserAsync(string role)
    {
        using var admin = await app.AdminAsync();
        var name = "login." + Guid.NewGuid().ToString("N")[..8];
        await TestOrg.UserAsync(admin, name, [role], app.Org.RcA);
        return name;
    }

    private Task<HttpResponseMessage> TokenAsync(string address, string userName, string password)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(SecurityApp.AddressHeader, address);
        return client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
    }

    [Fact]
    public async Task WrongPasswords_FromOneAddress_DoNotLockTheUserOutOfAnother()
    {
        var name = await UserAsync("administrator");
        var attacker = NewAddress();
        var user = NewAddress();
        for (var i = 0; i < 8; i++)
        {
            await TokenAsync(attacker, name, "wrong-password");
        }

        var blocked = await Api.JsonAsync(await TokenAsync(attacker, name, KefuApp.UserPassword), HttpStatusCode.Unauthorized);
        Assert.Equal("Login.LockedOut", blocked["code"]!.GetValue<string>());

        // The real user, elsewhere, signs in at once: on the token endpoint and on the login page.
        await Api.JsonAsync(await TokenAsync(user, name, KefuApp.UserPassword), HttpStatusCode.OK);
        using var browser = await CookieSession.LoginAsync(app, name, KefuApp.UserPassword, user);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/users")).StatusCode);

        var logged = app.Log.From(attacker);
        Assert.Equal(5, logged.Count(e => e["SecurityEvent"] == "login.failed" && e["UserName"] == name));
        Assert.Equal(4, logged.Count(e => e["SecurityEvent"] == "login.throttled" && e["UserName"] == name));
        Assert.Empty(app.Log.From(user, "login.failed"));
    }

    [Fact]
    public async Task Throttle_BacksOffExponentially_AndASuccessClearsIt()
    {
        var name = await UserAsync("assistant");
        var from = NewAddress();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                await Api.AssertProblemAsync(await TokenAsync(from, name, "wrong-password"), HttpStatusCode.Unauthorized);
            }

            // Five free attempts, then 30 s; after the wait one more failure doubles it to 60 s.
            Assert.Equal("Login.LockedOut", (await Api.JsonAsync(await TokenAsync(from, name, KefuApp.UserPassword), HttpStatusCode.Unauthorized))["code"]!.GetValue<string>());
            app.Clock.Advance(TimeSpan.FromSeconds(31));
            Assert.Equal("Login.Invalid", (await Api.JsonAsync(await TokenAsync(from, name, "wrong-password"), HttpStatusCode.Unauthorized))["code"]!.GetValue<string>());
            app.Clock.Advance(TimeSpan.FromSeconds(31));
            Assert.Equal("Login.LockedOut", (await Api.JsonAsync(await TokenAsync(from, name, KefuApp.UserPassword), HttpStatusCode.Unauthorized))["code"]!.GetValue<string>());
            app.Clock.Advance(TimeSpan.FromSeconds(30));
            await Api.JsonAsync(await TokenAsync(from, name, KefuApp.UserPassword), HttpStatusCode.OK);

            // The success cleared the count: one wrong password is an ordinary failure again.
            Assert.Equal("Login.Invalid", (await Api.JsonAsync(await TokenAsync(from, name, "wrong-password"), HttpStatusCode.Unauthorized))["code"]!.GetValue<string>());
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task UnknownUser_IsThrottledLikeAKnownOne()
    {
        var from = NewAddress();
        for (var i = 0; i < 5; i++)
        {
            await TokenAsync(from, "nobody." + from, "wrong-password");
        }

        Assert.Equal("Login.LockedOut", (await Api.JsonAsync(await TokenAsync(from, "nobody." + from, "x"), HttpStatusCode.Unauthorized))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task LoginPage_Throttled_ShowsTheMessage()
    {
        var name = await UserAsync("assistant");
        using var attacker = CookieSession.Anonymous(app, NewAddress());
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await attacker.PostLoginAsync(name, "wrong-password")).StatusCode);
        }

        var page = await attacker.PostLoginAsync(name, KefuApp.UserPassword);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("此地址登录失败次数过多", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(attacker.Cookies.ContainsKey("kefu.auth"));
    }

    [Fact]
    public async Task UnknownUser_VerifiesAPasswordHashLikeAKnownUser()
    {
        var name = await UserAsync("assistant");
        var from = NewAddress();

        async Task<int> HashChecksOf(Func<Task> attempt)
        {
            var before = app.HashChecks.Value;
            await attempt();
            return app.HashChecks.Value - before;
        }

        Assert.Equal(1, await HashChecksOf(async () => await TokenAsync(from, name, "wrong-password")));
        Assert.Equal(1, await HashChecksOf(async () => await TokenAsync(from, "no.such." + from, "wrong-password")));
        using var browser = CookieSession.Anonymous(app, NewAddress());
        Assert.Equal(1, await HashChecksOf(async () => await browser.PostLoginAsync(name, "wrong-password")));
        Assert.Equal(1, await HashChecksOf(async () => await browser.PostLoginAsync("no.such.user", "wrong-password")));

        // The figure behind it (printed, not asserted: the machine is shared): median time of each path.
        async Task<double> MedianMs(string userName)
        {
            var times = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var watch = Stopwatch.StartNew();
                await TokenAsync(NewAddress(), userName, "wrong-password");
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            return times.Order().ElementAt(2);
        }

        var known = await MedianMs(name);
        var unknown = await MedianMs("no.such.user");
        output.WriteLine($"token endpoint, wrong password: existing user {known:F1} ms, unknown user {unknown:F1} ms (median of 5)");
    }

    [Fact]
    public async Task SecurityEvents_AreLoggedWithTheClientAddress()
    {
        var name = await UserAsync("assistant");
        var from = NewAddress();
        await TokenAsync(from, name, "wrong-password");
        var issued = await Api.JsonAsync(await TokenAsync(from, name, KefuApp.UserPassword), HttpStatusCode.OK);
        using (var bad = app.CreateClient())
        {
            bad.DefaultRequestHeaders.Add(SecurityApp.AddressHeader, from);
            bad.DefaultRequestHeaders.Authorization = new("Bearer", "kefu_not-a-token");
            await Api.AssertProblemAsync(await bad.GetAsync("/api/v1/customers"), HttpStatusCode.Unauthorized);
        }

        using (var bearer = app.CreateClient())
        {
            bearer.DefaultRequestHeaders.Add(SecurityApp.AddressHeader, from);
            bearer.DefaultRequestHeaders.Authorization = new("Bearer", issued["token"]!.GetValue<string>());
            await Api.AssertProblemAsync(await bearer.GetAsync("/api/v1/jobs"), HttpStatusCode.Forbidden);
            await Api.AssertProblemAsync(
                await bearer.PostAsJsonAsync("/api/v1/users", new { userName = "x" + from, password = KefuApp.UserPassword, roles = new[] { "administrator" } }),
                HttpStatusCode.Forbidden);
        }

        using var browser = await CookieSession.LoginAsync(app, name, KefuApp.UserPassword, from);
        var denied = await browser.GetAsync("/Users");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        await browser.LogoutAsync();

        var events = app.Log.From(from);
        void Has(string securityEvent, Func<LogEntry, bool>? also = null) =>
            Assert.True(
                events.Any(e => e["SecurityEvent"] == securityEvent && (also is null || also(e))),
                $"no {securityEvent} from {from}; got: {string.Join(" | ", events.Select(e => e.Message))}");
        Has("login.failed", e => e["UserName"] == name && e["Reason"] == "wrong password" && e["Channel"] == "token endpoint");
        Has("login.succeeded", e => e["UserName"] == name && e["Channel"] == "token endpoint");
        Has("login.succeeded", e => e["UserName"] == name && e["Channel"] == "login page");
        Has("token.issued", e => e["UserName"] == name && e["TokenId"] == issued["id"]!.GetValue<string>());
        Has("token.refused", e => e["Path"] == "/api/v1/customers");
        Has("access.denied", e => e["UserName"] == name && e["Path"] == "/api/v1/jobs");
        Has("access.denied", e => e["UserName"] == name && e["Path"] == "/api/v1/users" && e["Method"] == "POST");
        Has("access.denied", e => e["UserName"] == name && e["Path"] == "/Users");
        Has("logout", e => e["UserName"] == name);
        Assert.All(events, e => Assert.True(e.Level >= Microsoft.Extensions.Logging.LogLevel.Information));
        Assert.DoesNotContain(events, e => e.Message.Contains(KefuApp.UserPassword, StringComparison.Ordinal));
    }
}

public sealed class LoginHardeningSqliteTests(SecuritySqliteApp app, ITestOutputHelper output) : LoginHardeningTests(app, output), IClassFixture<SecuritySqliteApp>;

public sealed class LoginHardeningPostgresTests(SecurityPostgresApp app, ITestOutputHelper output) : LoginHardeningTests(app, output), IClassFixture<SecurityPostgresApp>;
