using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>An administrator edits a request type's status profile (SRQ-2, SRQ-4) in the UI.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RequestTypesTests(KefuApp app)
{
    [Fact]
    public async Task RequestType_AddTransitionInGrid_IsSavedAndShownAfterReload()
    {
        var page = await SignedInAsync();
        await page.ClickAsync("[data-testid=nav-request-types]");
        await page.WaitForURLAsync(new Regex("/RequestTypes$"));
        var row = page.Locator("[data-testid=request-type-table] tbody tr").Filter(new LocatorFilterOptions { HasText = "INQ" });
        await Assertions.Expect(row).ToContainTextAsync("咨询");
        await KefuApp.ScreenshotAsync(page, "request-types");

        await row.Locator("[data-testid=edit-type]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/RequestTypes/Edit\\?code=INQ$"));
        await Assertions.Expect(page.Locator("#Input_NameZh")).ToHaveValueAsync("咨询");
        var back = page.Locator("[data-testid=cell-DF-CLZ]");
        await Assertions.Expect(back).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("[data-testid=cell-XJ-CLZ]")).ToBeCheckedAsync();

        // Answered (completed) may go back to in process.
        await back.CheckAsync();
        await page.ClickAsync("[data-testid=save-type]");
        await page.WaitForURLAsync(new Regex("/RequestTypes/Edit\\?code=INQ$"));
        await Assertions.Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("INQ");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-testid=cell-DF-CLZ]")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("[data-testid=cell-XJ-CLZ]")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("[data-testid=cell-CLZ-XJ]")).Not.ToBeCheckedAsync();
        await KefuApp.ScreenshotAsync(page, "request-type-edit");
        await KefuApp.ScreenshotAsync(page, "request-type-edit-full", fullPage: true);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RequestType_NewStatusWithoutCode_ShowsFieldErrorAndSavesNothing()
    {
        var page = await SignedInAsync();
        await page.GotoAsync("/RequestTypes/Edit?code=REP");
        var rows = page.Locator("[data-testid=status-row]");
        await Assertions.Expect(rows).ToHaveCountAsync(5 + 2);

        // The first blank row gets labels but no code.
        await KefuApp.FillAsync(page, "#Input_Statuses_5__LabelZh", "待配件");
        await KefuApp.FillAsync(page, "#Input_Statuses_5__LabelEn", "Waiting for parts");
        await KefuApp.FillAsync(page, "#Input_NameZh", "维修（改）");
        await page.ClickAsync("[data-testid=save-type]");

        await Assertions.Expect(page.Locator("[data-testid=validation-summary]")).ToContainTextAsync("第 6 行：1 到 10 个字母");
        await Assertions.Expect(page.Locator("span[data-valmsg-for='Input.Statuses[5].Code']")).ToContainTextAsync("1 到 10 个字母");
        await Assertions.Expect(page.Locator("#Input_Statuses_5__LabelZh")).ToHaveValueAsync("待配件");
        await KefuApp.ScreenshotAsync(page, "request-type-error");

        // Nothing was saved.
        await page.GotoAsync("/RequestTypes/Edit?code=REP");
        await Assertions.Expect(page.Locator("#Input_NameZh")).ToHaveValueAsync("维修");
        await Assertions.Expect(rows).ToHaveCountAsync(5 + 2);
        await Assertions.Expect(page.Locator("#Input_Statuses_5__LabelZh")).ToHaveValueAsync("");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RequestType_SavedByAnotherAdministrator_StaleFormShowsConflict()
    {
        var first = await SignedInAsync();
        var second = await SignedInAsync();
        await first.GotoAsync("/RequestTypes/Edit?code=CLN");
        await second.GotoAsync("/RequestTypes/Edit?code=CLN");

        await KefuApp.FillAsync(first, "#Input_NameEn", "Cleaning service");
        await first.ClickAsync("[data-testid=save-type]");
        await Assertions.Expect(first.Locator("[data-testid=flash]")).ToContainTextAsync("CLN");

        await KefuApp.FillAsync(second, "#Input_NameEn", "Cleaning (stale)");
        await second.ClickAsync("[data-testid=save-type]");
        await Assertions.Expect(second.Locator("[data-testid=validation-summary]")).ToContainTextAsync("已被其他人修改");
        await second.GotoAsync("/RequestTypes/Edit?code=CLN");
        await Assertions.Expect(second.Locator("#Input_NameEn")).ToHaveValueAsync("Cleaning service");
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task RequestType_Unknown_Shows404()
    {
        var page = await SignedInAsync();
        var response = await page.GotoAsync("/RequestTypes/Edit?code=NOPE");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    private async Task<IPage> SignedInAsync()
    {
        var page = await app.NewPageAsync();
        await KefuApp.LoginAsync(page);
        await page.WaitForURLAsync(new Regex("/$"));
        return page;
    }
}
