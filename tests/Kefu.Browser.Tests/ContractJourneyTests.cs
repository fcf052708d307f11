using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ContractJourneyTests(KefuApp app)
{
    [Fact]
    public async Task Supervisor_CreatesContractWithObjectAndSchedule_SeesItOnTheCustomer()
    {
        var page = await app.NewPageAsync();
        await KefuApp.LoginAsync(page, "supervisor");
        await page.ClickAsync("[data-testid=nav-contracts]");
        await page.WaitForURLAsync(new Regex("/Contracts$"));
        await page.ClickAsync("[data-testid=new-contract]");
        await page.WaitForURLAsync(new Regex("/Contracts/Edit"));

        var customer = await page.Locator("[data-testid=contract-customer] option:nth-child(2)").GetAttributeAsync("value");
        await page.SelectOptionAsync("[data-testid=contract-customer]", customer!);
        await KefuApp.FillAsync(page, "[data-testid=contract-level]", "full");
        await KefuApp.FillAsync(page, "[data-testid=contract-start]", "2026-01-01");
        await KefuApp.FillAsync(page, "[data-testid=contract-end]", "2025-12-31");
        await KefuApp.FillAsync(page, "[data-testid=contract-fee]", "-5");
        await page.ClickAsync("[data-testid=save-contract]");
        await Assertions.Expect(page.Locator("[data-testid=validation-summary]")).ToContainTextAsync("结束");
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.Fee']")).Not.ToBeEmptyAsync();

        await KefuApp.FillAsync(page, "[data-testid=contract-end]", "2027-12-31");
        await KefuApp.FillAsync(page, "[data-testid=contract-fee]", "36000");
        await page.SelectOptionAsync("[data-testid=contract-types]", new[] { "MNT", "REP" });
        await page.ClickAsync("[data-testid=save-contract]");
        await page.WaitForURLAsync(new Regex(@"/Contracts/Details\?number=MC"));
        var number = await page.Locator("[data-testid=contract-number]").InnerTextAsync();

        await KefuApp.FillAsync(page, "[data-testid=object-description]", "中央空调主机 1#");
        await KefuApp.FillAsync(page, "[data-testid=object-serial]", "YK-2026-0001");
        await page.ClickAsync("[data-testid=add-object]");
        await Assertions.Expect(page.Locator("[data-testid=object-table]")).ToContainTextAsync("YK-2026-0001");

        await page.SelectOptionAsync("[data-testid=schedule-object]", new SelectOptionValue { Index = 1 });
        await KefuApp.FillAsync(page, "[data-testid=schedule-months]", "3");
        await KefuApp.FillAsync(page, "[data-testid=schedule-lead]", "10");
        await page.ClickAsync("[data-testid=add-schedule]");
        await Assertions.Expect(page.Locator("[data-testid=schedule-next-due]")).ToHaveTextAsync("2026-04-01");

        await page.ClickAsync("[data-testid=activate-contract]");
        await Assertions.Expect(page.Locator("[data-testid=contract-state]")).ToHaveTextAsync("生效中");
        await KefuApp.ScreenshotAsync(page, "contracts");

        await page.GotoAsync("/Customers/Details/" + customer);
        await Assertions.Expect(page.Locator("[data-testid=customer-contracts]")).ToContainTextAsync(number);
        await page.Context.CloseAsync();
    }
}
