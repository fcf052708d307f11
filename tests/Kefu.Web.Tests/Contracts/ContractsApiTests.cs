using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Core.Contracts;
using Kefu.Core.Sla;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kefu.Web.Tests.Contracts.ContractBodies;

namespace Kefu.Web.Tests.Contracts;

public abstract class ContractsApiTests(KefuApp app)
{
    [Fact]
    public async Task Create_Valid_DraftWithNumberDefaultsAndCoveredTypes()
    {
        var today = Today(app);
        var c = await ContractAsync(app, today, today.AddYears(1), activate: false, types: ["REP", "MNT"]);
        Assert.Matches("^MC[0-9]{8}$", c["number"]!.GetValue<string>());
        Assert.Equal("draft", c["state"]!.GetValue<string>());
        Assert.Equal("full", c["serviceLevelCode"]!.GetValue<string>());
        Assert.Equal(12000.50m, c["fee"]!.GetValue<decimal>());
        Assert.Equal("yearly", c["billingPeriod"]!.GetValue<string>());
        Assert.Equal(app.Org.RcA.ToString(), c["responsibleUnitId"]!.GetValue<string>());
        Assert.Equal(["MNT", "REP"], c["coveredRequestTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(0, c["version"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("endDate", "endDate", "2025-01-01")]
    [InlineData("fee", "fee", -1)]
    [InlineData("serviceLevelCode", "serviceLevelCode", "Full Service")]
    [InlineData("billingPeriod", "billingPeriod", "weekly")]
    [InlineData("customerId", "customerId", "0190a000-0000-7000-8000-000000000000")]
    [InlineData("responsibleUnitId", "responsibleUnitId", "0190a000-0000-7000-8000-000000000000")]
    public async Task Create_BadField_ProblemNamesTheField(string field, string expected, object value)
    {
        var customer = await CustomerAsync(app);
        var body = New(Guid.Parse(customer["id"]!.GetValue<string>()), new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        body[field] = JsonValue.Create(value);
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        await Api.AssertFieldErrorAsync(await supervisor.PostAsJsonAsync("/api/v1/contracts", body), expected);
    }

    [Fact]
    public async Task Create_UnknownRequestTypeOrCustomerOfAnotherCentre_ProblemNamesTheField()
    {
        var customer = await CustomerAsync(app);
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        var body = New(Guid.Parse(customer["id"]!.GetValue<string>()), new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), "NOPE");
        await Api.AssertFieldErrorAsync(await supervisor.PostAsJsonAsync("/api/v1/contracts", body), "coveredRequestTypes");

        var other = await CustomerAsync(app, app.Org.RcB);
        body = New(Guid.Parse(other["id"]!.GetValue<string>()), new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        await Api.AssertFieldErrorAsync(await supervisor.PostAsJsonAsync("/api/v1/contracts", body), "customerId");
    }

    [Fact]
    public async Task Create_AsAssistant_Forbidden_ButAssistantReads()
    {
        var today = Today(app);
        var c = await ContractAsync(app, today, today.AddYears(1), activate: false);
        var customer = await CustomerAsync(app);
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        await Api.AssertProblemAsync(
            await assistant.PostAsJsonAsync("/api/v1/contracts", New(Guid.Parse(customer["id"]!.GetValue<string>()), today, today.AddYears(1))),
            HttpStatusCode.Forbidden);
        var read = await Api.JsonAsync(await assistant.GetAsync($"/api/v1/contracts/{c["number"]}"), HttpStatusCode.OK);
        Assert.Equal(c["id"]!.GetValue<string>(), read["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_WithVersion_ChangesAndBumps_StaleVersion409()
    {
        var today = Today(app);
        var c = await ContractAsync(app, today, today.AddYears(1), activate: false);
        var number = c["number"]!.GetValue<string>();
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        var body = New(Guid.Parse(c["customerId"]!.GetValue<string>()), today, today.AddYears(2), "MNT");
        body["serviceLevelCode"] = "remote-monitoring";
        var updated = await Api.JsonAsync(await supervisor.PutAsJsonAsync($"/api/v1/contracts/{number}", new { version = 0, contract = body }), HttpStatusCode.OK);
        Assert.Equal("remote-monitoring", updated["serviceLevelCode"]!.GetValue<string>());
        Assert.Equal(Day(today.AddYears(2)), updated["endDate"]!.GetValue<string>());
        Assert.Equal(1, updated["version"]!.GetValue<int>());

        await Api.AssertProblemAsync(await supervisor.PutAsJsonAsync($"/api/v1/contracts/{number}", new { version = 0, contract = body }), HttpStatusCode.Conflict);
        await Api.AssertFieldErrorAsync(await supervisor.PutAsJsonAsync($"/api/v1/contracts/{number}", new { contract = body }), "version");
    }

    [Fact]
    public async Task Get_OutOfScope_404_AndNotListed()
    {
        var today = Today(app);
        var c = await ContractAsync(app, today, today.AddYears(1), activate: false);
        var number = c["number"]!.GetValue<string>();
        using var otherCentre = await app.ClientForAsync(TestOrg.AssistantB);
        await Api.AssertProblemAsync(await otherCentre.GetAsync($"/api/v1/contracts/{number}"), HttpStatusCode.NotFound);
        var list = await Api.JsonAsync(await otherCentre.GetAsync("/api/v1/contracts?limit=200"), HttpStatusCode.OK);
        Assert.DoesNotContain(list["items"]!.AsArray(), i => i!["number"]!.GetValue<string>() == number);
        await Api.AssertProblemAsync(
            await otherCentre.GetAsync($"/api/v1/customers/{c["customerId"]}/contracts"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task States_ActivateTerminate_ThenReadOnly()
    {
        var today = Today(app);
        var c = await ContractAsync(app, today, today.AddYears(1));
        var number = c["number"]!.GetValue<string>();
        Assert.Equal("active", c["state"]!.GetValue<string>());
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        var version = c["version"]!.GetValue<int>();
        await Api.AssertProblemAsync(await supervisor.PostAsJsonAsync($"/api/v1/contracts/{number}/activate", new { version }), HttpStatusCode.Conflict);
        await Api.AssertFieldErrorAsync(await supervisor.PostAsJsonAsync($"/api/v1/contracts/{number}/terminate", new { version }), "reason");
        await Api.AssertFieldErrorAsync(
            await supervisor.PostAsJsonAsync($"/api/v1/contracts/{number}/terminate", new { version, reason = "客户退租", on = Day(today.AddYears(2)) }), "on");
        var ended = await Api.JsonAsync(
            await supervisor.PostAsJsonAsync($"/api/v1/contracts/{number}/terminate", new { version, reason = "客户退租" }), HttpStatusCode.OK);
        Assert.Equal("terminated", ended["state"]!.GetValue<string>());
        Assert.Equal(Day(today), ended["terminatedOn"]!.GetValue<string>());
        var body = New(Guid.Parse(c["customerId"]!.GetValue<string>()), today, today.AddYears(1));
        await Api.AssertProblemAsync(
            await supervisor.PutAsJsonAsync($"/api/v1/contracts/{number}", new { version = ended["version"]!.GetValue<int>(), contract = body }), HttpStatusCode.Conflict);
        await Api.AssertProblemAsync(await supervisor.PostAsJsonAsync($"/api/v1/contracts/{number}/objects", new { description = "冷水机组" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Activate_AfterTheEnd_409()
    {
        var today = Today(app);
        var c = await ContractAsync(app, today.AddYears(-2), today.AddYears(-1), activate: false);
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        await Api.AssertProblemAsync(
            await supervisor.PostAsJsonAsync($"/api/v1/contracts/{c["number"]}/activate", new { version = 0 }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ObjectsAndSchedules_Crud_WithRulesAndVersions()
    {
        var today = Today(app);
        var c = await ContractAsync(app, today, today.AddYears(1));
        var number = c["number"]!.GetValue<string>();
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        await Api.AssertFieldErrorAsync(await supervisor.PostAsJsonAsync($"/api/v1/contracts/{number}/objects", new { city = "上海市" }), "description");
        var o = await AddAsync(app, $"/api/v1/contracts/{number}/objects", new
        {
            description = "中央空调主机", productModel = "YK-300", serialNumber = "SN-0001", assetNumber = "FA-77", street = "虹桥路100号", installDate = "2024-05-01",
        });
        Assert.False(o["usesCustomerAddress"]!.GetValue<bool>());
        var objectUrl = $"/api/v1/contracts/{number}/objects/{o["id"]}";
        var edited = await Api.JsonAsync(await supervisor.PutAsJsonAsync(objectUrl, new { description = "中央空调主机 1#", serialNumber = "SN-0001", version = 0 }), HttpStatusCode.OK);
        Assert.True(edited["usesCustomerAddress"]!.GetValue<bool>());
        Assert.Equal(1, edited["version"]!.GetValue<int>());
        await Api.AssertProblemAsync(await supervisor.PutAsJsonAsync(objectUrl, new { description = "x", version = 0 }), HttpStatusCode.Conflict);

        await Api.AssertFieldErrorAsync(await supervisor.PostAsJsonAsync($"/api/v1/contracts/{number}/schedules", new { kind = "interval" }), "intervalMonths");
        await Api.AssertFieldErrorAsync(await supervisor.PostAsJsonAsync($"/api/v1/contracts/{number}/schedules", new { kind = "meter", meterInterval = 500 }), "coveredObjectId");
        await Api.AssertFieldErrorAsync(
            await supervisor.PostAsJsonAsync($"/api/v1/contracts/{number}/schedules", new { kind = "interval", intervalMonths = 3, requestType = "NOPE" }), "requestType");
        await Api.AssertFieldErrorAsync(
            await supervisor.PostAsJsonAsync($"/api/v1/contracts/{number}/schedules", new { kind = "interval", intervalMonths = 3, leadDays = -1 }), "leadDays");
        var s = await AddAsync(app, $"/api/v1/contracts/{number}/schedules", new { kind = "interval", intervalMonths = 3, coveredObjectId = o["id"], leadDays = 10 });
        Assert.Equal("MNT", s["requestType"]!.GetValue<string>());
        Assert.Equal(Day(today.AddMonths(3)), s["nextDue"]!.GetValue<string>());
        Assert.Equal(Day(today.AddMonths(3).AddDays(-10)), s["createOn"]!.GetValue<string>());
        var scheduleUrl = $"/api/v1/contracts/{number}/schedules/{s["id"]}";
        var paused = await Api.JsonAsync(
            await supervisor.PutAsJsonAsync(scheduleUrl, new { kind = "interval", intervalMonths = 6, coveredObjectId = o["id"], leadDays = 10, isActive = false, version = 0 }),
            HttpStatusCode.OK);
        Assert.Equal(Day(today.AddMonths(6)), paused["nextDue"]!.GetValue<string>());
        Assert.Null(paused["createOn"]);
        await Api.AssertProblemAsync(await supervisor.PutAsJsonAsync(scheduleUrl, new { kind = "interval", intervalMonths = 6, version = 0 }), HttpStatusCode.Conflict);

        await Api.AssertProblemAsync(await supervisor.DeleteAsync(objectUrl), HttpStatusCode.Conflict);
        var detail = await GetAsync(app, number);
        Assert.Single(detail["objects"]!.AsArray());
        Assert.Single(detail["schedules"]!.AsArray());
        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.DeleteAsync(scheduleUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.DeleteAsync(objectUrl)).StatusCode);
        Assert.Empty((await GetAsync(app, number))["objects"]!.AsArray());
    }

    [Fact]
    public async Task MeterReadings_NeverGoBackwardsNorIntoTheFuture()
    {
        var today = Today(app);
        var c = await ContractAsync(app, today.AddMonths(-1), today.AddYears(1));
        var number = c["number"]!.GetValue<string>();
        var o = await AddAsync(app, $"/api/v1/contracts/{number}/objects", new { description = "复印机", serialNumber = "CP-1" });
        var url = $"/api/v1/contracts/{number}/objects/{o["id"]}/readings";
        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
        await Api.JsonAsync(await technician.PostAsJsonAsync(url, new { readOn = Day(today.AddDays(-10)), value = 500 }), HttpStatusCode.Created);
        await Api.AssertFieldErrorAsync(await technician.PostAsJsonAsync(url, new { readOn = Day(today.AddDays(-5)), value = 400 }), "value");
        await Api.AssertFieldErrorAsync(await technician.PostAsJsonAsync(url, new { readOn = Day(today.AddDays(-20)), value = 600 }), "value");
        await Api.AssertFieldErrorAsync(await technician.PostAsJsonAsync(url, new { readOn = Day(today.AddDays(1)), value = 700 }), "readOn");
        await Api.JsonAsync(await technician.PostAsJsonAsync(url, new { readOn = Day(today), value = 800 }), HttpStatusCode.Created);
        using var otherCentre = await app.ClientForAsync(TestOrg.AssistantB);
        await Api.AssertProblemAsync(await otherCentre.PostAsJsonAsync(url, new { readOn = Day(today), value = 900 }), HttpStatusCode.Forbidden);
        var readings = await technician.GetFromJsonAsync<JsonArray>(url);
        Assert.Equal([800m, 500m], readings!.Select(r => r!["value"]!.GetValue<decimal>()));
        var detail = await GetAsync(app, number);
        Assert.Equal(800m, detail["objects"]![0]!["lastMeterReading"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task List_FiltersAndKeysetPaging()
    {
        var today = Today(app);
        var soon = await ContractAsync(app, today.AddMonths(-11), today.AddDays(20));
        var later = await ContractAsync(app, today, today.AddYears(1));
        var draft = await ContractAsync(app, today, today.AddDays(10), activate: false);
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var expiring = await Api.JsonAsync(await assistant.GetAsync("/api/v1/contracts?expiringWithin=30&limit=200"), HttpStatusCode.OK);
        var numbers = expiring["items"]!.AsArray().Select(i => i!["number"]!.GetValue<string>()).ToList();
        Assert.Contains(soon["number"]!.GetValue<string>(), numbers);
        Assert.DoesNotContain(later["number"]!.GetValue<string>(), numbers);
        Assert.DoesNotContain(draft["number"]!.GetValue<string>(), numbers);
        Assert.All(expiring["items"]!.AsArray(), i => Assert.True(i!["expiringSoon"]!.GetValue<bool>()));

        var drafts = await Api.JsonAsync(await assistant.GetAsync($"/api/v1/contracts?state=draft&customerId={draft["customerId"]}"), HttpStatusCode.OK);
        Assert.Equal(draft["number"]!.GetValue<string>(), Assert.Single(drafts["items"]!.AsArray())!["number"]!.GetValue<string>());
        await Api.AssertFieldErrorAsync(await assistant.GetAsync("/api/v1/contracts?state=closed"), "state");
        await Api.AssertFieldErrorAsync(await assistant.GetAsync("/api/v1/contracts?after=garbage"), "after");

        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await Api.JsonAsync(
                await assistant.GetAsync("/api/v1/contracts?limit=1" + (after is null ? "" : "&after=" + after)), HttpStatusCode.OK);
            seen.AddRange(page["items"]!.AsArray().Select(i => i!["number"]!.GetValue<string>()));
            after = page["next"]?.GetValue<string>();
        }
        while (after is not null);
        var all = await Api.JsonAsync(await assistant.GetAsync("/api/v1/contracts?limit=200"), HttpStatusCode.OK);
        Assert.Equal(all["items"]!.AsArray().Select(i => i!["number"]!.GetValue<string>()), seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task ServiceLevels_ContractInForceCoveringTheType_GivesItsLevel()
    {
        var today = Today(app);
        var c = await ContractAsync(app, today, today.AddMonths(6), change: b => b["serviceLevelCode"] = "preventive", types: ["MNT", "REP"]);
        var customer = Guid.Parse(c["customerId"]!.GetValue<string>());
        await using var scope = app.Services.CreateAsyncScope();
        var levels = scope.ServiceProvider.GetRequiredService<IContractServiceLevels>();
        Assert.Equal("preventive", await levels.ContractLevelAsync(customer, "REP", today.AddDays(3), CancellationToken.None));
        Assert.Equal("preventive", await levels.ContractLevelAsync(customer, "MNT", today.AddMonths(6), CancellationToken.None));
        Assert.Null(await levels.ContractLevelAsync(customer, "INST", today.AddDays(3), CancellationToken.None));
        Assert.Null(await levels.ContractLevelAsync(customer, "REP", today.AddDays(-1), CancellationToken.None));
        Assert.Null(await levels.ContractLevelAsync(customer, "REP", today.AddMonths(6).AddDays(1), CancellationToken.None));

        var all = await ContractAsync(app, today, today.AddMonths(6), activate: false);
        var other = Guid.Parse(all["customerId"]!.GetValue<string>());
        Assert.Null(await levels.ContractLevelAsync(other, "INST", today, CancellationToken.None));
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        await Api.JsonAsync(await supervisor.PostAsJsonAsync($"/api/v1/contracts/{all["number"]}/activate", new { version = 0 }), HttpStatusCode.OK);
        Assert.Equal("full", await levels.ContractLevelAsync(other, "INST", today, CancellationToken.None));
    }

    [Fact]
    public async Task Customer_ContractsListed_DeleteRefused_MergeMovesThem()
    {
        var today = Today(app);
        var c = await ContractAsync(app, today, today.AddYears(1));
        var number = c["number"]!.GetValue<string>();
        await AddAsync(app, $"/api/v1/contracts/{number}/objects", new { description = "电梯 A" });
        var duplicate = c["customerId"]!.GetValue<string>();
        using var admin = await app.AdminAsync();
        var listed = await admin.GetFromJsonAsync<JsonArray>($"/api/v1/customers/{duplicate}/contracts");
        Assert.Equal(number, Assert.Single(listed!)!["number"]!.GetValue<string>());
        await Api.AssertProblemAsync(await admin.DeleteAsync($"/api/v1/customers/{duplicate}"), HttpStatusCode.Conflict);

        var survivor = await CustomerAsync(app);
        await Api.JsonAsync(
            await admin.PostAsJsonAsync($"/api/v1/customers/{survivor["id"]}/merge", new { duplicateId = duplicate }), HttpStatusCode.OK);
        var moved = await GetAsync(app, number);
        Assert.Equal(survivor["id"]!.GetValue<string>(), moved["customerId"]!.GetValue<string>());
        var survivorId = Guid.Parse(survivor["id"]!.GetValue<string>());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<CoveredObject>().CountAsync(o => o.CustomerId == survivorId)));
    }
}

public sealed class ContractsApiSqliteTests(SqliteApp app) : ContractsApiTests(app), IClassFixture<SqliteApp>;

public sealed class ContractsApiPostgresTests(PostgresApp app) : ContractsApiTests(app), IClassFixture<PostgresApp>;
