using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Kefu.Core.Customers;
using Kefu.Core.Notifications;
using Kefu.Core.Scheduling;
using Kefu.Core.ServiceRequests;
using Kefu.Core.Transactions;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Tests.Security;

/// <summary>
/// Issue 19 point 3: an API write authenticated by the login cookie needs the antiforgery token, whatever content type
/// a foreign page could send (multipart, text/plain, no body). Without it: 400 problem, nothing written; with it: works.
/// Bearer calls need no token.
/// </summary>
public abstract class ApiAntiforgeryTests(SecurityApp app)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5];

    private static string NewAddress() => $"10.3.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        var problem = await Api.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Equal("Request.Antiforgery", problem["code"]!.GetValue<string>());
    }

    private Task<CookieSession> AdminCookieAsync() => CookieSession.LoginAsync(app, "admin", KefuApp.AdminPassword, NewAddress());

    [Fact]
    public async Task AttachmentUpload_CookieWithoutToken_IsRefusedAndStoresNothing()
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var customer = await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA)), HttpStatusCode.Created);
        var request = await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/service-requests", new
        {
            type = "REP", channel = "web-form", shortText = "CSRF", customerId = customer["id"], workCentreId = app.Org.WcA,
        }), HttpStatusCode.Created);
        var number = request["number"]!.GetValue<string>();
        using var browser = await CookieSession.LoginAsync(app, TestOrg.AssistantA, KefuApp.UserPassword, NewAddress());
        MultipartFormDataContent Form()
        {
            var file = new ByteArrayContent(Png);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            return new MultipartFormDataContent { { file, "file", "photo.png" } };
        }

        Task<int> CountAsync() => app.WithDbAsync(db => db.Set<ServiceRequestAttachment>().CountAsync(a => a.RequestId == Guid.Parse(request["id"]!.GetValue<string>())));

        await AssertRefusedAsync(await browser.SendAsync(HttpMethod.Post, $"/api/v1/service-requests/{number}/attachments", Form()));
        Assert.Equal(0, await CountAsync());
        Assert.NotEmpty(app.Log.From(browser.Address, "csrf.refused"));

        var ok = await browser.SendAsync(HttpMethod.Post, $"/api/v1/service-requests/{number}/attachments", Form(), await browser.AntiforgeryTokenAsync());
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task TransactionImport_CookieWithoutToken_IsRefusedAndStoresNothing()
    {
        using var browser = await CookieSession.LoginAsync(app, TestOrg.AssistantA, KefuApp.UserPassword, NewAddress());
        static MultipartFormDataContent Form() => new()
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("客户编号,日期,金额,商品,渠道,支付方式,促销,单号\nC00000001,2026-01-02,1.00,x,线下,微信支付,,SO-1\n")), "file", "p.csv" },
            { new StringContent("true"), "dryRun" },
        };
        var before = await app.CountAsync<TransactionImport>();

        await AssertRefusedAsync(await browser.SendAsync(HttpMethod.Post, "/api/v1/transactions/imports", Form()));
        Assert.Equal(before, await app.CountAsync<TransactionImport>());

        var ok = await browser.SendAsync(HttpMethod.Post, "/api/v1/transactions/imports", Form(), await browser.AntiforgeryTokenAsync());
        Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        Assert.Equal(before + 1, await app.CountAsync<TransactionImport>());
    }

    [Fact]
    public async Task HolidayImport_CookieWithoutToken_IsRefusedAndWritesNoEntry()
    {
        using var admin = await app.AdminAsync();
        var code = "CSRF-" + Guid.NewGuid().ToString("N")[..6];
        await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/holiday-sets", new { code, nameZh = "跨站", nameEn = "CSRF", entries = Array.Empty<object>() }), HttpStatusCode.Created);
        using var browser = await AdminCookieAsync();

        // text/plain is what a plain HTML form or a no-preflight fetch of another site can send.
        await AssertRefusedAsync(await browser.SendAsync(HttpMethod.Post, $"/api/v1/holiday-sets/{code}/import", new StringContent("2026-12-24,holiday,x", Encoding.UTF8, "text/plain")));
        Assert.Empty((await admin.GetFromJsonAsync<JsonObject>($"/api/v1/holiday-sets/{code}"))!["entries"]!.AsArray());

        var ok = await browser.SendAsync(
            HttpMethod.Post, $"/api/v1/holiday-sets/{code}/import", new StringContent("2026-12-24,holiday,x", Encoding.UTF8, "text/csv"), await browser.AntiforgeryTokenAsync());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Single((await admin.GetFromJsonAsync<JsonObject>($"/api/v1/holiday-sets/{code}"))!["entries"]!.AsArray());
    }

    [Fact]
    public async Task JobRun_CookieWithoutToken_IsRefusedAndDoesNotFire()
    {
        using var browser = await AdminCookieAsync();
        Task<int> RunsAsync() => app.WithDbAsync(db => db.Set<JobRun>().CountAsync(r => r.JobName == PurgeIdempotencyJob.JobName));
        var before = await RunsAsync();

        await AssertRefusedAsync(await browser.SendAsync(HttpMethod.Post, $"/api/v1/jobs/{PurgeIdempotencyJob.JobName}/run"));

        var ok = await browser.SendAsync(HttpMethod.Post, $"/api/v1/jobs/{PurgeIdempotencyJob.JobName}/run", null, await browser.AntiforgeryTokenAsync());
        Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await RunsAsync() == before && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
        }

        await Task.Delay(1000);
        Assert.Equal(before + 1, await RunsAsync());
    }

    [Fact]
    public async Task MarkAllRead_CookieWithoutToken_IsRefusedAndLeavesNoticesUnread()
    {
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == TestOrg.TechnicianA2).Select(u => u.Id).SingleAsync());
        await app.WithDbAsync(async db =>
        {
            db.Notifications.Add(Notification.Create(userId, "test", "标题", "正文", null, app.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        using var browser = await CookieSession.LoginAsync(app, TestOrg.TechnicianA2, KefuApp.UserPassword, NewAddress());
        Task<int> UnreadAsync() => app.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null));

        await AssertRefusedAsync(await browser.SendAsync(HttpMethod.Post, "/api/v1/notifications/read-all"));
        Assert.True(await UnreadAsync() > 0);

        var ok = await browser.SendAsync(HttpMethod.Post, "/api/v1/notifications/read-all", null, await browser.AntiforgeryTokenAsync());
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal(0, await UnreadAsync());
    }

    [Fact]
    public async Task JsonWrite_CookieWithoutToken_IsRefused_BearerNeedsNoToken()
    {
        using var browser = await CookieSession.LoginAsync(app, TestOrg.AssistantA, KefuApp.UserPassword, NewAddress());
        var before = await app.CountAsync<Customer>();

        await AssertRefusedAsync(await browser.PostJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA)));
        await AssertRefusedAsync(await browser.PostJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA), "not-a-token"));
        Assert.Equal(before, await app.CountAsync<Customer>());

        Assert.Equal(HttpStatusCode.Created, (await browser.PostJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA), await browser.AntiforgeryTokenAsync())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/customers")).StatusCode);

        // The token endpoint is open to anonymous callers: the cookie gives it nothing, so it needs no token.
        Assert.Equal(HttpStatusCode.OK, (await browser.PostJsonAsync("/api/v1/auth/token", new { userName = TestOrg.AssistantA, password = KefuApp.UserPassword })).StatusCode);

        using var bearer = await app.ClientForAsync(TestOrg.AssistantA);
        Assert.Equal(HttpStatusCode.Created, (await bearer.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA))).StatusCode);
        Assert.Equal(before + 2, await app.CountAsync<Customer>());
    }

    [Fact]
    public async Task Token_OfAnotherUser_IsRefused()
    {
        using var assistant = await CookieSession.LoginAsync(app, TestOrg.AssistantA, KefuApp.UserPassword, NewAddress());
        using var other = await CookieSession.LoginAsync(app, TestOrg.AssistantB, KefuApp.UserPassword, NewAddress());
        await AssertRefusedAsync(await assistant.PostJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA), await other.AntiforgeryTokenAsync()));
    }
}

public sealed class ApiAntiforgerySqliteTests(SecuritySqliteApp app) : ApiAntiforgeryTests(app), IClassFixture<SecuritySqliteApp>;

public sealed class ApiAntiforgeryPostgresTests(SecurityPostgresApp app) : ApiAntiforgeryTests(app), IClassFixture<SecurityPostgresApp>;
