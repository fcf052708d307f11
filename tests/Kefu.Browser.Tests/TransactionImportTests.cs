using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kefu.Core.Data;
using Kefu.Core.Transactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class TransactionImportTests(KefuApp app)
{
    [Fact]
    public async Task Assistant_DryRunsAFile_ImportsTheGoodRows_AndSeesThePurchaseHistory()
    {
        Guid customerId;
        string number;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
            var c = await db.Customers.OrderBy(x => x.Number).Select(x => new { x.Id, x.Number }).FirstAsync();
            (customerId, number) = (c.Id, c.Number);
        }

        var tag = RandomNumberGenerator.GetInt32(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        string Day(int ago) => today.AddDays(-ago).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var csv = string.Join("\n",
            "客户编号,日期,金额,商品,渠道,支付方式,促销,单号",
            $"{number},{Day(1)},3680.00,浏览器沙发{tag} x1,线下,微信支付,双11,BT-{tag}-1",
            $"{number},{Day(40)},199.00,靠垫 x2,线上,支付宝,,BT-{tag}-2",
            $"{number},{Day(90)},1280.50,餐桌 x1,线下,银联卡,,BT-{tag}-3",
            $"C99999999,{Day(3)},10.00,台灯,线上,现金,,BT-{tag}-4") + "\n";

        var page = await app.NewPageAsync();
        await KefuApp.LoginAsync(page);
        await page.WaitForURLAsync(new Regex("/$"));
        await page.ClickAsync("[data-testid=nav-transactions]");
        await page.WaitForURLAsync(new Regex("/Transactions/Import$"));
        await page.SetInputFilesAsync("[data-testid=import-file]", new FilePayload { Name = "购买记录.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });

        // Dry run: the bad row is reported with its line number and reason; nothing is written.
        await page.ClickAsync("[data-testid=dry-run]");
        await page.WaitForURLAsync(new Regex("/Transactions/ImportStatus/"));
        await Assertions.Expect(page.Locator("[data-testid=import-progress]")).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=import-bad]")).ToHaveTextAsync("1");
        var errorRow = page.Locator("[data-testid=import-errors] tbody tr");
        await Assertions.Expect(errorRow).ToHaveCountAsync(1);
        await Assertions.Expect(errorRow.Locator("td").First).ToHaveTextAsync("5");
        await Assertions.Expect(errorRow).ToContainTextAsync("客户不存在");
        await Assertions.Expect(errorRow.Locator("[data-testid=import-error-field]")).ToHaveTextAsync("客户编号");
        await Assertions.Expect(errorRow.Locator("[data-testid=import-error-reason]")).ToHaveTextAsync("您的单位中没有客户 C99999999。");
        await KefuApp.ScreenshotAsync(page, "transactions-dry-run");
        await page.ClickAsync("[data-testid=lang-en]");
        await Assertions.Expect(errorRow.Locator("[data-testid=import-error-field]")).ToHaveTextAsync("customer number");
        await Assertions.Expect(errorRow.Locator("[data-testid=import-error-reason]")).ToHaveTextAsync("No customer C99999999 in your units.");
        await KefuApp.ScreenshotAsync(page, "transactions-dry-run-en");
        await page.ClickAsync("[data-testid=lang-zh]");
        await Assertions.Expect(errorRow.Locator("[data-testid=import-error-field]")).ToHaveTextAsync("客户编号");

        // Import the checked file, skipping the bad row; the progress reaches 100 %.
        await Assertions.Expect(page.Locator("[data-testid=import-checked-mode]")).ToHaveValueAsync("skip-bad-rows");
        await page.ClickAsync("[data-testid=import-checked]");
        await Assertions.Expect(page.Locator("[data-testid=import-progress]")).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=import-percent]")).ToHaveTextAsync("100 %");
        await Assertions.Expect(page.Locator("[data-testid=import-written]")).ToHaveTextAsync("3");
        await KefuApp.ScreenshotAsync(page, "transactions-import");

        // The customer's purchase history shows the new rows, newest first, with totals.
        await page.GotoAsync($"/Customers/Details/{customerId}");
        var history = page.Locator("[data-testid=purchase-history]");
        await Assertions.Expect(history).ToBeVisibleAsync();
        await Assertions.Expect(history.Locator("tbody tr").First).ToContainTextAsync($"浏览器沙发{tag}");
        await Assertions.Expect(history.Locator("[data-testid=purchase-totals]")).ToBeVisibleAsync();
        await KefuApp.ScreenshotAsync(page, "transactions-customer-history", fullPage: true);
    }

    [Fact]
    public void Resources_EveryTransactionEnumValue_HasALabelInBothLanguages()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Kefu.slnx")))
        {
            root = root.Parent!;
        }

        var web = Path.Combine(root.FullName, "src", "Kefu.Web", "Resources");
        foreach (var file in new[] { "SharedResource.resx", "SharedResource.en.resx" })
        {
            var keys = XDocument.Load(Path.Combine(web, file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
            var wanted = Enum.GetValues<SalesChannel>().Select(v => $"Enum.SalesChannel.{v}")
                .Concat(Enum.GetValues<ImportMode>().Select(v => $"Enum.ImportMode.{v}"))
                .Concat(Enum.GetValues<ImportState>().Select(v => $"Enum.ImportState.{v}"))
                .Concat(Enum.GetValues<ImportSource>().Select(v => $"Enum.ImportSource.{v}"))
                .Concat(new[] { "unknown-customer", "bad-customer", "bad-date", "bad-amount", "bad-channel", "missing-field", "too-long", "duplicate-reference", "already-imported", "nul-character" }
                    .Select(c => "Transactions.Error." + c));
            Assert.All(wanted, k => Assert.Contains(k, keys));
        }
    }
}
