using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class NotificationTests(KefuApp app)
{
    [Fact]
    public async Task EmergencyRequest_NotifiesWorkCentreTechnician_BellLeadsToRequestAndMarkAllReadClearsIt()
    {
        var suffix = RandomNumberGenerator.GetInt32(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var assistant = await app.NewPageAsync();
        await KefuApp.LoginAsync(assistant, "assistant");
        await assistant.GotoAsync("/ServiceRequests/Create");
        var customer = await assistant.Locator("#Input_CustomerId option:nth-child(2)").GetAttributeAsync("value");
        await assistant.EvaluateAsync("v => document.querySelector('#Input_CustomerId').tomselect.setValue(v)", customer);
        await assistant.SelectOptionAsync("#Input_Type", "REP");
        await assistant.SelectOptionAsync("#Input_Urgency", "emergency");
        await KefuApp.FillAsync(assistant, "#Input_ShortText", "紧急漏水 " + suffix);
        await assistant.SelectOptionAsync("#Input_WorkCentreId", new SelectOptionValue { Label = "上海安装工作中心 (SH-INST)" });
        await assistant.ClickAsync("[data-testid=save-request]");
        await assistant.WaitForURLAsync(new Regex(@"/ServiceRequests/Details\?number="));
        var number = await assistant.Locator("[data-testid=request-number]").InnerTextAsync();

        var technician = await app.NewPageAsync();
        await KefuApp.LoginAsync(technician, "technician");
        await Assertions.Expect(technician.Locator("[data-testid=unread-count]")).ToBeVisibleAsync();
        await technician.ClickAsync("[data-testid=notifications-bell]");
        await technician.WaitForURLAsync(new Regex("/Notifications$"));
        var notice = technician.Locator("[data-testid=notification-link]").Filter(new LocatorFilterOptions { HasText = number });
        await Assertions.Expect(notice).ToHaveCountAsync(1);
        await KefuApp.ScreenshotAsync(technician, "16-notifications");
        await notice.ClickAsync();
        await technician.WaitForURLAsync(new Regex(@"/ServiceRequests/Details\?number=" + Regex.Escape(number) + "$"));
        await Assertions.Expect(technician.Locator("[data-testid=request-status]")).ToContainTextAsync("XJ");

        await technician.GotoAsync("/Notifications");
        await technician.ClickAsync("[data-testid=mark-all-read]");
        await Assertions.Expect(technician.Locator("[data-testid=flash]")).ToBeVisibleAsync();
        await Assertions.Expect(technician.Locator("[data-testid=unread-count]")).ToHaveCountAsync(0);
        await Assertions.Expect(technician.Locator("[data-testid=mark-all-read]")).ToHaveCountAsync(0);
        await assistant.Context.CloseAsync();
        await technician.Context.CloseAsync();
    }
}
