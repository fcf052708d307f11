using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Kefu.Core.Data;
using Kefu.Core.Scheduling;
using Kefu.Core.ServiceRequests;
using Kefu.Core.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SlaTests(KefuApp app)
{
    [Fact]
    public async Task BreachedRequest_ShowsBreachedOnListAndPage_SupervisorSeesTheEscalation()
    {
        var suffix = RandomNumberGenerator.GetInt32(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var assistant = await app.NewPageAsync();
        await KefuApp.LoginAsync(assistant, "assistant");
        await assistant.GotoAsync("/ServiceRequests/Create");
        var customer = await assistant.Locator("#Input_CustomerId option:nth-child(2)").GetAttributeAsync("value");
        await assistant.EvaluateAsync("v => document.querySelector('#Input_CustomerId').tomselect.setValue(v)", customer);
        await assistant.SelectOptionAsync("#Input_Type", "REP");
        await assistant.SelectOptionAsync("#Input_Urgency", "high");
        await KefuApp.FillAsync(assistant, "#Input_ShortText", "热水器不出热水 " + suffix);
        await assistant.ClickAsync("[data-testid=save-request]");
        await assistant.WaitForURLAsync(new Regex(@"/ServiceRequests/Details\?number="));
        var number = await assistant.Locator("[data-testid=request-number]").InnerTextAsync();
        await Assertions.Expect(assistant.Locator("[data-testid=sla-panel] [data-testid=sla-state]")).ToHaveTextAsync("正常");
        await Assertions.Expect(assistant.Locator("[data-testid=sla-level]")).ToHaveTextAsync("BASIC");

        // The first-response target passes unanswered: its clock was due an hour ago, then the every-minute scan runs.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
            var id = await db.Set<ServiceRequest>().Where(r => r.Number == number).Select(r => r.Id).SingleAsync();
            var past = TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-1);
            await db.Set<SlaClock>().Where(c => c.RequestId == id && c.Kind == SlaKind.FirstResponse)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.DueAt, past).SetProperty(c => c.WarnAt, past.AddMinutes(-15)));
            var job = scope.ServiceProvider.GetServices<IScheduledJob>().Single(j => j.Name == "sla-scan");
            await job.RunAsync(CancellationToken.None);
        }

        await assistant.GotoAsync("/ServiceRequests?sla=Breached");
        var row = assistant.Locator("[data-testid=request-table] tr").Filter(new LocatorFilterOptions { HasText = number });
        await Assertions.Expect(row.Locator("[data-testid=sla-state]")).ToHaveTextAsync("已超时");
        await KefuApp.ScreenshotAsync(assistant, "sla-list-breached");

        var supervisor = await app.NewPageAsync();
        await KefuApp.LoginAsync(supervisor, "supervisor");
        await supervisor.ClickAsync("[data-testid=notifications-bell]");
        await supervisor.WaitForURLAsync(new Regex("/Notifications$"));
        var notice = supervisor.Locator("[data-testid=notification-link]").Filter(new LocatorFilterOptions { HasText = number });
        await Assertions.Expect(notice).ToHaveCountAsync(1);
        await Assertions.Expect(notice).ToContainTextAsync("SLA");
        await KefuApp.ScreenshotAsync(supervisor, "sla-supervisor-escalation");
        await notice.ClickAsync();
        await supervisor.WaitForURLAsync(new Regex(@"/ServiceRequests/Details\?number=" + Regex.Escape(number) + "$"));
        await Assertions.Expect(supervisor.Locator("[data-testid=sla-panel] [data-testid=sla-state]")).ToHaveTextAsync("已超时");
        await Assertions.Expect(supervisor.Locator("[data-testid=sla-clock-FirstResponse]")).ToContainTextAsync("已超时");
        await Assertions.Expect(supervisor.Locator("h1")).ToContainTextAsync("紧急");
        await KefuApp.ScreenshotAsync(supervisor, "sla-request-breached");

        await supervisor.GotoAsync("/Sla/Levels");
        await Assertions.Expect(supervisor.Locator("[data-testid=service-level-table]")).ToContainTextAsync("BASIC");
        await KefuApp.ScreenshotAsync(supervisor, "sla-levels");
        await assistant.Context.CloseAsync();
        await supervisor.Context.CloseAsync();
    }

    [Fact]
    public async Task Supervisor_PutsCustomerOnGreenChannelWithConfirmation_ItsRequestLeadsTheListWithTheBadge()
    {
        var suffix = RandomNumberGenerator.GetInt32(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var page = await app.NewPageAsync();
        await KefuApp.LoginAsync(page, "supervisor");
        await page.GotoAsync("/ServiceRequests/Create");
        var customer = await page.Locator("#Input_CustomerId option:nth-child(3)").GetAttributeAsync("value");

        await page.GotoAsync("/Customers/Details/" + customer);
        await Assertions.Expect(page.Locator("[data-testid=customer-green]")).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=green-toggle]");
        await Assertions.Expect(page.Locator("[data-testid=confirm-green]")).ToContainTextAsync("绿色通道");
        await page.ClickAsync("[data-testid=confirm-green-submit]");
        await Assertions.Expect(page.Locator("[data-testid=customer-green]")).ToContainTextAsync("绿色通道");
        await KefuApp.ScreenshotAsync(page, "sla-customer-green-channel");

        await page.GotoAsync("/ServiceRequests/Create");
        await page.EvaluateAsync("v => document.querySelector('#Input_CustomerId').tomselect.setValue(v)", customer);
        await page.SelectOptionAsync("#Input_Type", "REP");
        await KefuApp.FillAsync(page, "#Input_ShortText", "绿色通道客户报修 " + suffix);
        await page.ClickAsync("[data-testid=save-request]");
        await page.WaitForURLAsync(new Regex(@"/ServiceRequests/Details\?number="));
        var number = await page.Locator("[data-testid=request-number]").InnerTextAsync();

        // Default sort: green channel first, with the badge.
        await page.GotoAsync("/ServiceRequests");
        var first = page.Locator("[data-testid=request-table] tbody tr").First;
        await Assertions.Expect(first.Locator("[data-testid=sla-green]")).ToHaveCountAsync(1);
        var row = page.Locator("[data-testid=request-table] tbody tr").Filter(new LocatorFilterOptions { HasText = number });
        await Assertions.Expect(row.Locator("[data-testid=sla-green]")).ToHaveCountAsync(1);
        await KefuApp.ScreenshotAsync(page, "sla-list-green-first");

        // Taking the customer off asks again and removes the badge from the customer page.
        await page.GotoAsync("/Customers/Details/" + customer);
        await page.ClickAsync("[data-testid=green-toggle]");
        await page.ClickAsync("[data-testid=confirm-green-submit]");
        await Assertions.Expect(page.Locator("[data-testid=customer-green]")).ToHaveCountAsync(0);

        // An assistant sees the badge but cannot switch it.
        var assistant = await app.NewPageAsync();
        await KefuApp.LoginAsync(assistant, "assistant");
        await assistant.GotoAsync("/Customers/Details/" + customer);
        await Assertions.Expect(assistant.Locator("[data-testid=green-toggle]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
        await assistant.Context.CloseAsync();
    }
}
