using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Kefu.Core.Security;
using Kefu.Core.Sla;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>The Z1 (after-payment service) process through the pages, one demo user per role.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ServiceRequestJourneyTests(KefuApp app)
{
    [Fact]
    public async Task Z1Request_RecordedByPhone_GoesThroughSurveyApprovalDepartmentAndCompletion_TimelineShowsEveryStep()
    {
        var suffix = RandomNumberGenerator.GetInt32(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var shortText = "浏览器测试 橱柜门铰链松动 " + suffix;
        var china = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = TimeZoneInfo.ConvertTimeFromUtc(TimeProvider.System.GetUtcNow().UtcDateTime, china).Date;

        // The assistant records the request from a phone call.
        var assistant = await app.NewPageAsync();
        await KefuApp.LoginAsync(assistant, "assistant");
        await assistant.ClickAsync("[data-testid=nav-requests]");
        await assistant.WaitForURLAsync(new Regex("/ServiceRequests$"));
        await assistant.ClickAsync("[data-testid=new-request]");
        await assistant.WaitForURLAsync(new Regex("/ServiceRequests/Create$"));

        // Saving an empty form shows Core's field errors next to the fields.
        await assistant.ClickAsync("[data-testid=save-request]");
        await Assertions.Expect(assistant.Locator("[data-valmsg-for='Input.ShortText']")).Not.ToBeEmptyAsync();
        await Assertions.Expect(assistant.Locator("[data-valmsg-for='Input.CustomerId']")).Not.ToBeEmptyAsync();

        // The customer by search-as-you-type: type part of a demo customer's number, pick the match.
        // A customer off the green channel: the green channel skips the supervisor's approval this journey goes through.
        var customerNumber = await CustomerWithoutGreenChannelAsync(assistant);
        var picker = assistant.Locator("#Input_CustomerId + .ts-wrapper");
        await picker.Locator(".ts-control").ClickAsync();
        await assistant.Keyboard.TypeAsync(customerNumber);
        await picker.Locator(".option").Filter(new LocatorFilterOptions { HasText = customerNumber }).First.ClickAsync();
        await Assertions.Expect(assistant.Locator("#Input_CustomerId")).Not.ToHaveValueAsync("");
        await assistant.SelectOptionAsync("#Input_Type", "Z1");
        await assistant.SelectOptionAsync("#Input_Channel", "phone");
        await assistant.SelectOptionAsync("#Input_Urgency", "high");
        await KefuApp.FillAsync(assistant, "#Input_ShortText", shortText);
        await KefuApp.FillAsync(assistant, "#Input_LongText", "客户来电：厨房吊柜门铰链松动，需要上门勘察。");
        await KefuApp.FillAsync(assistant, "#Input_ReferenceDocument", "SO-" + suffix);
        await KefuApp.FillAsync(assistant, "#Input_RequiredStart", today.ToString("yyyy-MM-dd'T'09:30", CultureInfo.InvariantCulture));
        await assistant.SelectOptionAsync("#Input_WorkCentreId", new SelectOptionValue { Label = "上海安装工作中心 (SH-INST)" });
        await KefuApp.FillAsync(assistant, "#Input_Items_0__CategoryLevel1", "橱柜");
        await KefuApp.FillAsync(assistant, "#Input_Items_0__CategoryLevel2", "吊柜");
        await KefuApp.FillAsync(assistant, "#Input_Items_0__Material", "HINGE-35");
        await KefuApp.FillAsync(assistant, "#Input_Items_0__Quantity", "2");
        await Assertions.Expect(assistant.Locator("#Input_LongText")).ToHaveValueAsync("客户来电：厨房吊柜门铰链松动，需要上门勘察。");
        await Assertions.Expect(assistant.Locator("#Input_ShortText")).ToHaveValueAsync(shortText);
        await KefuApp.ScreenshotAsync(assistant, "10-request-form");
        await assistant.ClickAsync("[data-testid=save-request]");
        await assistant.WaitForURLAsync(new Regex(@"/ServiceRequests/Details\?number="));
        var number = await assistant.Locator("[data-testid=request-number]").InnerTextAsync();
        await Assertions.Expect(assistant.Locator("[data-testid=flash]")).ToContainTextAsync(number);
        await Assertions.Expect(assistant.Locator("[data-testid=request-status]")).ToContainTextAsync("TZJL");
        await Assertions.Expect(assistant.Locator("[data-testid=request-work-centre]")).ToHaveTextAsync("上海安装工作中心");
        await Assertions.Expect(assistant.Locator("[data-testid=items-table]")).ToContainTextAsync("HINGE-35");
        await Assertions.Expect(assistant.Locator("[data-testid=long-text]")).ToContainTextAsync("客户来电");

        // The list shows it; a row opens the request.
        await assistant.ClickAsync("[data-testid=nav-requests]");
        var row = assistant.Locator("[data-testid=request-table] tbody tr").Filter(new LocatorFilterOptions { HasText = number });
        await Assertions.Expect(row).ToContainTextAsync("TZJL");
        await KefuApp.ScreenshotAsync(assistant, "12-request-list");

        // The technician of SH-INST finishes the survey and escalates for head-office support.
        var technician = await app.NewPageAsync();
        await KefuApp.LoginAsync(technician, "technician");
        await technician.GotoAsync("/ServiceRequests/Details?number=" + number);
        await Assertions.Expect(technician.Locator("[data-testid=to-ZGPZ]")).ToHaveCountAsync(0);
        await KefuApp.FillAsync(technician, "[data-testid=transition-comment]", "已上门勘察，需更换铰链");
        await technician.ClickAsync("[data-testid=to-KCJS]");
        await Assertions.Expect(technician.Locator("[data-testid=request-status]")).ToContainTextAsync("KCJS");
        await technician.SelectOptionAsync("#escalate-reason", "head-office-support");
        await technician.ClickAsync("[data-testid=escalate]");
        await Assertions.Expect(technician.Locator("[data-testid=approval-state]")).ToHaveTextAsync("待审批");

        // The supervisor approves from the queue: the request moves to ZGPZ.
        var supervisor = await app.NewPageAsync();
        await KefuApp.LoginAsync(supervisor, "supervisor");
        await supervisor.ClickAsync("[data-testid=nav-approvals]");
        await supervisor.WaitForURLAsync(new Regex("/ServiceRequests/Approvals$"));
        var queued = supervisor.Locator("[data-testid=approval-row]").Filter(new LocatorFilterOptions { HasText = number });
        await Assertions.Expect(queued).ToHaveCountAsync(1);
        await queued.Locator("input[name=comment]").FillAsync("同意总部支持");
        await KefuApp.ScreenshotAsync(supervisor, "13-approvals");
        await supervisor.ClickAsync($"[data-testid=approve-{number}]");
        await Assertions.Expect(supervisor.Locator("[data-testid=flash]")).ToContainTextAsync(number);
        await Assertions.Expect(supervisor.Locator("[data-testid=approval-row]").Filter(new LocatorFilterOptions { HasText = number })).ToHaveCountAsync(0);

        // The assistant has no status to set at ZGPZ.
        await assistant.GotoAsync("/ServiceRequests/Details?number=" + number);
        await Assertions.Expect(assistant.Locator("[data-testid=request-status]")).ToContainTextAsync("ZGPZ");
        await Assertions.Expect(assistant.Locator("[data-testid=no-next-status]")).ToBeVisibleAsync();

        // A refused transition (ZGPZ → WC, posted by a tampered button) shows Core's message as a flash and changes nothing.
        await supervisor.GotoAsync("/ServiceRequests/Details?number=" + number);
        await Assertions.Expect(supervisor.Locator("[data-testid=approval-state]")).ToHaveTextAsync("已批准");
        await supervisor.EvalOnSelectorAsync("[data-testid=to-ZBHF]", "b => b.value = 'WC'");
        await supervisor.ClickAsync("[data-testid=to-ZBHF]");
        await Assertions.Expect(supervisor.Locator("[data-testid=flash].alert-danger")).ToBeVisibleAsync();
        await Assertions.Expect(supervisor.Locator("[data-testid=request-status]")).ToContainTextAsync("ZGPZ");
        await Assertions.Expect(supervisor.Locator("[data-testid=timeline-step]")).ToHaveCountAsync(3);

        // The approval handed the request over to the region's logistics unit (华东物流部), whose staff now see it and reply (ZBHF).
        await Assertions.Expect(supervisor.Locator("body")).ToContainTextAsync("华东物流部");
        var department = await app.NewPageAsync();
        await KefuApp.LoginAsync(department, "department");
        await department.GotoAsync("/ServiceRequests/Details?number=" + number);
        await Assertions.Expect(department.Locator("[data-testid=request-status]")).ToContainTextAsync("ZGPZ");
        await KefuApp.FillAsync(department, "[data-testid=transition-comment]", "物流部已回复：下周二上门更换");
        await department.ClickAsync("[data-testid=to-ZBHF]");
        await Assertions.Expect(department.Locator("[data-testid=request-status]")).ToContainTextAsync("ZBHF");
        await department.Context.CloseAsync();

        // The assistant completes it; the timeline shows all five steps.
        await assistant.ReloadAsync();
        await KefuApp.FillAsync(assistant, "[data-testid=log-text]", "客户确认已修好。");
        await assistant.ClickAsync("[data-testid=log-submit]");
        await Assertions.Expect(assistant.Locator("[data-testid=flash]")).ToBeVisibleAsync();
        await KefuApp.FillAsync(assistant, "[data-testid=transition-comment]", "服务完成");
        await assistant.ClickAsync("[data-testid=to-WC]");
        await Assertions.Expect(assistant.Locator("[data-testid=request-status]")).ToContainTextAsync("WC");
        var steps = assistant.Locator("[data-testid=timeline-step]");
        await Assertions.Expect(steps).ToHaveCountAsync(5);
        var codes = new[] { "TZJL", "KCJS", "ZGPZ", "ZBHF", "WC" };
        for (var i = 0; i < codes.Length; i++)
        {
            await Assertions.Expect(steps.Nth(i)).ToContainTextAsync(codes[i]);
        }

        await Assertions.Expect(steps.Nth(1)).ToContainTextAsync("已上门勘察");
        await Assertions.Expect(steps.Nth(4)).ToContainTextAsync("服务完成");
        await Assertions.Expect(assistant.Locator("[data-testid=no-next-status]")).ToBeVisibleAsync();
        await KefuApp.ScreenshotAsync(assistant, "11-request-detail", fullPage: true);

        // The configured status labels follow the language.
        await assistant.ClickAsync("[data-testid=lang-en]");
        await Assertions.Expect(assistant.Locator("[data-testid=request-status]")).ToContainTextAsync("WC Completed");
        await Assertions.Expect(steps.Nth(1)).ToContainTextAsync("TZJL Created → KCJS Survey finished");
        await assistant.ClickAsync("[data-testid=lang-zh]");

        // List filters: completed Z1 requests include it; excluding the user status WC leaves it out.
        await assistant.GotoAsync("/ServiceRequests?status=Completed&type=Z1");
        await Assertions.Expect(assistant.Locator("[data-testid=request-link]").Filter(new LocatorFilterOptions { HasText = number })).ToHaveCountAsync(1);
        await assistant.GotoAsync("/ServiceRequests?type=Z1&exclude=WC");
        await Assertions.Expect(assistant.Locator("[data-testid=request-link]").Filter(new LocatorFilterOptions { HasText = number })).ToHaveCountAsync(0);

        await assistant.Context.CloseAsync();
        await technician.Context.CloseAsync();
        await supervisor.Context.CloseAsync();
    }

    [Fact]
    public async Task WorkPlan_ForShanghai_ListsOpenRequestOfTheWeekAndPrintsWithoutNavigation()
    {
        var suffix = RandomNumberGenerator.GetInt32(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var china = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var tomorrow = TimeZoneInfo.ConvertTimeFromUtc(TimeProvider.System.GetUtcNow().UtcDateTime, china).Date.AddDays(1);
        var page = await app.NewPageAsync();
        await KefuApp.LoginAsync(page, "assistant");

        // An installation request for tomorrow, recorded without touching the picker's search (the first customer).
        await page.GotoAsync("/ServiceRequests/Create");
        var firstCustomer = await page.Locator("#Input_CustomerId option:nth-child(2)").GetAttributeAsync("value");
        await page.EvaluateAsync("v => document.querySelector('#Input_CustomerId').tomselect.setValue(v)", firstCustomer);
        await page.SelectOptionAsync("#Input_Type", "INST");
        await KefuApp.FillAsync(page, "#Input_ShortText", "工作计划测试 安装 " + suffix);
        await page.EvaluateAsync("""
            () => {
                const s = document.querySelector('#Input_ResponsiblePersonId');
                s.tomselect.setValue([...s.options].find(o => o.text.includes('(technician)')).value);
            }
            """);
        await KefuApp.FillAsync(page, "#Input_RequiredStart", tomorrow.ToString("yyyy-MM-dd'T'14:00", CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#Input_WorkCentreId", new SelectOptionValue { Label = "上海安装工作中心 (SH-INST)" });
        await page.ClickAsync("[data-testid=save-request]");
        await page.WaitForURLAsync(new Regex(@"/ServiceRequests/Details\?number="));
        var number = await page.Locator("[data-testid=request-number]").InnerTextAsync();

        await page.ClickAsync("[data-testid=nav-workplan]");
        await page.SelectOptionAsync("[data-testid=workplan-centre]", new SelectOptionValue { Label = "上海责任中心 (SH)" });
        await page.ClickAsync("[data-testid=workplan-show]");
        await Assertions.Expect(page.Locator("[data-testid=workplan-heading]")).ToContainTextAsync("上海责任中心");
        var row = page.Locator("[data-testid=workplan-row]").Filter(new LocatorFilterOptions { HasText = number });
        await Assertions.Expect(row).ToContainTextAsync(tomorrow.ToString("yyyy-MM-dd 14:00", CultureInfo.InvariantCulture));
        await Assertions.Expect(row).ToContainTextAsync("technician");
        await KefuApp.ScreenshotAsync(page, "14-work-plan");

        // Assign from the plan: the row's form posts to Core's AssignAsync and the plan comes back with a confirmation.
        await row.Locator("[data-testid=workplan-assign] button").ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync(number);
        await Assertions.Expect(page.Locator("[data-testid=workplan-row]").Filter(new LocatorFilterOptions { HasText = number })).ToContainTextAsync("technician");

        // Excel export: an .xlsx download.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export]"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var file = Path.Combine(KefuApp.ScreenshotFolder, "work-plan.xlsx");
        await download.SaveAsAsync(file);
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.True(bytes.Length > 1000 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K', "expected a zip-based .xlsx");

        // Print media: navigation, filters and buttons are hidden; the table stays.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(page.Locator(".kf-sidebar")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("header.kf-topbar")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[data-testid=workplan-form]")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[data-testid=print]")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[data-testid=workplan-assign]").First).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[data-testid=workplan-table]")).ToBeVisibleAsync();
        await KefuApp.ScreenshotAsync(page, "15-work-plan-print", fullPage: true);
        await page.PdfAsync(new PagePdfOptions { Path = Path.Combine(KefuApp.ScreenshotFolder, "work-plan.pdf"), Format = "A4", Landscape = true });

        // The bell leads to the notifications page.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await page.ClickAsync("[data-testid=notifications-bell]");
        await page.WaitForURLAsync(new Regex("/Notifications$"));
        await Assertions.Expect(page.Locator("[data-testid=page-title]")).ToContainTextAsync("通知");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Details_UploadPhotoAndLinkAnotherRequest_ListsAttachmentAndLinkOnBothSides()
    {
        var page = await app.NewPageAsync();
        await KefuApp.LoginAsync(page, "assistant");
        var first = await CreateAsync(page, "CLN", "清洗 关联测试 A");
        var second = await CreateAsync(page, "CLN", "清洗 关联测试 B");

        // A photo through the multipart form (antiforgery token included by the page).
        await page.SetInputFilesAsync("[data-testid=upload-form] input[type=file]", new FilePayload
        {
            Name = "现场照片.png",
            MimeType = "image/png",
            Buffer = Convert.FromBase64String(OnePixelPng),
        });
        await page.ClickAsync("[data-testid=upload-form] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=flash]")).ToHaveClassAsync(new Regex("alert-success"));
        var attachment = page.Locator("[data-testid=attachments] a").Filter(new LocatorFilterOptions { HasText = "现场照片.png" });
        await Assertions.Expect(attachment).ToHaveCountAsync(1);
        var response = await page.APIRequest.GetAsync(await attachment.GetAttributeAsync("href") ?? "");
        Assert.Equal(200, response.Status);
        Assert.Equal("image/png", response.Headers["content-type"]);

        // Link the second request to the first; both show the relation.
        await KefuApp.FillAsync(page, "[data-testid=links-form] input[name=to]", first);
        await page.ClickAsync("[data-testid=links-form] button");
        await Assertions.Expect(page.Locator("[data-testid=links]")).ToContainTextAsync(first);
        await page.GotoAsync("/ServiceRequests/Details?number=" + first);
        await Assertions.Expect(page.Locator("[data-testid=links]")).ToContainTextAsync(second);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task List_ChosenColumnsSortSavedViewAndCsvExport_Work()
    {
        var page = await app.NewPageAsync();
        await KefuApp.LoginAsync(page, "assistant");
        var first = await CreateAsync(page, "MNT", "保养 列表视图 A");
        var second = await CreateAsync(page, "MNT", "保养 列表视图 B");

        await page.GotoAsync("/ServiceRequests/Index");
        await page.SelectOptionAsync("#type", "MNT");
        await page.SelectOptionAsync("[data-testid=request-sort]", "number");
        await KefuApp.FillAsync(page, "[data-testid=request-columns]", "urgency,number,shortText");
        await page.ClickAsync("[data-testid=request-filter-submit]");

        var table = page.Locator("[data-testid=request-table-custom]");
        await Assertions.Expect(table.Locator("thead th")).ToHaveTextAsync(["紧急程度", "通知单号", "描述"]);
        var numbers = await table.Locator("[data-testid=request-link]").AllInnerTextsAsync();
        Assert.Equal(numbers.Order(StringComparer.Ordinal), numbers);
        Assert.True(numbers.ToList().IndexOf(first) < numbers.ToList().IndexOf(second));
        await KefuApp.ScreenshotAsync(page, "17-request-list-columns");

        // The CSV export carries the same filters and columns.
        var csv = await page.APIRequest.GetAsync(await page.Locator("[data-testid=export-csv]").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, csv.Status);
        var lines = (await csv.TextAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("紧急程度,通知单号,描述", lines[0]);
        Assert.Contains(lines, l => l.Contains(first, StringComparison.Ordinal));

        // Save the view, reset, and reopen it.
        await KefuApp.FillAsync(page, "[data-testid=save-view] input[name=viewName]", "保养单");
        await page.ClickAsync("[data-testid=save-view] button");
        await Assertions.Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("保养单");
        await page.GotoAsync("/ServiceRequests/Index");
        await page.Locator("[data-testid=saved-view] a").Filter(new LocatorFilterOptions { HasText = "保养单" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=request-table-custom] thead th")).ToHaveTextAsync(["紧急程度", "通知单号", "描述"]);
        await Assertions.Expect(page.Locator("[data-testid=request-sort]")).ToHaveValueAsync("number");
        await page.Context.CloseAsync();
    }

    private const string OnePixelPng =
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private static async Task<string> CreateAsync(IPage page, string type, string shortText)
    {
        await page.GotoAsync("/ServiceRequests/Create");
        var customer = await page.Locator("#Input_CustomerId option:nth-child(2)").GetAttributeAsync("value");
        await page.EvaluateAsync("v => document.querySelector('#Input_CustomerId').tomselect.setValue(v)", customer);
        await page.SelectOptionAsync("#Input_Type", type);
        await KefuApp.FillAsync(page, "#Input_ShortText", shortText);
        await page.ClickAsync("[data-testid=save-request]");
        await page.WaitForURLAsync(new Regex(@"/ServiceRequests/Details\?number="));
        return await page.Locator("[data-testid=request-number]").InnerTextAsync();
    }

    private async Task<string> CustomerWithoutGreenChannelAsync(IPage page)
    {
        var options = await page.Locator("#Input_CustomerId option").EvaluateAllAsync<string[][]>(
            "os => os.filter(o => o.value).map(o => [o.value, o.textContent.trim()])");
        using var scope = app.Services.CreateScope();
        var levels = scope.ServiceProvider.GetRequiredService<ServiceLevelService>();
        foreach (var option in options)
        {
            var green = await levels.GreenChannelAsync(Caller.System, Guid.Parse(option[0]));
            if (green.IsSuccess && !green.Value.GreenChannel)
            {
                return option[1].Split(' ')[0];
            }
        }

        throw new InvalidOperationException("Every customer in the picker is on the green channel.");
    }
}
