using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ClassificationTests(KefuApp app)
{
    [Fact]
    public async Task Admin_RunsClassification_SeesPyramidDrillsDownAndSeesBadgesAndHistory()
    {
        var page = await app.NewPageAsync();
        await KefuApp.LoginAsync(page);

        await page.ClickAsync("[data-testid=nav-classification]");
        await page.WaitForURLAsync(new Regex("/Classification$"));
        await Assertions.Expect(page.Locator("[data-testid=scheme-table] tbody tr").Nth(3)).ToBeVisibleAsync(); // abc, tier, membership, lifecycle (and rule schemes other tests add)
        await page.ClickAsync("[data-testid=run-classification]");
        // The runs table polls (htmx) until the run is done.
        await Assertions.Expect(page.Locator("[data-testid=run-row]").First).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 60_000 });
        // Each scheme's outcome by its name, in the page's language.
        await Assertions.Expect(page.Locator("[data-testid=run-row]").First.Locator("[data-testid=run-scheme][data-scheme=abc]")).ToHaveTextAsync(new Regex("^ABC 分类：成功（\\d+ 项变更）$"));
        await page.ReloadAsync();
        // The demo customers have no purchases yet: all of them are C customers, the base of the pyramid.
        var layers = page.Locator("[data-testid=pyramid-abc] [data-testid=pyramid-layer]");
        await Assertions.Expect(layers).ToHaveCountAsync(3);
        var top = layers.Last;
        await Assertions.Expect(top).ToContainTextAsync("C 类客户");
        await KefuApp.ScreenshotAsync(page, "classification-pyramid");

        await top.ClickAsync();
        await page.WaitForURLAsync(new Regex("/Customers\\?class=abc(%3A|:)C"));
        var firstRow = page.Locator("[data-testid=customer-table] tbody tr").First;
        await Assertions.Expect(firstRow.Locator("[data-testid=class-badge][data-scheme=abc]")).ToHaveTextAsync("C 类客户");
        // The filter bar shows the class filter, which can be cleared and chosen again there; it keeps the other filters.
        var classFilter = page.Locator("[data-testid=class-filter]");
        await Assertions.Expect(classFilter).ToHaveValueAsync("abc:C");
        await KefuApp.ScreenshotAsync(page, "classification-customer-list");
        await classFilter.SelectOptionAsync("");
        await page.WaitForURLAsync(url => !url.Contains("class=abc", StringComparison.Ordinal));
        await classFilter.SelectOptionAsync("abc:C");
        await page.WaitForURLAsync(new Regex("class=abc(%3A|:)C"));
        var rows = page.Locator("[data-testid=customer-table] tbody tr");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        await Assertions.Expect(rows.Filter(new() { HasNot = page.Locator("[data-testid=class-badge][data-scheme=abc]", new() { HasText = "C 类客户" }) })).ToHaveCountAsync(0);
        await page.Locator("[data-testid=customer-search]").FillAsync("C000");
        await page.WaitForURLAsync(new Regex("q=C000.*class=abc(%3A|:)C|class=abc(%3A|:)C.*q=C000"));

        await firstRow.Locator("[data-testid=customer-link]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/Customers/Details"));
        foreach (var s in new[] { "abc", "tier", "membership", "lifecycle" })
        {
            await Assertions.Expect(page.Locator($"h1 [data-testid=class-badge][data-scheme={s}]")).ToHaveCountAsync(1);
        }

        await Assertions.Expect(page.Locator("[data-testid=class-history] tbody tr").Nth(3)).ToBeVisibleAsync();
        // The history names schemes and classes as the badges do, not by their codes.
        var abcChange = page.Locator("[data-testid=class-change][data-scheme=abc]").First;
        await Assertions.Expect(abcChange.Locator("[data-testid=class-change-scheme]")).ToHaveTextAsync("ABC 分类");
        await Assertions.Expect(abcChange.Locator("[data-testid=class-change-to]")).ToHaveTextAsync(
            await page.Locator("h1 [data-testid=class-badge][data-scheme=abc]").InnerTextAsync());
        await Assertions.Expect(abcChange.Locator("[data-testid=class-change-to] [data-class]")).ToHaveAttributeAsync("data-class", new Regex("^[ABC]$"));
        await KefuApp.ScreenshotAsync(page, "classification-customer");

        // In English, the history and the run's outcomes read in English.
        await page.ClickAsync("[data-testid=lang-en]");
        await Assertions.Expect(abcChange.Locator("[data-testid=class-change-scheme]")).ToHaveTextAsync("ABC analysis");
        await KefuApp.ScreenshotAsync(page, "classification-customer-en");
        await page.GotoAsync("/Classification");
        await Assertions.Expect(page.Locator("[data-testid=run-row]").First.Locator("[data-testid=run-scheme][data-scheme=abc]"))
            .ToHaveTextAsync(new Regex("^ABC analysis: succeeded \\(\\d+ changes\\)$"));
        await KefuApp.ScreenshotAsync(page, "classification-runs-en", fullPage: true);
        await page.ClickAsync("[data-testid=lang-zh]");
        await Assertions.Expect(page.Locator("[data-testid=nav-classification]")).ToHaveTextAsync("客户分类");

        // The request list filters by the customer's class the same way.
        await page.GotoAsync("/ServiceRequests");
        await page.SelectOptionAsync("[data-testid=request-class-filter]", "abc:C");
        await page.ClickAsync("[data-testid=request-filter-submit]");
        await page.WaitForURLAsync(new Regex("class=abc(%3A|:)C"));
        await Assertions.Expect(page.Locator("[data-testid=request-class-filter]")).ToHaveValueAsync("abc:C");
        var requestRows = page.Locator("[data-testid=request-table] tbody tr[data-href]");
        await Assertions.Expect(requestRows.Filter(new() { HasNot = page.Locator("[data-testid=class-badge][data-scheme=abc]", new() { HasText = "C 类客户" }) })).ToHaveCountAsync(0);
        await KefuApp.ScreenshotAsync(page, "classification-request-list");
    }
}
