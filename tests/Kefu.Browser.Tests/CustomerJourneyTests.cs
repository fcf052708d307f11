using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class CustomerJourneyTests(KefuApp app)
{
    [Fact]
    public async Task Admin_CreatesCustomer_FindsItByPhoneAndSeesInsertInHistory()
    {
        var page = await app.NewPageAsync();
        var suffix = RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var phone = "139" + suffix;
        var name = "浏览器测试客户 " + suffix;

        // Login (zh-CN by default).
        await page.GotoAsync("/");
        await page.WaitForURLAsync(new Regex("/Account/Login"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("登录");
        await KefuApp.ScreenshotAsync(page, "01-login");
        await KefuApp.FillAsync(page, "#UserName", KefuApp.AdminUser);
        await KefuApp.FillAsync(page, "#Password", KefuApp.AdminPassword);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(new Regex("/$"));
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToHaveTextAsync("Administrator");
        await KefuApp.ScreenshotAsync(page, "02-home");

        // Language switch: en and back to zh-CN.
        var customersNav = page.Locator("[data-testid=nav-customers]");
        await Assertions.Expect(customersNav).ToHaveTextAsync("客户");
        await page.ClickAsync("[data-testid=lang-en]");
        await Assertions.Expect(customersNav).ToHaveTextAsync("Customers");
        await Assertions.Expect(page.Locator("[data-testid=logout]")).ToContainTextAsync("Log out");
        await KefuApp.ScreenshotAsync(page, "02-home-en");
        await page.ClickAsync("[data-testid=lang-zh]");
        await Assertions.Expect(customersNav).ToHaveTextAsync("客户");

        // Customer list with the demo customers.
        await customersNav.ClickAsync();
        await page.WaitForURLAsync(new Regex("/Customers$"));
        await Assertions.Expect(page.Locator("[data-testid=customer-table] tbody tr").First).ToBeVisibleAsync();
        await KefuApp.ScreenshotAsync(page, "03-customer-list");

        // Create a customer.
        await page.ClickAsync("[data-testid=new-customer]");
        await page.WaitForURLAsync(new Regex("/Customers/Edit$"));
        await KefuApp.FillAsync(page, "#Input_Name", name);
        await page.SelectOptionAsync("#Input_Nature", "merchant");
        // The unit select is enhanced by Tom Select (search as you type).
        var unit = page.Locator("#Input_OrgUnitId + .ts-wrapper");
        await unit.Locator(".ts-control").ClickAsync();
        await page.Keyboard.TypeAsync("上海责任");
        await unit.Locator(".option").Filter(new LocatorFilterOptions { HasText = "上海责任中心 (SH)" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Input_OrgUnitId")).Not.ToHaveValueAsync("");
        await KefuApp.FillAsync(page, "#Input_Tags", "浏览器测试, VIP");
        await KefuApp.FillAsync(page, "#Input_Contacts_0__Name", "王先生");
        await KefuApp.FillAsync(page, "#Input_Contacts_0__Phone", phone);
        await KefuApp.FillAsync(page, "#Input_Addresses_0__City", "上海市");
        await KefuApp.FillAsync(page, "#Input_Addresses_0__Street", "测试路 " + suffix + " 号");
        await KefuApp.FillAsync(page, "#Input_Preferences_Hobbies", "摄影");
        await Assertions.Expect(page.Locator("#Input_Addresses_0__Street")).ToHaveValueAsync("测试路 " + suffix + " 号");
        await Assertions.Expect(page.Locator("#Input_Contacts_0__Phone")).ToHaveValueAsync(phone);
        await KefuApp.ScreenshotAsync(page, "04-customer-form");
        await page.ClickAsync("[data-testid=save-customer]");
        try
        {
            await page.WaitForURLAsync(new Regex("/Customers/Details/[0-9a-f-]{36}$"));
        }
        catch (TimeoutException)
        {
            await KefuApp.ScreenshotAsync(page, "failed-save", fullPage: true);
            var errors = await page.Locator(".text-danger").AllInnerTextsAsync();
            throw new InvalidOperationException("Saving failed: " + string.Join(" | ", errors.Where(e => e.Trim().Length > 1)) + " " + page.Url);
        }

        await Assertions.Expect(page.Locator("[data-testid=flash]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=page-title]")).ToContainTextAsync(name);

        // Find it in the list by its phone.
        await customersNav.ClickAsync();
        await KefuApp.FillAsync(page, "[data-testid=customer-search]", phone);
        await page.ClickAsync("[data-testid=customer-search-submit]");
        var rows = page.Locator("[data-testid=customer-table] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync(name);
        await Assertions.Expect(rows.First).ToContainTextAsync(phone);

        // Open it and its history.
        await rows.First.Locator("[data-testid=customer-link]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/Customers/Details/"));
        await Assertions.Expect(page.Locator("[data-testid=contact-phone]")).ToHaveTextAsync(phone);
        await page.ClickAsync("[data-testid=history-tab]");
        var history = page.Locator("[data-testid=history-panel]");
        await Assertions.Expect(history).ToBeVisibleAsync();
        var insert = history.Locator("[data-testid=audit-row]").Filter(new LocatorFilterOptions { HasText = "新增" }).Filter(new LocatorFilterOptions { HasText = name });
        await Assertions.Expect(insert).ToHaveCountAsync(1);
        await Assertions.Expect(insert.Locator("[data-testid=audit-user]")).ToHaveTextAsync(KefuApp.AdminUser);
        await Assertions.Expect(insert).ToContainTextAsync("责任中心: 上海责任中心");
        await KefuApp.ScreenshotAsync(page, "05-customer-detail-history");

        // Administration screens.
        await page.GotoAsync("/Organization");
        await Assertions.Expect(page.Locator("[data-testid=page-title]")).ToHaveTextAsync("组织结构");
        await Assertions.Expect(page.Locator("[data-testid=org-node]").Filter(new LocatorFilterOptions { HasText = "上海责任中心" })).ToHaveCountAsync(1);
        await KefuApp.ScreenshotAsync(page, "06-organisation");

        await page.GotoAsync("/Users");
        await Assertions.Expect(page.Locator("[data-testid=user-table]")).ToContainTextAsync("assistant");
        await KefuApp.ScreenshotAsync(page, "07-users");

        await page.GotoAsync("/Audit");
        await Assertions.Expect(page.Locator("[data-testid=audit-table]")).ToContainTextAsync(name);
        await KefuApp.ScreenshotAsync(page, "08-audit");

        // Logout ends the session.
        await page.ClickAsync("[data-testid=logout]");
        await page.WaitForURLAsync(new Regex("/Account/Login"));
        await page.GotoAsync("/Customers");
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
