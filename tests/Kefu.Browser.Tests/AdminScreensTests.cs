using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>The forms' failure paths and the administration screens, driven like a user would.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminScreensTests(KefuApp app)
{
    private static string Unique() => RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task CustomerForm_InvalidInput_ShowsErrorsNextToFieldsAndInSummary()
    {
        var page = await SignedInAsync();
        await page.GotoAsync("/Customers/Edit");
        await KefuApp.FillAsync(page, "#Input_Contacts_0__Name", "李女士");
        await KefuApp.FillAsync(page, "#Input_Contacts_0__Phone", "not a phone");
        await page.ClickAsync("[data-testid=save-customer]");

        await Assertions.Expect(page.Locator("[data-testid=validation-summary]")).ToContainTextAsync("必填");
        await Assertions.Expect(page.Locator("span[data-valmsg-for='Input.Name']")).ToContainTextAsync("必填");
        await Assertions.Expect(page.Locator("span[data-valmsg-for='Input.OrgUnitId']")).ToContainTextAsync("必填");
        await Assertions.Expect(page.Locator("span[data-valmsg-for='Input.Contacts[0].Phone']")).ToContainTextAsync("电话号码格式不正确");
        await Assertions.Expect(page.Locator("#Input_Contacts_0__Phone")).ToHaveValueAsync("not a phone");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task NewCustomer_SamePhoneAsExisting_ShowsDuplicatesUntilSaveAnyway()
    {
        var page = await SignedInAsync();
        await page.GotoAsync("/Customers?sort=number");
        var firstRow = page.Locator("[data-testid=customer-table] tbody tr").First;
        var existingNumber = (await firstRow.Locator("td").Nth(0).InnerTextAsync()).Trim();
        var existingPhone = (await firstRow.Locator("td").Nth(3).InnerTextAsync()).Trim();
        Assert.Matches("^[0-9]{11}$", existingPhone);

        await page.GotoAsync("/Customers/Edit");
        await KefuApp.FillAsync(page, "#Input_Name", "重复检查 " + Unique());
        await page.SelectOptionAsync("#Input_OrgUnitId", new SelectOptionValue { Label = "广州责任中心 (GZ)" }, new PageSelectOptionOptions { Force = true });
        await KefuApp.FillAsync(page, "#Input_Contacts_0__Name", "张三");
        await KefuApp.FillAsync(page, "#Input_Contacts_0__Phone", existingPhone);
        await page.ClickAsync("[data-testid=save-customer]");

        var duplicates = page.Locator("[data-testid=duplicates]");
        await Assertions.Expect(duplicates).ToContainTextAsync(existingNumber);
        await Assertions.Expect(duplicates).ToContainTextAsync("电话相同");
        Assert.EndsWith("/Customers/Edit", page.Url, StringComparison.Ordinal);

        await page.CheckAsync("[data-testid=save-anyway]");
        await page.ClickAsync("[data-testid=save-customer]");
        await page.WaitForURLAsync(new Regex("/Customers/Details/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator("[data-testid=flash]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Customer_EditedThenDeleted_HistoryShowsChangeAndStaleEditIsRefused()
    {
        var page = await SignedInAsync();
        var name = "待编辑客户 " + Unique();
        var id = await CreateCustomerAsync(page, name);

        // A second user opens the same form before the first one saves.
        var other = await SignedInAsync();
        await other.GotoAsync($"/Customers/Edit/{id}");

        await page.GotoAsync($"/Customers/Edit/{id}");
        await Assertions.Expect(page.Locator("#Input_Name")).ToHaveValueAsync(name);
        await KefuApp.FillAsync(page, "#Input_Name", name + " 已改");
        await page.ClickAsync("[data-testid=save-customer]");
        await page.WaitForURLAsync(new Regex($"/Customers/Details/{id}$"));
        await Assertions.Expect(page.Locator("[data-testid=page-title]")).ToContainTextAsync(name + " 已改");
        await page.ClickAsync("[data-testid=history-tab]");
        var update = page.Locator("[data-testid=history-panel] [data-testid=audit-row]").Filter(new LocatorFilterOptions { HasText = "修改" });
        await Assertions.Expect(update).ToHaveCountAsync(1);
        await Assertions.Expect(update).ToContainTextAsync(name + " 已改");

        await KefuApp.FillAsync(other, "#Input_Notes", "stale edit");
        await other.ClickAsync("[data-testid=save-customer]");
        await Assertions.Expect(other.Locator("[data-testid=validation-summary]")).ToContainTextAsync("已被其他人修改");
        await other.Context.CloseAsync();

        await page.ClickAsync("[data-testid=delete-customer]");
        await Assertions.Expect(page.Locator("[data-testid=confirm-delete]")).ToContainTextAsync(name);
        await page.ClickAsync("[data-testid=confirm-delete-submit]");
        await page.WaitForURLAsync(new Regex("/Customers$"));
        await Assertions.Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("客户已删除");
        var gone = await page.GotoAsync($"/Customers/Details/{id}");
        Assert.Equal(404, gone!.Status);
        await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Organization_CreateRenameDelete_AndInUseUnitIsRefused()
    {
        var page = await SignedInAsync();
        var code = "T" + Unique();
        await page.GotoAsync("/Organization");
        await KefuApp.FillAsync(page, "#new-code", code);
        await KefuApp.FillAsync(page, "#new-name", "测试大区");
        await page.SelectOptionAsync("#new-kind", "region");
        await page.SelectOptionAsync("#new-parent", new SelectOptionValue { Label = "总公司 (公司)" });
        await page.ClickAsync("form[action*='handler=Create'] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("测试大区");
        var node = page.Locator("[data-testid=org-node]").Filter(new LocatorFilterOptions { HasText = code });
        await Assertions.Expect(node).ToHaveCountAsync(1);

        await node.Locator("a[href*='edit=']").ClickAsync();
        await KefuApp.FillAsync(page, "form[action*='handler=Rename'] input[name='Input.Name']", "测试大区（改）");
        await page.ClickAsync("form[action*='handler=Rename'] button[type=submit]");
        await Assertions.Expect(node).ToContainTextAsync("测试大区（改）");

        await node.Locator("a[href*='delete=']").ClickAsync();
        await page.ClickAsync("[data-testid=confirm-delete] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("已删除");
        await Assertions.Expect(node).ToHaveCountAsync(0);

        // 上海责任中心 has users and customers.
        var sh = page.Locator("[data-testid=org-node]").Filter(new LocatorFilterOptions { HasText = "上海责任中心" });
        await sh.Locator("a[href*='delete=']").ClickAsync();
        await page.ClickAsync("[data-testid=confirm-delete] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("无法删除");
        await Assertions.Expect(sh).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Users_CreateThenDeactivate_InactiveUserCannotSignIn()
    {
        var page = await SignedInAsync();
        var userName = "ui.tester" + Unique();
        const string password = "Tester-Pa55word!";
        await page.GotoAsync("/Users/Edit");
        await KefuApp.FillAsync(page, "#Input_UserName", userName);
        await KefuApp.FillAsync(page, "#Input_DisplayName", "界面测试员");
        await KefuApp.FillAsync(page, "#Input_Password", password);
        await page.CheckAsync("#role-assistant");
        await page.SelectOptionAsync("#Input_OrgUnitId", new SelectOptionValue { Label = "上海责任中心 (SH) · 责任中心" }, new PageSelectOptionOptions { Force = true });
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync(new Regex("/Users$"));
        var row = page.Locator("[data-testid=user-table] tbody tr").Filter(new LocatorFilterOptions { HasText = userName });
        await Assertions.Expect(row).ToContainTextAsync("服务助理");
        await Assertions.Expect(row).ToContainTextAsync("启用");

        // The new assistant signs in and sees customers but no administration.
        var assistant = await app.NewPageAsync();
        await KefuApp.LoginAsync(assistant, userName, password);
        await assistant.WaitForURLAsync(new Regex("/$"));
        await Assertions.Expect(assistant.Locator("[data-testid=current-user]")).ToHaveTextAsync("界面测试员");
        Assert.Equal(0, await assistant.Locator("a[href='/Users']").CountAsync());
        await assistant.GotoAsync("/Users");
        await Assertions.Expect(assistant.Locator("[data-testid=denied]")).ToBeVisibleAsync();
        await assistant.Context.CloseAsync();

        await row.Locator("a").First.ClickAsync();
        await page.UncheckAsync("#Input_IsActive");
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync(new Regex("/Users$"));
        await Assertions.Expect(row).ToContainTextAsync("已停用");

        var inactive = await app.NewPageAsync();
        await KefuApp.LoginAsync(inactive, userName, password);
        await Assertions.Expect(inactive.Locator("[data-testid=login-error]")).ToContainTextAsync("已停用");
        Assert.Equal(0, await inactive.Locator("[data-testid=logout]").CountAsync());
        await inactive.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CustomerList_SortFilterAndKeysetPaging_Work()
    {
        var page = await SignedInAsync();
        await page.GotoAsync("/Customers?sort=number&limit=10");
        var numbers = page.Locator("[data-testid=customer-table] tbody tr td:first-child");
        await Assertions.Expect(numbers).ToHaveCountAsync(10);
        var first = await numbers.AllInnerTextsAsync();
        Assert.Equal(first.Order(StringComparer.Ordinal), first);
        Assert.Equal(0, await page.Locator("[data-testid=first-page]").CountAsync());

        await page.ClickAsync("[data-testid=next-page]");
        await Assertions.Expect(numbers).ToHaveCountAsync(10);
        var second = await numbers.AllInnerTextsAsync();
        Assert.True(string.CompareOrdinal(second[0], first[^1]) > 0, "the second page continues after the first");
        Assert.Empty(second.Intersect(first));

        await page.ClickAsync("[data-testid=first-page]");
        Assert.Equal(first, await numbers.AllInnerTextsAsync());

        // Sorting by name from its column header, descending on the second click.
        await page.ClickAsync("[data-testid=customer-table] thead th:nth-child(2) a");
        await page.WaitForURLAsync(new Regex("sort=name"));
        await page.ClickAsync("[data-testid=customer-table] thead th:nth-child(2) a");
        await page.WaitForURLAsync(new Regex("sort=-name"));

        // Search as you type (htmx swaps the results and pushes the URL) without pressing the button.
        await page.GotoAsync("/Customers");
        await KefuApp.FillAsync(page, "[data-testid=customer-search]", "C0000001");
        await page.WaitForURLAsync(new Regex("q=C0000001"));
        await Assertions.Expect(numbers).ToHaveCountAsync(10);
        Assert.All(await numbers.AllInnerTextsAsync(), n => Assert.StartsWith("C0000001", n.Trim(), StringComparison.Ordinal));

        // Filtering by nature shows only that nature.
        await page.GotoAsync("/Customers?nature=Merchant");
        var badges = await page.Locator("[data-testid=customer-table] tbody tr td:nth-child(3)").AllInnerTextsAsync();
        Assert.NotEmpty(badges);
        Assert.All(badges, b => Assert.Equal("商户", b.Trim()));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AuditLog_FilterByEntityAndUser_ShowsOnlyMatchingEntries()
    {
        var page = await SignedInAsync();
        var name = "审计筛选 " + Unique();
        await CreateCustomerAsync(page, name);
        await page.GotoAsync("/Audit?entity=Customer&user=admin");
        var rows = page.Locator("[data-testid=audit-row]");
        await Assertions.Expect(rows.First).ToContainTextAsync(name);
        foreach (var entity in await rows.Locator("td:nth-child(4)").AllInnerTextsAsync())
        {
            Assert.StartsWith("客户", entity.Trim(), StringComparison.Ordinal);
            Assert.DoesNotContain("联系人", entity, StringComparison.Ordinal);
        }

        await page.GotoAsync("/Audit?user=nobody-at-all");
        await Assertions.Expect(page.Locator("[data-testid=empty-state]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    private async Task<IPage> SignedInAsync()
    {
        var page = await app.NewPageAsync();
        await KefuApp.LoginAsync(page);
        await page.WaitForURLAsync(new Regex("/$"));
        return page;
    }

    private static async Task<string> CreateCustomerAsync(IPage page, string name)
    {
        await page.GotoAsync("/Customers/Edit");
        await KefuApp.FillAsync(page, "#Input_Name", name);
        await page.SelectOptionAsync("#Input_OrgUnitId", new SelectOptionValue { Label = "杭州责任中心 (HZ)" }, new PageSelectOptionOptions { Force = true });
        await KefuApp.FillAsync(page, "#Input_Contacts_0__Name", "联系人");
        await KefuApp.FillAsync(page, "#Input_Contacts_0__Phone", "137" + Unique());
        await page.ClickAsync("[data-testid=save-customer]");
        await page.WaitForURLAsync(new Regex("/Customers/Details/[0-9a-f-]{36}$"));
        return page.Url[(page.Url.LastIndexOf('/') + 1)..];
    }
}
