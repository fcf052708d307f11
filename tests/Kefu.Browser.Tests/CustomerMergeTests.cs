using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Kefu.Core.Classification;
using Kefu.Core.Customers;
using Kefu.Core.Data;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Kefu.Core.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class CustomerMergeTests(KefuApp app)
{
    [Fact]
    public async Task Admin_MergesADuplicate_PicksTheSurvivor_SeesCounts_LandsOnTheSurvivorWithHistory()
    {
        var suffix = RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var phone = "137" + suffix;
        CustomerDetail survivor, duplicate;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
            var unit = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.ResponsibilityCentre).OrderBy(u => u.Code).Select(u => u.Id).FirstAsync();
            var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
            CustomerInput Input(string name, string street) => new()
            {
                Kind = "person", Name = name, Nature = "retail", OrgUnitId = unit,
                Contacts = [new ContactInput(null, "赵女士", phone, null, null)],
                Addresses = [new AddressInput(null, "家", "上海市", "上海市", "徐汇区", street, null, true)],
            };
            survivor = (await customers.CreateAsync(Caller.System, Input("合并测试 " + suffix, "漕溪北路1号"))).Value;
            duplicate = (await customers.CreateAsync(Caller.System, Input("合并测试（重复） " + suffix, "漕溪北路2号"))).Value;
            // The duplicate has a churn record and a green-channel flag: both move to the survivor.
            await scope.ServiceProvider.GetRequiredService<ClassificationService>()
                .RecordChurnAsync(Caller.System, duplicate.Id, new ChurnInput(ChurnReason.Competitor, "转投竞品"));
            await scope.ServiceProvider.GetRequiredService<ServiceLevelService>().SetGreenChannelAsync(Caller.System, duplicate.Id, on: true);
        }

        var page = await app.NewPageAsync();
        await KefuApp.LoginAsync(page);
        await page.WaitForURLAsync(new Regex("/$"));

        // From the duplicate's page: the survivor is offered as a likely duplicate (same phone).
        await page.GotoAsync($"/Customers/Details/{duplicate.Id}");
        await page.ClickAsync("[data-testid=merge-customer]");
        await page.WaitForURLAsync(new Regex($"/Customers/Merge/{duplicate.Id}"));
        var candidate = page.Locator("[data-testid=merge-candidate]").Filter(new LocatorFilterOptions { HasText = survivor.Number });
        await Assertions.Expect(candidate).ToBeVisibleAsync();
        await KefuApp.ScreenshotAsync(page, "merge-01-candidates");
        await candidate.ClickAsync();

        // The page starts with "keep this one"; keep the other, then see what moves.
        await Assertions.Expect(page.Locator("[data-testid=merge-preview]")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=keep-other]");
        await Assertions.Expect(page.Locator("[data-testid=merge-summary]")).ToContainTextAsync($"{duplicate.Number} {duplicate.Name} 将并入 {survivor.Number}");
        await Assertions.Expect(page.Locator("[data-testid=merge-count][data-kind=Classification] [data-testid=merge-count-rows]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=merge-count][data-kind=Sla] [data-testid=merge-count-rows]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=merge-count][data-kind=Requests]")).ToContainTextAsync("服务请求");
        await KefuApp.ScreenshotAsync(page, "merge-02-preview", fullPage: true);

        await page.ClickAsync("[data-testid=lang-en]");
        await Assertions.Expect(page.Locator("[data-testid=merge-summary]")).ToContainTextAsync($"will be merged into {survivor.Number}");
        await Assertions.Expect(page.Locator("[data-testid=merge-count][data-kind=Classification]")).ToContainTextAsync("Classes, class history, churn record");
        await KefuApp.ScreenshotAsync(page, "merge-03-preview-en", fullPage: true);
        await page.ClickAsync("[data-testid=lang-zh]");

        // Confirm (an antiforgery form): land on the survivor with the message; the duplicate is gone.
        await page.ClickAsync("[data-testid=merge-confirm]");
        await page.WaitForURLAsync(new Regex($"/Customers/Details/{survivor.Id}$"));
        await Assertions.Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync(survivor.Number);
        await Assertions.Expect(page.Locator("[data-testid=customer-green]")).ToBeVisibleAsync();
        await KefuApp.ScreenshotAsync(page, "merge-04-survivor");

        // The history shows the merge, what moved, and the duplicate's own history.
        await page.ClickAsync("[data-testid=history-tab]");
        var history = page.Locator("[data-testid=history-panel]");
        await Assertions.Expect(history).ToContainTextAsync("客户合并");
        await Assertions.Expect(history).ToContainTextAsync("流失记录");
        await Assertions.Expect(history).ToContainTextAsync($"{duplicate.Number} {duplicate.Name}");
        await KefuApp.ScreenshotAsync(page, "merge-05-history", fullPage: true);

        var gone = await page.GotoAsync($"/Customers/Details/{duplicate.Id}");
        Assert.Equal(404, gone!.Status);
    }
}
