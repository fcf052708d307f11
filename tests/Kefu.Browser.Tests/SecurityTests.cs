using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>
/// Issue 19 point 7 in a real browser: the Content-Security-Policy (script-src 'self', no inline script) breaks no page —
/// no violation is reported anywhere, htmx and the confirmations still work — and Kestrel names no server.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityTests(KefuApp app)
{
    private static readonly string[] Pages =
    [
        "/", "/Customers", "/Customers/Edit", "/ServiceRequests", "/ServiceRequests/Create", "/ServiceRequests/WorkPlan",
        "/ServiceRequests/Approvals", "/Notifications", "/Classification", "/Classification/Scheme/abc", "/Classification/Rule",
        "/Transactions/Import", "/Sla/Levels", "/Calendars", "/Contracts", "/Organization", "/Users", "/Users/Edit", "/Audit", "/RequestTypes",
        "/Scheduling", "/no-such-page", "/api-docs/v1",
    ];

    [Fact]
    public async Task EveryPage_UnderTheContentSecurityPolicy_ReportsNoViolation()
    {
        var page = await app.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(page.Url + ": " + message.Text);
            }
        };
        await page.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', function (e) { console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI); });");
        await KefuApp.LoginAsync(page);
        await page.WaitForURLAsync(new Regex("/$"));

        foreach (var url in Pages)
        {
            var response = await page.GotoAsync(url);
            Assert.NotNull(response);
            Assert.Contains("script-src", await response.HeaderValueAsync("content-security-policy") ?? "", StringComparison.Ordinal);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        // htmx (search as you type) still swaps the customer list under the policy.
        await page.GotoAsync("/Customers");
        await KefuApp.FillAsync(page, "#q", "zzzz-no-such-customer");
        await Assertions.Expect(page.Locator("#customer-results")).ToContainTextAsync(new Regex("\\S"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Confirmation_Dismissed_DoesNotSubmit()
    {
        var page = await app.NewPageAsync();
        await KefuApp.LoginAsync(page);
        await page.WaitForURLAsync(new Regex("/$"));
        await page.GotoAsync("/Classification/Scheme/abc");
        var asked = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            asked.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        var posted = false;
        page.Request += (_, request) => posted |= request.Method == "POST";

        await page.ClickAsync("[data-testid=scheme-save]");
        await page.WaitForTimeoutAsync(500);

        Assert.Single(asked);
        Assert.False(posted, "the form was submitted although the confirmation was dismissed");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Kestrel_SendsNoServerHeader_AndTheHeadersArrive()
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(app.BaseUrl + "/Account/Login");
        Assert.False(response.Headers.Contains("Server"), "Server: " + string.Join(",", response.Headers.TryGetValues("Server", out var v) ? v : []));
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
