using System.Net;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Tests.Security;

/// <summary>Issue 19 point 7: security headers on pages, API and errors; Secure cookies and HSTS over HTTPS only; no server name.</summary>
public sealed class SecurityHeadersTests(SecuritySqliteApp app) : IClassFixture<SecuritySqliteApp>
{
    private static readonly Uri Https = new("https://kefu.example.com");

    private static void AssertStrictHeaders(HttpResponseMessage response)
    {
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Pages_Api_AndErrors_CarryTheSecurityHeaders()
    {
        using var browser = await CookieSession.LoginAsync(app, TestOrg.AssistantA, KefuApp.UserPassword, "10.5.0.1");
        foreach (var url in new[] { "/", "/Customers", "/api/v1/customers", "/api/v1/customers/00000000-0000-0000-0000-000000000000", "/no-such-page", "/Account/Login" })
        {
            var response = await browser.GetAsync(url);
            AssertStrictHeaders(response);
        }

        using var anon = CookieSession.Anonymous(app, "10.5.0.2");
        AssertStrictHeaders(await anon.GetAsync("/api/v1/customers"));
        AssertStrictHeaders(await anon.GetAsync("/lib/htmx/htmx.min.js"));
    }

    [Fact]
    public async Task OverHttps_CookiesAreSecureAndHstsIsSent()
    {
        using var browser = await CookieSession.LoginAsync(app, TestOrg.AssistantA, KefuApp.UserPassword, "10.5.0.3", Https);
        var response = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);

        using var again = CookieSession.Anonymous(app, "10.5.0.3", Https);
        var login = await again.PostLoginAsync(TestOrg.AssistantA, KefuApp.UserPassword);
        var authCookie = again.LastSetCookies.Single(c => c.StartsWith("kefu.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var form = CookieSession.Anonymous(app, "10.5.0.4", Https);
        await form.GetAsync("/Account/Login");
        Assert.Contains(form.LastSetCookies, c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.All(form.LastSetCookies.Where(c => !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal)), c => Assert.True(c.Contains("secure", StringComparison.OrdinalIgnoreCase), c));
        form.Dispose();
    }

    [Fact]
    public async Task OverHttp_NoHstsAndNoSecureFlag()
    {
        using var anon = CookieSession.Anonymous(app, "10.5.0.5");
        var response = await anon.PostLoginAsync(TestOrg.AssistantA, KefuApp.UserPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("secure", anon.LastSetCookies.Single(c => c.StartsWith("kefu.auth=", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Kestrel_DoesNotNameTheServer()
    {
        Assert.False(app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }
}
