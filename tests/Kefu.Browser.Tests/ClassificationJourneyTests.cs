using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Kefu.Core.Customers;
using Kefu.Core.Data;
using Kefu.Core.Transactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>Issue 4's journey: import purchases, write a rule with live syntax check, preview, apply, see the pyramid, badge and history.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ClassificationJourneyTests(KefuApp app)
{
    [Fact]
    public async Task Admin_ImportsPurchases_PreviewsAndAppliesARule_SeesPyramidBadgeAndHistory()
    {
        var tag = RandomNumberGenerator.GetInt32(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var scheme = "r" + tag;
        var potential = "潜力" + tag;
        Guid bigId, taggedId;
        string bigNumber, smallNumber;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
            var picked = await db.Customers.OrderBy(x => x.Number).Skip(3).Take(3).Select(x => new { x.Id, x.Number }).ToListAsync();
            (bigId, bigNumber) = (picked[0].Id, picked[0].Number);
            smallNumber = picked[1].Number;
            taggedId = picked[2].Id;
            await db.Database.ExecuteSqlAsync($"INSERT INTO customer_tags (\"CustomerId\", \"Tag\") VALUES ({taggedId}, {potential})");
        }

        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        string Day(int ago) => today.AddDays(-ago).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var csv = string.Join("\n",
            "客户编号,日期,金额,商品,渠道,支付方式,促销,单号",
            $"{bigNumber},{Day(5)},4800.00,真皮沙发{tag} x1,线下,微信支付,,CJ-{tag}-1",
            $"{bigNumber},{Day(35)},260.00,靠垫 x2,线上,支付宝,,CJ-{tag}-2",
            $"{smallNumber},{Day(10)},900.00,茶几 x1,线下,银联卡,,CJ-{tag}-3") + "\n";

        var page = await app.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await KefuApp.LoginAsync(page);
        await page.WaitForURLAsync(new Regex("/$"));

        // Import: dry run, then the checked file.
        await page.GotoAsync("/Transactions/Import");
        await page.SetInputFilesAsync("[data-testid=import-file]", new FilePayload { Name = "分类购买.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("[data-testid=dry-run]");
        await page.WaitForURLAsync(new Regex("/Transactions/ImportStatus/"));
        await Assertions.Expect(page.Locator("[data-testid=import-progress]")).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=import-bad]")).ToHaveTextAsync("0");
        await page.ClickAsync("[data-testid=import-checked]");
        await Assertions.Expect(page.Locator("[data-testid=import-progress]")).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=import-written]")).ToHaveTextAsync("3");

        // A new rule scheme; a broken rule is marked where it breaks, in Chinese.
        await page.GotoAsync("/Classification");
        await page.ClickAsync("[data-testid=new-rule-scheme]");
        await page.WaitForURLAsync(new Regex("/Classification/Rule$"));
        await KefuApp.FillAsync(page, "[data-testid=rule-code]", scheme);
        await KefuApp.FillAsync(page, "[data-testid=rule-name-zh]", "大单或潜力");
        await KefuApp.FillAsync(page, "[data-testid=rule-name-en]", "Big ticket or potential");
        await KefuApp.FillAsync(page, "[data-testid=rule-class-0]", "vip");
        var broken = $"max_single_purchase > 3000 or taged('{potential}')";
        await KefuApp.FillAsync(page, "[data-testid=rule-expression-0]", broken);
        var check = page.Locator("[data-testid=rule-check-0]");
        await Assertions.Expect(check.Locator("[data-testid=rule-check-error]")).ToContainTextAsync("未知的函数“taged”。是否指“tagged”");
        await Assertions.Expect(check.Locator("[data-testid=rule-check-mark]")).ToHaveTextAsync("taged");
        await Assertions.Expect(page.Locator("[data-testid=vocabulary]")).ToContainTextAsync("consecutive_purchases");
        await KefuApp.ScreenshotAsync(page, "classification-rule-editor");

        var rule = $"max_single_purchase > 3000 or tagged('{potential}')";
        await KefuApp.FillAsync(page, "[data-testid=rule-expression-0]", rule);
        await Assertions.Expect(check.Locator("[data-testid=rule-check-ok]")).ToBeVisibleAsync();

        // Preview: everyone who matches enters (the scheme is new), nobody leaves or stays.
        int expected;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
            var from = today.AddMonths(-12);
            var big = (await db.Set<CustomerTransaction>().Where(t => t.Date >= from).Select(t => new { t.CustomerId, t.Amount }).ToListAsync())
                .Where(t => t.Amount > 3000).Select(t => t.CustomerId);
            var tagged = await db.Set<CustomerTag>().Where(t => t.Tag == potential).Select(t => t.CustomerId).ToListAsync();
            expected = big.Concat(tagged).Distinct().Count();
        }

        Assert.True(expected >= 2);
        await page.ClickAsync("[data-testid=rule-preview]");
        var row = page.Locator("[data-testid=preview-row-vip]");
        await Assertions.Expect(row.Locator("[data-testid=entering]")).ToHaveTextAsync(expected.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(row.Locator("[data-testid=leaving]")).ToHaveTextAsync("0");
        await Assertions.Expect(row.Locator("[data-testid=staying]")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("[data-testid=preview-total] [data-testid=entering]")).ToHaveTextAsync(expected.ToString(CultureInfo.InvariantCulture));
        await KefuApp.ScreenshotAsync(page, "classification-preview", fullPage: true);

        // Apply (confirmed): saved and run; the runs table polls until it is done, then the scheme's pyramid shows the class.
        await page.ClickAsync("[data-testid=rule-apply]");
        await page.WaitForURLAsync(new Regex("/Classification$"));
        await Assertions.Expect(page.Locator("[data-testid=run-row]").First).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 60_000 });
        await page.ReloadAsync();
        var layer = page.Locator($"[data-testid=pyramid-{scheme}] [data-testid=pyramid-layer]");
        await Assertions.Expect(layer).ToHaveCountAsync(1);
        await Assertions.Expect(layer).ToContainTextAsync(expected.ToString(CultureInfo.InvariantCulture));
        await KefuApp.ScreenshotAsync(page, "classification-pyramid", fullPage: true);

        // The customer who bought big carries the badge and its history row.
        await page.GotoAsync($"/Customers/Details/{bigId}");
        await Assertions.Expect(page.Locator($"h1 [data-testid=class-badge][data-scheme={scheme}]")).ToHaveTextAsync("vip");
        var change = page.Locator($"[data-testid=class-change][data-scheme={scheme}]");
        await Assertions.Expect(change).ToHaveCountAsync(1);
        await Assertions.Expect(change.Locator("[data-testid=class-change-scheme]")).ToHaveTextAsync("大单或潜力");
        await Assertions.Expect(change.Locator("[data-testid=class-change-from]")).ToHaveTextAsync("—");
        await Assertions.Expect(change.Locator("[data-testid=class-change-to]")).ToHaveTextAsync("vip");

        // Staff record why a customer left; the lifecycle card shows the reason with who recorded it.
        await page.SelectOptionAsync("[data-testid=churn-reason-select]", "Competitor");
        await KefuApp.FillAsync(page, "[data-testid=churn-note]", "被竞争对手以低价挖走");
        await page.ClickAsync("[data-testid=churn-save]");
        await Assertions.Expect(page.Locator("[data-testid=churn-reason]")).ToHaveTextAsync("竞争流失");
        await Assertions.Expect(page.Locator("[data-testid=churn-recorded]")).ToContainTextAsync("被竞争对手以低价挖走");
        await Assertions.Expect(page.Locator("[data-testid=churn-by]")).ToContainTextAsync(KefuApp.AdminUser);
        await Assertions.Expect(page.Locator($"h1 [data-testid=class-badge][data-scheme={scheme}]")).ToHaveTextAsync("vip");
        await KefuApp.ScreenshotAsync(page, "customer-classes", fullPage: true);
    }
}
