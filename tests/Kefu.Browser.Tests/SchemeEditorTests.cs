using System.Text.RegularExpressions;
using Kefu.Core.Classification;
using Kefu.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>The scheme settings and class editor: ABC cut-off and own window, class A's SLA level and colour, seen on the Index page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SchemeEditorTests(KefuApp app)
{
    [Fact]
    public async Task Admin_EditsAbcCutOffWindowAndClassA_SeesThemOnTheClassificationPage()
    {
        // The browser tests share one app: put the abc scheme back as found afterwards.
        await using var scope = app.Services.CreateAsyncScope();
        var classification = scope.ServiceProvider.GetRequiredService<ClassificationService>();
        var original = (await classification.GetSchemeAsync(Caller.System, "abc")).Value;
        try
        {
            var page = await app.NewPageAsync();
            page.Dialog += (_, dialog) => dialog.AcceptAsync(); // "takes effect on the next run" confirmations
            await KefuApp.LoginAsync(page);
            await page.WaitForURLAsync(new Regex("/$"));
            await page.GotoAsync("/Classification");
            await page.ClickAsync("[data-testid=scheme-link-abc]");
            await page.WaitForURLAsync(new Regex("/Classification/Scheme/abc$"));
            await Assertions.Expect(page.Locator("[data-testid=cut-upto-0]")).ToHaveValueAsync("80");

            // A cut-off above 100 % is refused with its message under the input; nothing is saved.
            await KefuApp.FillAsync(page, "[data-testid=cut-upto-0]", "150");
            await page.ClickAsync("[data-testid=scheme-save]");
            await Assertions.Expect(page.Locator("[data-testid=cut-upto-error-0]")).ToContainTextAsync("占比须逐个递增，且在 0 到 100% 之间");
            await Assertions.Expect(page.Locator("[data-testid=version-row]")).ToHaveCountAsync(original.CurrentVersion);

            await KefuApp.FillAsync(page, "[data-testid=cut-upto-0]", "70");
            await KefuApp.FillAsync(page, "[data-testid=abc-window]", "6");
            await page.ClickAsync("[data-testid=scheme-save]");
            await Assertions.Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("分类方案 abc 已保存");
            await Assertions.Expect(page.Locator("[data-testid=cut-upto-0]")).ToHaveValueAsync("70");
            await Assertions.Expect(page.Locator("[data-testid=abc-window]")).ToHaveValueAsync("6");
            await Assertions.Expect(page.Locator("[data-testid=version-row]")).ToHaveCountAsync(original.CurrentVersion + 1);
            await Assertions.Expect(page.Locator("[data-testid=version-row] [data-testid=version-by]").First).ToHaveTextAsync("admin");
            await KefuApp.ScreenshotAsync(page, "classification-scheme-editor");

            // Class A: SLA level from the service levels, a new colour.
            await page.ClickAsync("[data-testid=edit-class-A]");
            await Assertions.Expect(page.Locator("[data-testid=class-form]")).ToBeVisibleAsync();
            await page.SelectOptionAsync("[data-testid=class-sla]", "FULL");
            await page.Locator("[data-testid=class-colour]").FillAsync("#aa3366");
            await page.Locator("#class-editor").ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(KefuApp.ScreenshotFolder, "classification-class-editor.png") });
            await page.ClickAsync("[data-testid=class-save]");
            await Assertions.Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("类别 A 已保存");
            await Assertions.Expect(page.Locator("[data-testid=class-row-A] [data-testid=class-row-sla]")).ToHaveTextAsync("FULL");
            await Assertions.Expect(page.Locator("[data-testid=class-row-A] [data-testid=class-swatch]")).ToHaveAttributeAsync("data-colour", "#aa3366");

            // The Classification page shows the class with its colour and SLA level, and the pyramid's A layer in that colour.
            await page.GotoAsync("/Classification");
            var badge = page.Locator("[data-testid=scheme-class-abc-A]");
            await Assertions.Expect(badge).ToHaveAttributeAsync("data-colour", "#aa3366");
            await Assertions.Expect(badge).ToContainTextAsync("FULL");
            await Assertions.Expect(page.Locator("[data-testid=pyramid-abc] [data-testid=pyramid-layer]").First).ToHaveAttributeAsync("style", new Regex("#aa3366"));
        }
        finally
        {
            var current = (await classification.GetSchemeAsync(Caller.System, "abc")).Value;
            await classification.UpdateSchemeAsync(Caller.System, "abc", new SchemeInput(
                NameZh: original.NameZh, NameEn: original.NameEn, Enabled: original.Enabled, Settings: original.Settings, Version: current.Version));
            var a = original.Classes.Single(c => c.Code == "A");
            var currentA = current.Classes.Single(c => c.Code == "A");
            await classification.PutClassAsync(Caller.System, "abc", "A", new ClassInput(
                a.NameZh, a.NameEn, a.SortOrder, a.Colour, a.Priority, a.ServiceLevelCode, a.GreenChannel, a.CallbackCadenceDays, a.VisitCadenceDays,
                currentA.Version));
        }
    }
}
