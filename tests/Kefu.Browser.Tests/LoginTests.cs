using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class LoginTests(KefuApp app)
{
    [Fact]
    public async Task Login_WrongPassword_ShowsErrorAndStaysOnLogin()
    {
        var page = await app.NewPageAsync();
        await KefuApp.LoginAsync(page, KefuApp.AdminUser, "not-the-password");

        var error = page.Locator("[data-testid=login-error]");
        await Assertions.Expect(error).ToContainTextAsync("用户名或密码不正确");
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-testid=logout]").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Customers_Unauthenticated_RedirectsToLogin()
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync("/Customers");

        Assert.NotNull(response);
        Assert.True(response.Ok);
        Assert.Matches(new Regex("/Account/Login\\?ReturnUrl=%2FCustomers$", RegexOptions.IgnoreCase), page.Url);
        await Assertions.Expect(page.Locator("#UserName")).ToBeVisibleAsync();

        // After signing in, the user lands on the page asked for.
        await KefuApp.FillAsync(page, "#UserName", KefuApp.AdminUser);
        await KefuApp.FillAsync(page, "#Password", KefuApp.AdminPassword);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(new Regex("/Customers$"));
        await Assertions.Expect(page.Locator("[data-testid=customer-table]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Layout_TabletWidth_NavCollapsesBehindMenuButton()
    {
        var page = await app.NewPageAsync();
        await page.SetViewportSizeAsync(820, 1180);
        await KefuApp.LoginAsync(page);
        await page.WaitForURLAsync(new Regex("/$"));

        var nav = page.Locator("[data-testid=nav-customers]");
        await Assertions.Expect(nav).ToBeHiddenAsync();
        await page.ClickAsync("button[data-bs-target='#kf-sidebar']");
        await Assertions.Expect(nav).ToBeVisibleAsync();
        await nav.ClickAsync();
        await page.WaitForURLAsync(new Regex("/Customers$"));
        await Assertions.Expect(page.Locator("[data-testid=customer-table]")).ToBeVisibleAsync();
        await KefuApp.ScreenshotAsync(page, "09-tablet-customers");
        await page.Context.CloseAsync();
    }
}
