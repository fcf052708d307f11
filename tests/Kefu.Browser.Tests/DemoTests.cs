using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>The app as a fresh clone's <c>dotnet run</c> starts it: the Development demo with its default size.</summary>
public sealed class FreshCloneApp : KefuApp
{
    protected override int? DemoCustomers => null;
}

[CollectionDefinition(Name)]
public sealed class FreshCloneCollection : ICollectionFixture<FreshCloneApp>
{
    public const string Name = "fresh-clone";
}

/// <summary>
/// What a newcomer sees after <c>dotnet run</c> (issue 12 point 4): the request list, the work plan, the approval queue, the
/// contracts and the customer pyramid are filled by the demo, in Chinese and in English; each is captured for the README.
/// </summary>
[Collection(FreshCloneCollection.Name)]
public sealed class DemoTests(FreshCloneApp app)
{
    [Fact]
    public async Task FreshDemo_RequestsWorkPlanApprovalsContractsAndPyramid_AreFilledInBothLanguages()
    {
        var admin = await app.NewPageAsync();
        await KefuApp.LoginAsync(admin);
        await admin.WaitForURLAsync(new Regex("/$"));
        await ShowAsync(admin, "zh");
        await admin.ClickAsync("[data-testid=lang-en]");
        await Assertions.Expect(admin.Locator("[data-testid=lang-en]")).ToHaveClassAsync(new Regex("btn-light"));
        await ShowAsync(admin, "en");
        await admin.ClickAsync("[data-testid=lang-zh]");
        await admin.Context.CloseAsync();
    }

    private static async Task ShowAsync(IPage page, string language)
    {
        var suffix = language == "en" ? "-en" : "";

        // The request list: many requests, some breached, of several types and statuses.
        await page.GotoAsync("/ServiceRequests");
        var rows = page.Locator("[data-testid=request-table] tbody tr[data-href]");
        await Assertions.Expect(rows.Nth(19)).ToBeVisibleAsync();
        await KefuApp.ScreenshotAsync(page, "demo-requests" + suffix);
        await page.GotoAsync("/ServiceRequests?slaState=breached");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();

        // The work plan of Shanghai for the coming week, with assigned technicians.
        await page.GotoAsync("/ServiceRequests/WorkPlan");
        await page.SelectOptionAsync("[data-testid=workplan-centre]", new SelectOptionValue { Label = "上海责任中心 (SH)" });
        await page.ClickAsync("[data-testid=workplan-show]");
        var plan = page.Locator("[data-testid=workplan-row]");
        await Assertions.Expect(plan.Nth(2)).ToBeVisibleAsync();
        await Assertions.Expect(plan.Filter(new LocatorFilterOptions { HasText = "technician" }).First).ToBeVisibleAsync();
        await KefuApp.ScreenshotAsync(page, "demo-work-plan" + suffix);

        // The approval queue (an administrator sees every region's; each supervisor their own).
        await page.GotoAsync("/ServiceRequests/Approvals");
        await Assertions.Expect(page.Locator("[data-testid=approval-row]").Nth(1)).ToBeVisibleAsync();
        await KefuApp.ScreenshotAsync(page, "demo-approvals" + suffix);

        // The maintenance contracts, one of them ending soon.
        await page.GotoAsync("/Contracts");
        var contracts = page.Locator("[data-testid=contract-table] tbody tr");
        await Assertions.Expect(contracts.Nth(2)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=expiring-soon]").First).ToBeVisibleAsync();
        await KefuApp.ScreenshotAsync(page, "demo-contracts" + suffix);

        // The customer pyramid of the finished classification run.
        await page.GotoAsync("/Classification");
        var layers = page.Locator("[data-testid=pyramid-abc] [data-testid=pyramid-layer]");
        await Assertions.Expect(layers).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-testid=run-row]").First).ToHaveAttributeAsync("data-state", "succeeded");
        await KefuApp.ScreenshotAsync(page, "demo-pyramid" + suffix, fullPage: true);
    }
}
