using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Core.Scheduling;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Sla;

/// <summary>
/// Service levels, clocks, warnings, breaches and the green channel through the API, on the shipped CN-STD calendar
/// (Mon–Fri 9:00–18:30 Asia/Shanghai, 2026 holidays and make-up workdays). Times below are China Standard Time.
/// </summary>
public abstract class SlaApiTests(MailApp app)
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>A Monday in an ordinary working week.</summary>
    private static readonly DateTimeOffset Monday10 = new(2026, 9, 14, 10, 0, 0, Cst);

    private async Task<Guid> CustomerAsync(HttpClient assistant)
    {
        var customer = await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA)), HttpStatusCode.Created);
        return Guid.Parse(customer["id"]!.GetValue<string>());
    }

    private async Task<string> RequestAsync(HttpClient assistant, Guid customer, string type = "REP", string urgency = "normal", Guid? responsible = null, DateTimeOffset? requiredStart = null)
    {
        var r = await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/service-requests", new
        {
            type, channel = "phone", urgency, shortText = "空调不制冷", customerId = customer, workCentreId = app.Org.WcA, responsiblePersonId = responsible, requiredStart,
        }), HttpStatusCode.Created);
        return r["number"]!.GetValue<string>();
    }

    private static async Task<JsonObject> SlaAsync(HttpClient client, string number) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests/{number}/sla"))!;

    private static JsonObject Clock(JsonObject sla, string kind) =>
        sla["clocks"]!.AsArray().Single(c => c!["kind"]!.GetValue<string>() == kind)!.AsObject();

    private static DateTimeOffset Due(JsonObject clock) => DateTimeOffset.Parse(clock["dueAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> ScanAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetServices<IScheduledJob>().Single(j => j.Name == "sla-scan");
        Assert.Equal("0 * * * * ?", job.DefaultCron);
        return await job.RunAsync(CancellationToken.None);
    }

    private async Task<Guid> UserIdAsync(string userName)
    {
        using var admin = await app.AdminAsync();
        var users = await admin.GetFromJsonAsync<JsonArray>("/api/v1/users");
        return Guid.Parse(users!.Single(u => u!["userName"]!.GetValue<string>() == userName)!["id"]!.GetValue<string>());
    }

    private static async Task TransitionAsync(HttpClient client, string number, string to) =>
        await Api.JsonAsync(await client.PostAsJsonAsync($"/api/v1/service-requests/{number}/transitions", new { to }), HttpStatusCode.OK);

    private static void AssertClose(DateTimeOffset expected, DateTimeOffset actual) =>
        Assert.True((actual - expected).Duration() < TimeSpan.FromMinutes(1), $"expected about {expected:O}, got {actual:O}");

    [Fact]
    public async Task ServiceLevels_ShipSixDefaults_AdministratorEditsWithVersion()
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var levels = await assistant.GetFromJsonAsync<JsonArray>("/api/v1/service-levels");
        Assert.Equal(["BASIC", "CONTRACT", "CUSTOM", "FULL", "PREV", "REMOTE"], levels!.Select(l => l!["code"]!.GetValue<string>()));
        var basic = levels!.Single(l => l!["code"]!.GetValue<string>() == "BASIC")!.AsObject();
        Assert.Contains("REP", basic["defaultForTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        var remote = levels!.Single(l => l!["code"]!.GetValue<string>() == "REMOTE")!;
        Assert.All(remote["targets"]!.AsArray(), t => Assert.Null(t!["arrivalMinutes"]));

        var body = new
        {
            nameZh = "全面维保", nameEn = "Full maintenance", isActive = true,
            targets = new[]
            {
                new { urgency = "low", firstResponseMinutes = (int?)90, arrivalMinutes = (int?)600, resolutionMinutes = (int?)2000 },
                new { urgency = "normal", firstResponseMinutes = (int?)45, arrivalMinutes = (int?)300, resolutionMinutes = (int?)1000 },
                new { urgency = "high", firstResponseMinutes = (int?)20, arrivalMinutes = (int?)150, resolutionMinutes = (int?)500 },
                new { urgency = "emergency", firstResponseMinutes = (int?)10, arrivalMinutes = (int?)60, resolutionMinutes = (int?)null },
            },
            coveredTypes = Array.Empty<string>(), defaultForTypes = Array.Empty<string>(), warningPercent = 80, greenChannelPercent = 40,
            greenSkipsApproval = true, version = 0,
        };
        await Api.AssertProblemAsync(await assistant.PutAsJsonAsync("/api/v1/service-levels/FULL", body), HttpStatusCode.Forbidden);
        using var admin = await app.AdminAsync();
        var saved = await Api.JsonAsync(await admin.PutAsJsonAsync("/api/v1/service-levels/FULL", body), HttpStatusCode.OK);
        Assert.Equal(1, saved["version"]!.GetValue<int>());
        Assert.Equal(80, saved["warningPercent"]!.GetValue<int>());
        Assert.Null(saved["targets"]!.AsArray().Single(t => t!["urgency"]!.GetValue<string>() == "emergency")!["resolutionMinutes"]);

        await Api.AssertProblemAsync(await admin.PutAsJsonAsync("/api/v1/service-levels/FULL", body), HttpStatusCode.Conflict);
        await Api.AssertFieldErrorAsync(await admin.PutAsJsonAsync("/api/v1/service-levels/FULL", body with { warningPercent = 100, version = 1 }), "warningPercent");
        await Api.AssertFieldErrorAsync(await admin.PutAsJsonAsync("/api/v1/service-levels/FULL", body with { defaultForTypes = new[] { "REP" }, version = 1 }), "defaultForTypes");
        await Api.AssertProblemAsync(await admin.GetAsync("/api/v1/service-levels/NOPE"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_WednesdayAfternoonBeforeNationalDay_DueTimesSkipTheHolidayAndUseTheMakeUpSaturday()
    {
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 30, 17, 0, 0, Cst));
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var number = await RequestAsync(assistant, await CustomerAsync(assistant));

        var sla = await SlaAsync(assistant, number);
        Assert.Equal("BASIC", sla["levelCode"]!.GetValue<string>());
        Assert.Equal("on-track", sla["state"]!.GetValue<string>());
        Assert.False(sla["greenChannel"]!.GetValue<bool>());
        // Normal urgency: first response 120 working minutes = 90 on 30 Sep (17:00–18:30), 30 on Thu 8 Oct after the holiday.
        AssertClose(new DateTimeOffset(2026, 10, 8, 9, 30, 0, Cst), Due(Clock(sla, "first-response")));
        // Arrival 1,140 = 90 + 570 (8 Oct) + 480 on Fri 9 Oct → 17:00.
        AssertClose(new DateTimeOffset(2026, 10, 9, 17, 0, 0, Cst), Due(Clock(sla, "arrival")));
        // Resolution 2,850 = 90 + 570 (8 Oct) + 570 (9 Oct) + 570 (Sat 10 Oct, make-up workday) + 570 (12 Oct) + 480 on 13 Oct → 17:00.
        AssertClose(new DateTimeOffset(2026, 10, 13, 17, 0, 0, Cst), Due(Clock(sla, "resolution")));

        var list = await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests?slaState=on-track&sort=sla-due&limit=200");
        var item = list!["items"]!.AsArray().Single(i => i!["number"]!.GetValue<string>() == number)!;
        Assert.Equal("on-track", item["slaState"]!.GetValue<string>());
        AssertClose(new DateTimeOffset(2026, 10, 8, 9, 30, 0, Cst), DateTimeOffset.Parse(item["slaDueAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Create_FridayAfternoonBeforeSpringFestival_UsesTheMakeUpSaturdayThenSkipsTheHoliday()
    {
        // 2026: Sat 14 Feb is a make-up workday, 15–23 Feb are the Spring Festival holiday, work resumes Tue 24 Feb.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 13, 17, 0, 0, Cst));
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var sla = await SlaAsync(assistant, await RequestAsync(assistant, await CustomerAsync(assistant)));

        Assert.Equal("BASIC", sla["levelCode"]!.GetValue<string>());
        // First response 120 = 90 on Fri 13 Feb (17:00–18:30) + 30 on the make-up Saturday → Sat 14 Feb 9:30.
        AssertClose(new DateTimeOffset(2026, 2, 14, 9, 30, 0, Cst), Due(Clock(sla, "first-response")));
        // Arrival 1,140 = 90 + 570 (Sat 14 Feb) + 480 on Tue 24 Feb → 17:00.
        AssertClose(new DateTimeOffset(2026, 2, 24, 17, 0, 0, Cst), Due(Clock(sla, "arrival")));
        // Resolution 2,850 = 90 + 570 (14) + 570 (24) + 570 (25) + 570 (26) + 480 on Fri 27 Feb → 17:00.
        AssertClose(new DateTimeOffset(2026, 2, 27, 17, 0, 0, Cst), Due(Clock(sla, "resolution")));
    }

    [Fact]
    public async Task Create_CustomerWithAMaintenanceContract_TakesTheContractsLevel()
    {
        app.Clock.SetUtcNow(Monday10);
        var today = Contracts.ContractBodies.Today(app);
        var contract = await Contracts.ContractBodies.ContractAsync(app, today.AddDays(-1), today.AddYears(1), types: ["REP"]);
        var customer = Guid.Parse(contract["customerId"]!.GetValue<string>());
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);

        var covered = await SlaAsync(assistant, await RequestAsync(assistant, customer, "REP"));
        Assert.Equal("FULL", covered["levelCode"]!.GetValue<string>());

        // A type the contract does not cover falls back to the type's default level.
        var inquiry = await RequestAsync(assistant, customer, "INQ");
        var uncovered = await assistant.GetAsync($"/api/v1/service-requests/{inquiry}/sla");
        if (uncovered.IsSuccessStatusCode)
        {
            var level = (await uncovered.Content.ReadFromJsonAsync<JsonObject>())!["levelCode"];
            Assert.NotEqual("FULL", level?.GetValue<string>());
        }
        else
        {
            Assert.Equal(HttpStatusCode.NotFound, uncovered.StatusCode);
        }
    }

    [Fact]
    public async Task Create_At0730ShanghaiOnTheContractsFirstDay_TakesTheContractsLevel()
    {
        // 07:30 in Shanghai on 15 September is 23:30 UTC on the 14th: by the UTC date the contract has not begun yet.
        var first = new DateOnly(2026, 9, 15);
        var at = new DateTimeOffset(2026, 9, 15, 7, 30, 0, Cst);
        Assert.Equal(new DateOnly(2026, 9, 14), DateOnly.FromDateTime(at.UtcDateTime));
        app.Clock.SetUtcNow(at.AddDays(-1));
        var contract = await Contracts.ContractBodies.ContractAsync(app, first, first.AddYears(1), types: ["REP"]);
        var customer = Guid.Parse(contract["customerId"]!.GetValue<string>());
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);

        app.Clock.SetUtcNow(at);
        Assert.Equal(first, Contracts.ContractBodies.Today(app));
        var sla = await SlaAsync(assistant, await RequestAsync(assistant, customer, "REP"));
        Assert.Equal("FULL", sla["levelCode"]!.GetValue<string>());

        // The evening before (23:30 Shanghai), the contract is not yet in force: the type's default level applies.
        app.Clock.SetUtcNow(at.AddHours(-8));
        var before = await SlaAsync(assistant, await RequestAsync(assistant, customer, "REP"));
        Assert.NotEqual("FULL", before["levelCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task WaitingForCustomer_PausesTheClocksAndResumingMovesTheDueTime()
    {
        app.Clock.SetUtcNow(Monday10);
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var number = await RequestAsync(assistant, await CustomerAsync(assistant), type: "CMP");
        var before = await SlaAsync(assistant, number);
        Assert.Equal(["first-response", "resolution"], before["clocks"]!.AsArray().Select(c => c!["kind"]!.GetValue<string>()));
        var due = Due(Clock(before, "resolution"));

        app.Clock.SetUtcNow(Monday10.AddMinutes(10));
        await TransitionAsync(assistant, number, "DC");
        app.Clock.SetUtcNow(Monday10.AddMinutes(30));
        await TransitionAsync(assistant, number, "DKH");
        var paused = await SlaAsync(assistant, number);
        Assert.Equal("paused", paused["state"]!.GetValue<string>());
        Assert.Equal("met", Clock(paused, "first-response")["state"]!.GetValue<string>());
        Assert.Equal("paused", Clock(paused, "resolution")["state"]!.GetValue<string>());
        var list = await assistant.GetFromJsonAsync<JsonObject>("/api/v1/service-requests?slaState=paused&limit=200");
        Assert.Contains(list!["items"]!.AsArray(), i => i!["number"]!.GetValue<string>() == number);

        // Four working hours waiting for the customer, then back to investigating.
        app.Clock.SetUtcNow(Monday10.AddHours(4).AddMinutes(30));
        Assert.StartsWith("sla-scan:", await ScanAsync(), StringComparison.Ordinal);
        Assert.Equal("paused", Clock(await SlaAsync(assistant, number), "resolution")["state"]!.GetValue<string>());
        await TransitionAsync(assistant, number, "DC");

        var resumed = await SlaAsync(assistant, number);
        var clock = Clock(resumed, "resolution");
        Assert.Equal("running", clock["state"]!.GetValue<string>());
        Assert.Equal("on-track", resumed["state"]!.GetValue<string>());
        AssertClose(due.AddHours(4), Due(clock));
        Assert.InRange(clock["pausedMinutes"]!.GetValue<int>(), 239, 241);
        Assert.Null(clock["pausedSince"]);
    }

    [Fact]
    public async Task Scan_WarnsTheResponsiblePersonThenEscalatesTheBreachToTheSupervisorOnce()
    {
        app.Clock.SetUtcNow(Monday10);
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var technician = await UserIdAsync(TestOrg.TechnicianA);
        var number = await RequestAsync(assistant, await CustomerAsync(assistant), urgency: "high", responsible: technician);

        // High urgency under BASIC: first response in 60 working minutes, warning at 75 % (45 minutes).
        app.Clock.SetUtcNow(Monday10.AddMinutes(50));
        await ScanAsync();
        var warning = await app.MailAsync($"SLA warning {number}");
        Assert.Equal([TestOrg.TechnicianA + "@test.kefu.local"], warning.ToAddresses.Select(a => a.Address));
        Assert.Contains("first response", warning.Subject, StringComparison.Ordinal);
        Assert.Contains($"https://kefu.example.cn/ServiceRequests/Details?number={number}", warning.MessageParts[0].BodyData, StringComparison.Ordinal);
        using var tech = await app.ClientForAsync(TestOrg.TechnicianA);
        var inbox = await tech.GetFromJsonAsync<JsonObject>("/api/v1/notifications");
        Assert.Contains(inbox!["items"]!.AsArray(), n => n!["link"]!.GetValue<string>() == number && n["kind"]!.GetValue<string>() == "sla-warning");
        Assert.Equal("warning", (await SlaAsync(assistant, number))["state"]!.GetValue<string>());

        app.Clock.SetUtcNow(Monday10.AddMinutes(61));
        await ScanAsync();
        await ScanAsync();
        var breach = await app.MailAsync($"SLA breached {number}");
        Assert.Equal([TestOrg.SupervisorA + "@test.kefu.local"], breach.ToAddresses.Select(a => a.Address));
        Assert.StartsWith("[紧急 URGENT]", breach.Subject, StringComparison.Ordinal);
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        var notices = await supervisor.GetFromJsonAsync<JsonObject>("/api/v1/notifications");
        Assert.Single(notices!["items"]!.AsArray(), n => n!["link"]!.GetValue<string>() == number && n["kind"]!.GetValue<string>() == "sla-breach");

        var request = await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests/{number}");
        Assert.Equal("emergency", request!["urgency"]!.GetValue<string>());
        var sla = await SlaAsync(assistant, number);
        Assert.Equal("breached", sla["state"]!.GetValue<string>());
        Assert.Equal("breached", Clock(sla, "first-response")["state"]!.GetValue<string>());
        var breaches = await supervisor.GetFromJsonAsync<JsonArray>("/api/v1/sla/breaches");
        var recorded = Assert.Single(breaches!, b => b!["number"]!.GetValue<string>() == number)!;
        Assert.Equal("first-response", recorded["kind"]!.GetValue<string>());
        Assert.Equal("high", recorded["urgencyBefore"]!.GetValue<string>());
        var list = await supervisor.GetFromJsonAsync<JsonObject>("/api/v1/service-requests?slaState=breached&limit=200");
        Assert.Contains(list!["items"]!.AsArray(), i => i!["number"]!.GetValue<string>() == number);

        // Once per clock: later scans and a late response neither warn nor breach again.
        await TransitionAsync(assistant, number, "YPG");
        await ScanAsync();
        await Task.Delay(600);
        Assert.Single(app.Smtp.ReceivedEmail, m => m.Subject.Contains($"SLA warning {number}", StringComparison.Ordinal));
        Assert.Single(app.Smtp.ReceivedEmail, m => m.Subject.Contains($"SLA breached {number}", StringComparison.Ordinal));
        Assert.NotNull(Clock(await SlaAsync(assistant, number), "first-response")["metAt"]);
        using var otherCentre = await app.ClientForAsync(TestOrg.AssistantB);
        await Api.AssertProblemAsync(await otherCentre.GetAsync($"/api/v1/service-requests/{number}/sla"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task FirstResponse_MetByAssignment_NoWarningLater()
    {
        app.Clock.SetUtcNow(Monday10);
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var number = await RequestAsync(assistant, await CustomerAsync(assistant), urgency: "high");
        await Api.JsonAsync(await assistant.PostAsJsonAsync($"/api/v1/service-requests/{number}/assignment", new { technicianId = await UserIdAsync(TestOrg.TechnicianA) }), HttpStatusCode.OK);
        var sla = await SlaAsync(assistant, number);
        Assert.Equal("met", Clock(sla, "first-response")["state"]!.GetValue<string>());
        Assert.Equal("running", Clock(sla, "arrival")["state"]!.GetValue<string>());

        // On site meets the arrival; completion meets the resolution.
        await TransitionAsync(assistant, number, "YPG");
        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
        await TransitionAsync(technician, number, "SMZ");
        await TransitionAsync(technician, number, "WC");
        sla = await SlaAsync(assistant, number);
        Assert.Equal("met", sla["state"]!.GetValue<string>());
        Assert.All(sla["clocks"]!.AsArray(), c => Assert.Equal("met", c!["state"]!.GetValue<string>()));
    }

    [Fact]
    public async Task GreenChannel_SupervisorFlag_HalvesTargetsAndPutsTheRequestFirst()
    {
        app.Clock.SetUtcNow(Monday10);
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var customer = await CustomerAsync(assistant);
        await Api.AssertProblemAsync(await assistant.PutAsJsonAsync($"/api/v1/customers/{customer}/green-channel", new { greenChannel = true }), HttpStatusCode.Forbidden);
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        var flag = await Api.JsonAsync(await supervisor.PutAsJsonAsync($"/api/v1/customers/{customer}/green-channel", new { greenChannel = true }), HttpStatusCode.OK);
        Assert.True(flag["greenChannel"]!.GetValue<bool>());
        Assert.Equal(TestOrg.SupervisorA, flag["setBy"]!.GetValue<string>());
        using var otherCentre = await app.ClientForAsync(TestOrg.AssistantB);
        await Api.AssertProblemAsync(await otherCentre.GetAsync($"/api/v1/customers/{customer}/green-channel"), HttpStatusCode.NotFound);

        var ordinary = await RequestAsync(assistant, await CustomerAsync(assistant), urgency: "emergency");
        var green = await RequestAsync(assistant, customer);
        var sla = await SlaAsync(assistant, green);
        Assert.True(sla["greenChannel"]!.GetValue<bool>());
        Assert.Equal(60, Clock(sla, "first-response")["targetMinutes"]!.GetValue<int>());
        AssertClose(Monday10.AddHours(1), Due(Clock(sla, "first-response")));

        var page = await assistant.GetFromJsonAsync<JsonObject>("/api/v1/service-requests?sort=sla-due&limit=200");
        var numbers = page!["items"]!.AsArray().Select(i => i!["number"]!.GetValue<string>()).ToList();
        Assert.True(numbers.IndexOf(green) < numbers.IndexOf(ordinary), "the green-channel request comes first");
        Assert.True(page["items"]!.AsArray().Single(i => i!["number"]!.GetValue<string>() == green)!["greenChannel"]!.GetValue<bool>());
        var greens = await assistant.GetFromJsonAsync<JsonObject>("/api/v1/service-requests?greenChannel=true&limit=200");
        Assert.All(greens!["items"]!.AsArray(), i => Assert.True(i!["greenChannel"]!.GetValue<bool>()));

        // Keyset paging over the SLA queue visits every request once.
        var seen = new List<string>();
        string? after = null;
        do
        {
            var p = await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests?sort=sla-due&limit=2{(after is null ? "" : "&after=" + after)}");
            seen.AddRange(p!["items"]!.AsArray().Select(i => i!["number"]!.GetValue<string>()));
            after = p["next"]?.GetValue<string>();
        }
        while (after is not null);
        Assert.Equal(numbers, seen);

        // The level marks the approval step as skippable for the green channel: escalation goes straight to regional logistics.
        var escalated = await Api.JsonAsync(
            await assistant.PostAsJsonAsync($"/api/v1/service-requests/{green}/escalations", new { reason = "head-office-support" }), HttpStatusCode.OK);
        Assert.Equal("none", escalated["approval"]!["state"]!.GetValue<string>());
        Assert.Equal(app.Org.Logistics.ToString(), escalated["approval"]!["handedOverToUnitId"]!.GetValue<string>());
        var normal = await Api.JsonAsync(
            await assistant.PostAsJsonAsync($"/api/v1/service-requests/{ordinary}/escalations", new { reason = "head-office-support" }), HttpStatusCode.OK);
        Assert.Equal("pending", normal["approval"]!["state"]!.GetValue<string>());

        await Api.JsonAsync(await supervisor.PutAsJsonAsync($"/api/v1/customers/{customer}/green-channel", new { greenChannel = false }), HttpStatusCode.OK);
        Assert.False((await SlaAsync(assistant, await RequestAsync(assistant, customer)))["greenChannel"]!.GetValue<bool>());
    }

    [Fact]
    public async Task GreenChannel_FirstInTheDefaultAndCreatedSorts_KeysetPagingVisitsEveryRequestOnce()
    {
        app.Clock.SetUtcNow(Monday10);
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        var greenCustomer = await CustomerAsync(assistant);
        await Api.JsonAsync(await supervisor.PutAsJsonAsync($"/api/v1/customers/{greenCustomer}/green-channel", new { greenChannel = true }), HttpStatusCode.OK);
        var plain = await CustomerAsync(assistant);
        var green = await RequestAsync(assistant, greenCustomer, requiredStart: Monday10.AddDays(2));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await RequestAsync(assistant, plain, requiredStart: Monday10.AddDays(1));

        foreach (var sort in new[] { "", "&sort=-created", "&sort=created" })
        {
            var all = await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests?limit=200{sort}");
            var items = all!["items"]!.AsArray();
            var numbers = items.Select(i => i!["number"]!.GetValue<string>()).ToList();
            Assert.True(numbers.IndexOf(green) < numbers.IndexOf(newer), $"green channel first ({sort})");
            var flags = items.Select(i => i!["greenChannel"]!.GetValue<bool>()).ToList();
            Assert.Equal(flags.OrderByDescending(f => f), flags);

            var seen = new List<string>();
            string? after = null;
            do
            {
                var p = await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests?limit=2{sort}{(after is null ? "" : "&after=" + after)}");
                seen.AddRange(p!["items"]!.AsArray().Select(i => i!["number"]!.GetValue<string>()));
                after = p["next"]?.GetValue<string>();
            }
            while (after is not null);
            Assert.Equal(numbers, seen);
        }

        // A cursor of the old form (no green flag) is rejected rather than misread.
        var old = Kefu.Core.Common.KeysetCursor.Encode(Monday10.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), green);
        await Api.AssertProblemAsync(await assistant.GetAsync($"/api/v1/service-requests?after={old}"), HttpStatusCode.BadRequest);

        // The work plan lists the green-channel request first and shows the badge.
        var plan = await assistant.GetStringAsync($"/ServiceRequests/WorkPlan?centre={app.Org.RcA}&from=2026-09-01&to=2026-09-30");
        Assert.Contains("data-testid=\"green-badge\"", plan, StringComparison.Ordinal);
        Assert.True(plan.IndexOf(green, StringComparison.Ordinal) < plan.IndexOf(newer, StringComparison.Ordinal), "green channel first in the work plan");
    }

    [Fact]
    public async Task CustomerPage_ShowsTheGreenChannelBadgeToEveryone_OnlySupervisorsGetTheToggleWithConfirmation()
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        var customer = await CustomerAsync(assistant);
        var before = await supervisor.GetStringAsync($"/Customers/Details/{customer}");
        Assert.DoesNotContain("data-testid=\"customer-green\"", before, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"green-toggle\"", before, StringComparison.Ordinal);
        var confirm = await supervisor.GetStringAsync($"/Customers/Details/{customer}?confirmGreen=true");
        Assert.Contains("data-testid=\"confirm-green\"", confirm, StringComparison.Ordinal);

        await Api.JsonAsync(await supervisor.PutAsJsonAsync($"/api/v1/customers/{customer}/green-channel", new { greenChannel = true }), HttpStatusCode.OK);
        var seen = await assistant.GetStringAsync($"/Customers/Details/{customer}");
        Assert.Contains("data-testid=\"customer-green\"", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"green-toggle\"", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"confirm-green\"", await assistant.GetStringAsync($"/Customers/Details/{customer}?confirmGreen=false"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditingTheUrgency_RecomputesTheRunningClocksFromTheirStart_KeepingThePausedTime()
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var customer = await CustomerAsync(assistant);
        var edited = "";
        var reference = "";
        // Two requests in lockstep: one recorded as normal (edited to high later), one recorded as high.
        app.Clock.SetUtcNow(Monday10);
        edited = await RequestAsync(assistant, customer, type: "CMP");
        reference = await RequestAsync(assistant, customer, type: "CMP", urgency: "high");
        foreach (var (minutes, to) in new[] { (10, "DC"), (30, "DKH"), (270, "DC") })
        {
            app.Clock.SetUtcNow(Monday10.AddMinutes(minutes));
            await TransitionAsync(assistant, edited, to);
            await TransitionAsync(assistant, reference, to);
        }

        var before = Clock(await SlaAsync(assistant, edited), "resolution");
        var target = Clock(await SlaAsync(assistant, reference), "resolution");
        Assert.NotEqual(Due(target), Due(before));

        app.Clock.SetUtcNow(Monday10.AddMinutes(300));
        var r = await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests/{edited}");
        var body = new
        {
            version = r!["version"]!.GetValue<int>(),
            request = new { channel = "phone", urgency = "high", shortText = "空调不制冷", customerId = customer, workCentreId = app.Org.WcA },
        };
        await Api.JsonAsync(await assistant.PutAsJsonAsync($"/api/v1/service-requests/{edited}", body), HttpStatusCode.OK);

        var after = await SlaAsync(assistant, edited);
        var resolution = Clock(after, "resolution");
        Assert.Equal(target["targetMinutes"]!.GetValue<int>(), resolution["targetMinutes"]!.GetValue<int>());
        AssertClose(Due(target), Due(resolution));
        Assert.Equal(before["pausedMinutes"]!.GetValue<int>(), resolution["pausedMinutes"]!.GetValue<int>());
        Assert.InRange(resolution["pausedMinutes"]!.GetValue<int>(), 239, 241);
        // The first response was met before the edit: it stays as it was.
        Assert.Equal("met", Clock(after, "first-response")["state"]!.GetValue<string>());
        var list = await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests?customerId={customer}&limit=200");
        var item = list!["items"]!.AsArray().Single(i => i!["number"]!.GetValue<string>() == edited)!;
        AssertClose(Due(target), DateTimeOffset.Parse(item["slaDueAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

        // An edit that keeps urgency and centre leaves the clocks alone.
        var again = await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests/{edited}");
        await Api.JsonAsync(await assistant.PutAsJsonAsync($"/api/v1/service-requests/{edited}", body with { version = again!["version"]!.GetValue<int>() }), HttpStatusCode.OK);
        AssertClose(Due(target), Due(Clock(await SlaAsync(assistant, edited), "resolution")));
    }

    [Fact]
    public async Task Scan_AuditsEachClaimedClockAndRequestOnce_AsTheJob_InTheCustomersHistory()
    {
        app.Clock.SetUtcNow(Monday10);
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var customer = await CustomerAsync(assistant);
        var number = await RequestAsync(assistant, customer, urgency: "high", responsible: await UserIdAsync(TestOrg.TechnicianA));
        var runner = app.Services.GetRequiredService<JobRunner>();

        async Task<(List<Kefu.Core.Sla.SlaClock> Clocks, Guid Request, List<Kefu.Core.Audit.AuditEntry> Audits)> ScanAsJobAsync(int minutes)
        {
            app.Clock.SetUtcNow(Monday10.AddMinutes(minutes));
            var at = app.Clock.GetUtcNow().UtcDateTime;
            var run = await runner.RunAsync("sla-scan", new JobFiring("test-" + Guid.CreateVersion7().ToString("N"), at, "test", false));
            Assert.Equal(JobRunOutcome.Succeeded, run!.Outcome);
            return await app.WithDbAsync(async db =>
            {
                var request = await db.ServiceRequests.Where(r => r.Number == number).Select(r => r.Id).SingleAsync();
                var clocks = await db.Set<Kefu.Core.Sla.SlaClock>().AsNoTracking().Where(c => c.RequestId == request).ToListAsync();
                var keys = clocks.Select(c => c.Id.ToString()).Append(request.ToString()).ToList();
                var audits = await db.AuditEntries.AsNoTracking().Where(a => keys.Contains(a.EntityKey) && a.UserName == "system:sla-scan").OrderBy(a => a.Id).ToListAsync();
                return (clocks, request, audits);
            });
        }

        // 50 minutes: the first-response clock (warning at 45) is warned and the request turns to warning, each audited once.
        var (clocks, request, audits) = await ScanAsJobAsync(50);
        var warned = Assert.Single(clocks, c => c.WarnedAt is not null);
        var clockAudit = Assert.Single(audits, a => a.Entity == "SlaClock");
        Assert.Equal(warned.Id.ToString(), clockAudit.EntityKey);
        Assert.Equal(Kefu.Core.Audit.AuditAction.Update, clockAudit.Action);
        Assert.Equal(customer, clockAudit.CustomerId);
        Assert.Null(clockAudit.UserId);
        Assert.Equal("""{"ClaimId":null,"WarnedAt":null}""", clockAudit.Before);
        var after = JsonNode.Parse(clockAudit.After!)!.AsObject();
        Assert.Equal(["ClaimId", "WarnedAt"], after.Select(p => p.Key));
        Assert.Equal(warned.ClaimId, after["ClaimId"]!.GetValue<Guid>());
        Assert.Equal(warned.WarnedAt, after["WarnedAt"]!.GetValue<DateTime>().ToUniversalTime());
        var requestAudit = Assert.Single(audits, a => a.Entity == "ServiceRequest");
        Assert.Equal(request.ToString(), requestAudit.EntityKey);
        Assert.Equal($$"""{"SlaState":{{(int)Kefu.Core.Sla.SlaState.OnTrack}}}""", requestAudit.Before);
        Assert.Equal($$"""{"SlaState":{{(int)Kefu.Core.Sla.SlaState.Warning}}}""", requestAudit.After);
        Assert.Equal(customer, requestAudit.CustomerId);

        // 61 minutes: breached (audited per clock by the statement; the urgency and the breach record by the interceptor); a second
        // scan claims nothing and audits nothing.
        await ScanAsJobAsync(61);
        (clocks, _, audits) = await ScanAsJobAsync(62);
        var breached = Assert.Single(clocks, c => c.State == Kefu.Core.Sla.SlaClockState.Breached);
        var breachAudit = Assert.Single(audits, a => a.Entity == "SlaClock" && a.After!.Contains("\"State\"", StringComparison.Ordinal));
        Assert.Equal(breached.Id.ToString(), breachAudit.EntityKey);
        var before = JsonNode.Parse(breachAudit.Before!)!.AsObject();
        Assert.Equal(["BreachedAt", "ClaimId", "State"], before.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal((int)Kefu.Core.Sla.SlaClockState.Running, before["State"]!.GetValue<int>());
        Assert.Equal(warned.ClaimId, before["ClaimId"]!.GetValue<Guid>());
        Assert.Null(before["BreachedAt"]);
        var breachAfter = JsonNode.Parse(breachAudit.After!)!.AsObject();
        Assert.Equal((int)Kefu.Core.Sla.SlaClockState.Breached, breachAfter["State"]!.GetValue<int>());
        Assert.Equal(breached.BreachedAt, breachAfter["BreachedAt"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal(breached.ClaimId, breachAfter["ClaimId"]!.GetValue<Guid>());
        Assert.Equal(2, audits.Count(a => a.Entity == "SlaClock"));

        using var admin = await app.AdminAsync();
        var history = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{customer}/history?limit=200"))!["items"]!.AsArray();
        Assert.Equal(2, history.Count(h => h!["entity"]!.GetValue<string>() == "SlaClock" && h["userName"]!.GetValue<string>() == "system:sla-scan"));
        Assert.Contains(history, h => h!["entity"]!.GetValue<string>() == "ServiceRequest" && h["after"]!.GetValue<string>() == requestAudit.After);
    }

    [Fact]
    public async Task ScheduledJob_ChangesAreAuditedAsTheSystemActorNamedAfterTheJob_HttpEditsStayTheUser()
    {
        app.Clock.SetUtcNow(Monday10);
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var number = await RequestAsync(assistant, await CustomerAsync(assistant), type: "CMP");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Kefu.Core.Data.KefuDb>();
            var id = await db.Set<Kefu.Core.ServiceRequests.ServiceRequest>().Where(r => r.Number == number).Select(r => r.Id).SingleAsync();
            var past = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-5);
            await db.Set<Kefu.Core.Sla.SlaClock>().Where(c => c.RequestId == id && c.Kind == Kefu.Core.Sla.SlaKind.FirstResponse)
                .ExecuteUpdateAsync(x => x.SetProperty(c => c.DueAt, past).SetProperty(c => c.WarnAt, past.AddMinutes(-5)));
        }

        var runner = app.Services.GetRequiredService<JobRunner>();
        var run = await runner.RunAsync("sla-scan", new JobFiring("test-" + Guid.CreateVersion7().ToString("N"), app.Clock.GetUtcNow().UtcDateTime, "test", false));
        Assert.Equal(JobRunOutcome.Succeeded, run!.Outcome);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Kefu.Core.Data.KefuDb>();
            var id = (await db.Set<Kefu.Core.ServiceRequests.ServiceRequest>().Where(r => r.Number == number).Select(r => r.Id).SingleAsync()).ToString();
            var audits = await db.Set<Kefu.Core.Audit.AuditEntry>().AsNoTracking().Where(a => a.EntityKey == id).ToListAsync();
            var byJob = audits.Where(a => a.Action == Kefu.Core.Audit.AuditAction.Update && a.UserName == "system:sla-scan").ToList();
            Assert.NotEmpty(byJob);
            Assert.All(byJob, a => Assert.Null(a.UserId));
            Assert.DoesNotContain(audits, a => a.UserName == "anonymous");
            Assert.Contains(audits, a => a.Action == Kefu.Core.Audit.AuditAction.Insert && a.UserName == TestOrg.AssistantA);
        }

        // An HTTP change after the job is still audited as the signed-in user.
        await TransitionAsync(assistant, number, "DC");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Kefu.Core.Data.KefuDb>();
            var id = (await db.Set<Kefu.Core.ServiceRequests.ServiceRequest>().Where(r => r.Number == number).Select(r => r.Id).SingleAsync()).ToString();
            var last = (await db.Set<Kefu.Core.Audit.AuditEntry>().AsNoTracking().Where(a => a.EntityKey == id).ToListAsync()).MaxBy(a => a.Id)!;
            Assert.Equal(TestOrg.AssistantA, last.UserName);
        }
    }
}

public sealed class SlaSqliteTests(SqliteMailApp app) : SlaApiTests(app), IClassFixture<SqliteMailApp>;

public sealed class SlaPostgresTests(PostgresMailApp app) : SlaApiTests(app), IClassFixture<PostgresMailApp>;
