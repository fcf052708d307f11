using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Core.ServiceRequests;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Tests.ServiceRequests;

public abstract class ServiceRequestsApiTests(KefuApp app)
{
    private async Task<JsonObject> CustomerAsync(Guid? unit = null)
    {
        using var assistant = await app.ClientForAsync(unit == app.Org.RcB ? TestOrg.AssistantB : TestOrg.AssistantA);
        return await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(unit ?? app.Org.RcA)), HttpStatusCode.Created);
    }

    private async Task<JsonObject> RequestAsync(string type = "Z1", Guid? workCentre = null, object? extra = null)
    {
        var customer = await CustomerAsync();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var body = new JsonObject
        {
            ["type"] = type,
            ["channel"] = "phone",
            ["shortText"] = "活动柜锁坏",
            ["longText"] = "客户来电：活动柜锁无法打开。",
            ["customerId"] = customer["id"]!.GetValue<string>(),
            ["workCentreId"] = (workCentre ?? app.Org.WcA).ToString(),
            ["referenceDocument"] = "30000075",
            ["referenceDate"] = "2026-03-01",
            ["items"] = new JsonArray(new JsonObject
            {
                ["categoryLevel1"] = "办公家具", ["categoryLevel2"] = "活动柜", ["colourMain"] = "W01", ["material"] = "M-1001",
                ["quantity"] = 1, ["reasonCode"] = "LOCK", ["oemVendor"] = "申齐",
            }),
        };
        return await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/service-requests", body), HttpStatusCode.Created);
    }

    private static Task<HttpResponseMessage> MoveAsync(HttpClient client, string number, string to, int? version = null) =>
        client.PostAsJsonAsync($"/api/v1/service-requests/{number}/transitions", new { to, comment = "by test " + to, version });

    [Fact]
    public async Task Create_Z1_GetsNumberFromTypeRangeInitialStatusAndDefaults()
    {
        var r = await RequestAsync();
        Assert.Matches("^Z1-[0-9]{7}$", r["number"]!.GetValue<string>());
        Assert.Equal("TZJL", r["status"]!["code"]!.GetValue<string>());
        Assert.Equal("outstanding", r["status"]!["systemStatus"]!.GetValue<string>());
        Assert.True(r["paidInFull"]!.GetValue<bool>());
        Assert.Equal(app.Org.RcA.ToString(), r["responsibilityCentreId"]!.GetValue<string>());
        Assert.Equal("漕溪北路1号", r["objectAddress"]!["street"]!.GetValue<string>());
        Assert.Equal("客户来电：活动柜锁无法打开。", r["log"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("活动柜", r["items"]![0]!["categoryLevel2"]!.GetValue<string>());
        var step = Assert.Single(r["timeline"]!.AsArray());
        Assert.Equal("TZJL", step!["to"]!.GetValue<string>());
        Assert.Equal(TestOrg.AssistantA, step["by"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_Z2_IsBeforeFullPaymentAndObjectAddressGivenWins()
    {
        var customer = await CustomerAsync(app.Org.RcB);
        using var b = await app.ClientForAsync(TestOrg.AssistantB);
        var r = await Api.JsonAsync(await b.PostAsJsonAsync("/api/v1/service-requests", new
        {
            type = "Z2", channel = "store-counter", shortText = "交货异常", customerId = customer["id"],
            objectAddress = new { city = "杭州市", street = "文三路100号" },
        }), HttpStatusCode.Created);
        Assert.Matches("^Z2-", r["number"]!.GetValue<string>());
        Assert.False(r["paidInFull"]!.GetValue<bool>());
        Assert.Equal("文三路100号", r["objectAddress"]!["street"]!.GetValue<string>());
        Assert.Equal(app.Org.WcB.ToString(), r["workCentreId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("type", "ZZ")]
    [InlineData("channel", "pigeon")]
    [InlineData("shortText", "")]
    [InlineData("customerId", "unknown")]
    [InlineData("workCentreId", "other-centre")]
    [InlineData("urgency", "whenever")]
    [InlineData("items[0].quantity", "-1")]
    [InlineData("expectedEnd", "before-start")]
    [InlineData("earlierRequest", "Z1-9999999")]
    public async Task Create_InvalidField_Returns400NamingItAndWritesNothing(string field, string value)
    {
        var customer = await CustomerAsync();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var body = new JsonObject
        {
            ["type"] = "Z1", ["channel"] = "phone", ["shortText"] = "x", ["customerId"] = customer["id"]!.GetValue<string>(),
            ["requiredStart"] = "2026-12-01T09:00:00Z",
        };
        switch (field)
        {
            case "customerId": body[field] = Guid.NewGuid().ToString(); break;
            case "workCentreId": body[field] = app.Org.WcB.ToString(); break;
            case "items[0].quantity": body["items"] = new JsonArray(new JsonObject { ["quantity"] = -1 }); break;
            case "expectedEnd": body[field] = "2026-11-30T09:00:00Z"; break;
            default: body[field] = value; break;
        }

        var before = await app.WithDbAsync(db => db.ServiceRequests.CountAsync());
        await Api.AssertFieldErrorAsync(await assistant.PostAsJsonAsync("/api/v1/service-requests", body), field);
        Assert.Equal(before, await app.WithDbAsync(db => db.ServiceRequests.CountAsync()));
    }

    [Fact]
    public async Task Z1_FullFlow_EachRoleSetsItsStatusAndTheTimelineKeepsEveryStep()
    {
        var r = await RequestAsync();
        var number = r["number"]!.GetValue<string>();
        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        using var department = await app.ClientForAsync(TestOrg.DepartmentA);
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);

        await Api.JsonAsync(await MoveAsync(technician, number, "KCJS"), HttpStatusCode.OK);
        await Api.JsonAsync(await MoveAsync(supervisor, number, "ZGPZ"), HttpStatusCode.OK);
        await Api.JsonAsync(await MoveAsync(department, number, "ZBHF"), HttpStatusCode.OK);
        var done = await Api.JsonAsync(await MoveAsync(assistant, number, "WC"), HttpStatusCode.OK);

        Assert.Equal("completed", done["status"]!["systemStatus"]!.GetValue<string>());
        Assert.NotNull(done["completedAt"]);
        var steps = done["timeline"]!.AsArray().Select(s => (From: s!["from"]?.GetValue<string>(), To: s["to"]!.GetValue<string>(), By: s["by"]!.GetValue<string>())).ToList();
        Assert.Equal(
            [(null, "TZJL", TestOrg.AssistantA), ("TZJL", "KCJS", TestOrg.TechnicianA), ("KCJS", "ZGPZ", TestOrg.SupervisorA), ("ZGPZ", "ZBHF", TestOrg.DepartmentA), ("ZBHF", "WC", TestOrg.AssistantA)],
            steps);
        Assert.Equal("by test ZGPZ", done["timeline"]![2]!["comment"]!.GetValue<string>());
        Assert.Empty(done["nextStatuses"]!.AsArray());
    }

    [Fact]
    public async Task Transition_NotAllowed_Returns409AndLeavesTheRequestUnchanged()
    {
        var r = await RequestAsync();
        var number = r["number"]!.GetValue<string>();
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);

        var response = await MoveAsync(supervisor, number, "ZGPZ");

        var problem = await Api.JsonAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("Transition.NotAllowed", problem["code"]!.GetValue<string>());
        Assert.Contains("KCJS", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var after = await supervisor.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests/{number}");
        Assert.Equal("TZJL", after!["status"]!["code"]!.GetValue<string>());
        Assert.Equal(r["version"]!.GetValue<int>(), after["version"]!.GetValue<int>());
        Assert.Single(after["timeline"]!.AsArray());
    }

    [Fact]
    public async Task Transition_StatusOfAnotherRole_Returns403AndLeavesTheRequestUnchanged()
    {
        var r = await RequestAsync();
        var number = r["number"]!.GetValue<string>();
        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
        await Api.JsonAsync(await MoveAsync(technician, number, "KCJS"), HttpStatusCode.OK);

        var problem = await Api.JsonAsync(await MoveAsync(technician, number, "ZGPZ"), HttpStatusCode.Forbidden);

        Assert.Equal("Transition.RoleNotAllowed", problem["code"]!.GetValue<string>());
        var after = await technician.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests/{number}");
        Assert.Equal("KCJS", after!["status"]!["code"]!.GetValue<string>());
        Assert.Equal(2, after["timeline"]!.AsArray().Count);
    }

    [Fact]
    public async Task Transition_UnknownStatus_Returns400OnTo()
    {
        var r = await RequestAsync();
        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
        await Api.AssertFieldErrorAsync(await MoveAsync(technician, r["number"]!.GetValue<string>(), "NOPE"), "to");
    }

    [Fact]
    public async Task ConcurrentTransitions_WithTheSameVersion_OneWinsTheOtherGets409()
    {
        var r = await RequestAsync();
        var number = r["number"]!.GetValue<string>();
        var version = r["version"]!.GetValue<int>();
        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);

        var first = await MoveAsync(technician, number, "KCJS", version);
        var second = await MoveAsync(supervisor, number, "KCJS", version);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await Api.AssertProblemAsync(second, HttpStatusCode.Conflict);
        var after = await supervisor.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests/{number}");
        Assert.Equal(2, after!["timeline"]!.AsArray().Count);
    }

    [Fact]
    public async Task ConcurrentEdits_WithTheSameVersion_OneWinsTheOtherGets409AndChangesNothing()
    {
        var r = await RequestAsync();
        var number = r["number"]!.GetValue<string>();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        object Edit(string text, string urgency) => new
        {
            version = r["version"]!.GetValue<int>(),
            request = new
            {
                channel = "phone", urgency, shortText = text, customerId = r["customerId"], workCentreId = r["workCentreId"],
                items = new[] { new { material = "M-2002", quantity = 2 } },
            },
        };

        var first = await assistant.PutAsJsonAsync($"/api/v1/service-requests/{number}", Edit("锁芯更换", "high"));
        var second = await supervisor.PutAsJsonAsync($"/api/v1/service-requests/{number}", Edit("另一个修改", "low"));

        var won = await Api.JsonAsync(first, HttpStatusCode.OK);
        Assert.Equal("锁芯更换", won["shortText"]!.GetValue<string>());
        Assert.Equal("M-2002", Assert.Single(won["items"]!.AsArray())!["material"]!.GetValue<string>());
        Assert.Equal(r["version"]!.GetValue<int>() + 1, won["version"]!.GetValue<int>());
        await Api.AssertProblemAsync(second, HttpStatusCode.Conflict);
        var now = await supervisor.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests/{number}");
        Assert.Equal("锁芯更换", now!["shortText"]!.GetValue<string>());
        Assert.Equal("high", now["urgency"]!.GetValue<string>());
    }

    [Fact]
    public async Task Edit_ChangingTheType_Returns400()
    {
        var r = await RequestAsync();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var response = await assistant.PutAsJsonAsync($"/api/v1/service-requests/{r["number"]}", new
        {
            version = r["version"]!.GetValue<int>(),
            request = new { type = "Z2", channel = "phone", shortText = "x", customerId = r["customerId"] },
        });
        await Api.AssertFieldErrorAsync(response, "type");
    }

    [Fact]
    public async Task TechnicianOfAnotherWorkCentre_CannotSeeOrMoveTheRequest()
    {
        var r = await RequestAsync(workCentre: app.Org.WcA);
        var number = r["number"]!.GetValue<string>();
        using var other = await app.ClientForAsync(TestOrg.TechnicianA2);
        using var assistantB = await app.ClientForAsync(TestOrg.AssistantB);

        await Api.AssertProblemAsync(await other.GetAsync($"/api/v1/service-requests/{number}"), HttpStatusCode.NotFound);
        await Api.AssertProblemAsync(await MoveAsync(other, number, "KCJS"), HttpStatusCode.NotFound);
        await Api.AssertProblemAsync(await assistantB.GetAsync($"/api/v1/service-requests/{number}"), HttpStatusCode.NotFound);
        var list = await other.GetFromJsonAsync<JsonObject>("/api/v1/service-requests?limit=200");
        Assert.DoesNotContain(list!["items"]!.AsArray(), i => i!["number"]!.GetValue<string>() == number);
        using var own = await app.ClientForAsync(TestOrg.TechnicianA);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/v1/service-requests/{number}")).StatusCode);
    }

    [Fact]
    public async Task Assign_TechnicianOfAnotherWorkCentre_MovesTheRequestSoTheySeeIt()
    {
        var r = await RequestAsync(workCentre: app.Org.WcA);
        var number = r["number"]!.GetValue<string>();
        using var admin = await app.AdminAsync();
        var users = await admin.GetFromJsonAsync<JsonArray>("/api/v1/users?role=technician");
        var a2 = users!.Single(u => u!["userName"]!.GetValue<string>() == TestOrg.TechnicianA2)!["id"]!.GetValue<string>();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);

        var assigned = await Api.JsonAsync(await assistant.PostAsJsonAsync($"/api/v1/service-requests/{number}/assignment", new { technicianId = a2 }), HttpStatusCode.OK);

        Assert.Equal(app.Org.WcA2.ToString(), assigned["workCentreId"]!.GetValue<string>());
        Assert.Equal(TestOrg.TechnicianA2, assigned["responsiblePersonName"]!.GetValue<string>());
        using var technician = await app.ClientForAsync(TestOrg.TechnicianA2);
        Assert.Equal(HttpStatusCode.OK, (await technician.GetAsync($"/api/v1/service-requests/{number}")).StatusCode);
        var assistantB = users!.Concat((await admin.GetFromJsonAsync<JsonArray>("/api/v1/users?role=assistant"))!)
            .Single(u => u!["userName"]!.GetValue<string>() == TestOrg.AssistantB)!["id"]!.GetValue<string>();
        await Api.AssertFieldErrorAsync(await assistant.PostAsJsonAsync($"/api/v1/service-requests/{number}/assignment", new { technicianId = assistantB }), "technicianId");
    }

    [Fact]
    public async Task Create_RetriedWithIdempotencyKey_ReturnsTheSameRequest()
    {
        var customer = await CustomerAsync();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var body = new { type = "REP", channel = "phone", shortText = "幂等维修", customerId = customer["id"] };
        var key = Guid.NewGuid().ToString();
        var numbers = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/service-requests") { Content = JsonContent.Create(body) };
            message.Headers.Add("Idempotency-Key", key);
            numbers.Add((await Api.JsonAsync(await assistant.SendAsync(message), HttpStatusCode.Created))["number"]!.GetValue<string>());
        }

        Assert.Equal(numbers[0], numbers[1]);
        Assert.Equal(1, await app.WithDbAsync(db => db.ServiceRequests.CountAsync(r => r.ShortText == "幂等维修")));
    }

    [Fact]
    public async Task List_FiltersBySystemStatusUserStatusTypeAndCustomer_AndPages()
    {
        var open = await RequestAsync("Z1");
        var moved = await RequestAsync("Z1");
        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
        await Api.JsonAsync(await MoveAsync(technician, moved["number"]!.GetValue<string>(), "KCJS"), HttpStatusCode.OK);
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);

        async Task<List<string>> Numbers(string query)
        {
            var numbers = new List<string>();
            string? after = null;
            do
            {
                var page = await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests?limit=2&{query}" + (after is null ? "" : $"&after={after}"));
                numbers.AddRange(page!["items"]!.AsArray().Select(i => i!["number"]!.GetValue<string>()));
                after = page["next"]?.GetValue<string>();
            }
            while (after is not null);
            return numbers;
        }

        var inProcess = await Numbers("systemStatus=in-process&type=Z1");
        Assert.Contains(moved["number"]!.GetValue<string>(), inProcess);
        Assert.DoesNotContain(open["number"]!.GetValue<string>(), inProcess);
        var withoutKcjs = await Numbers("excludeUserStatus=KCJS&type=Z1");
        Assert.Contains(open["number"]!.GetValue<string>(), withoutKcjs);
        Assert.DoesNotContain(moved["number"]!.GetValue<string>(), withoutKcjs);
        var byCustomer = await Numbers($"customerId={open["customerId"]}");
        Assert.Equal([open["number"]!.GetValue<string>()], byCustomer);
        var all = await Numbers("type=Z1");
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(all.OrderDescending(StringComparer.Ordinal), all);
        await Api.AssertFieldErrorAsync(await assistant.GetAsync("/api/v1/service-requests?systemStatus=sleeping"), "systemStatus");
        await Api.AssertFieldErrorAsync(await assistant.GetAsync("/api/v1/service-requests?sort=colour"), "sort");
        var ascending = await Numbers("type=Z1&sort=number");
        Assert.Equal(all.Order(StringComparer.Ordinal), ascending);
        var oldestFirst = await Numbers("type=Z1&sort=created");
        Assert.Equal(all.Order(StringComparer.Ordinal), oldestFirst);
        Assert.Equal(all, await Numbers("type=Z1&sort=-number"));
    }

    [Fact]
    public async Task WorkPlan_OpenRequestsOfACentreByRequiredStart()
    {
        var customer = await CustomerAsync();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        async Task<string> At(string requiredStart)
        {
            var r = await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/service-requests", new
            {
                type = "INST", channel = "phone", shortText = "安装 " + requiredStart, customerId = customer["id"], workCentreId = app.Org.WcA, requiredStart,
            }), HttpStatusCode.Created);
            return r["number"]!.GetValue<string>();
        }

        var before = await At("2031-03-01T09:00:00+08:00");
        var inside = await At("2031-03-02T10:00:00+08:00");
        var after = await At("2031-03-09T10:00:00+08:00");

        var plan = await assistant.GetFromJsonAsync<JsonObject>(
            $"/api/v1/service-requests?responsibilityCentreId={app.Org.RcA}&systemStatus=outstanding&systemStatus=in-process&systemStatus=postponed" +
            "&requiredStartFrom=2031-03-02T00:00:00%2B08:00&requiredStartBefore=2031-03-09T00:00:00%2B08:00&limit=200");

        var numbers = plan!["items"]!.AsArray().Select(i => i!["number"]!.GetValue<string>()).ToList();
        Assert.Contains(inside, numbers);
        Assert.DoesNotContain(before, numbers);
        Assert.DoesNotContain(after, numbers);
    }

    [Fact]
    public async Task AppendLog_AddsASignedParagraph()
    {
        var r = await RequestAsync();
        var number = r["number"]!.GetValue<string>();
        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
        await Api.JsonAsync(await technician.PostAsJsonAsync($"/api/v1/service-requests/{number}/log", new { text = "已上门，锁芯损坏。" }), HttpStatusCode.Created);
        await Api.AssertFieldErrorAsync(await technician.PostAsJsonAsync($"/api/v1/service-requests/{number}/log", new { text = " " }), "text");
        var after = await technician.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests/{number}");
        var last = after!["log"]!.AsArray().Last()!;
        Assert.Equal("已上门，锁芯损坏。", last["text"]!.GetValue<string>());
        Assert.Equal(TestOrg.TechnicianA, last["author"]!.GetValue<string>());
    }

    [Fact]
    public async Task RequestTypes_DefaultsShipped_AdministratorEditsProfileWithVersion()
    {
        using var admin = await app.AdminAsync();
        var types = await admin.GetFromJsonAsync<JsonArray>("/api/v1/request-types");
        Assert.Equal(
            ["CLN", "CMP", "CUST", "INQ", "INST", "MNT", "REP", "Z1", "Z2"],
            types!.Select(t => t!["code"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var inq = types!.Single(t => t!["code"]!.GetValue<string>() == "INQ")!.AsObject();
        var body = JsonNode.Parse(inq.ToJsonString())!.AsObject();
        body["nameEn"] = "Question";
        body["transitions"]!.AsArray().Add(new JsonObject { ["from"] = "DF", ["to"] = "CLZ" });

        var updated = await Api.JsonAsync(await admin.PutAsJsonAsync("/api/v1/request-types/INQ", body), HttpStatusCode.OK);
        Assert.Equal("Question", updated["nameEn"]!.GetValue<string>());
        Assert.Contains(updated["transitions"]!.AsArray(), t => t!["from"]!.GetValue<string>() == "DF");
        await Api.AssertProblemAsync(await admin.PutAsJsonAsync("/api/v1/request-types/INQ", body), HttpStatusCode.Conflict);

        body["version"] = updated["version"]!.GetValue<int>();
        body["transitions"]!.AsArray().Add(new JsonObject { ["from"] = "DF", ["to"] = "GHOST" });
        await Api.AssertFieldErrorAsync(await admin.PutAsJsonAsync("/api/v1/request-types/INQ", body), "transitions[" + (body["transitions"]!.AsArray().Count - 1) + "]");
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        await Api.AssertProblemAsync(await supervisor.PutAsJsonAsync("/api/v1/request-types/INQ", body), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RequestTypes_EditedProfile_IsWhatTransitionsObey()
    {
        var r = await RequestAsync("CLN");
        var number = r["number"]!.GetValue<string>();
        using var admin = await app.AdminAsync();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        await Api.AssertProblemAsync(await MoveAsync(assistant, number, "WC"), HttpStatusCode.Conflict);

        var type = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/request-types/CLN"))!;
        type["transitions"]!.AsArray().Add(new JsonObject { ["from"] = "XJ", ["to"] = "WC" });
        foreach (var status in type["statuses"]!.AsArray())
        {
            if (status!["code"]!.GetValue<string>() == "WC")
            {
                status["roles"] = new JsonArray();
            }
        }

        await Api.JsonAsync(await admin.PutAsJsonAsync("/api/v1/request-types/CLN", type), HttpStatusCode.OK);
        var done = await Api.JsonAsync(await MoveAsync(assistant, number, "WC"), HttpStatusCode.OK);
        Assert.Equal("completed", done["status"]!["systemStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unauthenticated_Returns401_CustomerRoleReturns403()
    {
        using var anon = app.CreateClient();
        await Api.AssertProblemAsync(await anon.GetAsync("/api/v1/service-requests"), HttpStatusCode.Unauthorized);
        Assert.Contains(DefaultProfiles.All, p => p.Code == "Z1");
    }
}

public sealed class ServiceRequestsApiSqliteTests(SqliteApp app) : ServiceRequestsApiTests(app), IClassFixture<SqliteApp>;

public sealed class ServiceRequestsApiPostgresTests(PostgresApp app) : ServiceRequestsApiTests(app), IClassFixture<PostgresApp>;
