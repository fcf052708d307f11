using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>An administrator sees the scheduled jobs and runs one now (RUN-2).</summary>
[Collection(BrowserCollection.Name)]
public sealed class SchedulingTests(KefuApp app)
{
    [Fact]
    public async Task ScheduledJobs_RunNow_RunIsListedWithItsOutcome()
    {
        var page = await app.NewPageAsync();
        await KefuApp.LoginAsync(page);
        await page.WaitForURLAsync(new Regex("/$"));
        await page.ClickAsync("[data-testid=nav-scheduling]");
        await page.WaitForURLAsync(new Regex("/Scheduling$"));
        var row = page.Locator("[data-testid=job-purge-idempotency]");
        await Assertions.Expect(row).ToContainTextAsync("0 17 3 * * ?");

        await page.ClickAsync("[data-testid=run-purge-idempotency]");
        await Assertions.Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("purge-idempotency");

        // The scheduler runs it in the background: reload until the run is listed as succeeded.
        var runs = page.Locator("[data-testid=runs] tbody tr").Filter(new LocatorFilterOptions { HasText = "purge-idempotency" });
        for (var i = 0; i < 50 && await runs.Filter(new LocatorFilterOptions { HasText = "成功" }).CountAsync() == 0; i++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }

        await Assertions.Expect(runs.First).ToContainTextAsync("成功");
        await Assertions.Expect(row).ToContainTextAsync("成功");
        await KefuApp.ScreenshotAsync(page, "scheduling");
        await page.Context.CloseAsync();
    }
}
