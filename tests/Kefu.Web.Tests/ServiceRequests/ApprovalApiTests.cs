using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.ServiceRequests;

public abstract class ApprovalApiTests(KefuApp app)
{
    private async Task<string> RequestAsync(string type, string chargeMode, bool surveyed)
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var customer = await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA)), HttpStatusCode.Created);
        var r = await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/service-requests", new
        {
            type, channel = "phone", chargeMode, shortText = "需总部报价", customerId = customer["id"], workCentreId = app.Org.WcA,
        }), HttpStatusCode.Created);
        var number = r["number"]!.GetValue<string>();
        if (surveyed)
        {
            using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
            await Api.JsonAsync(await technician.PostAsJsonAsync($"/api/v1/service-requests/{number}/transitions", new { to = "KCJS" }), HttpStatusCode.OK);
        }

        return number;
    }

    private static Task<HttpResponseMessage> EscalateAsync(HttpClient client, string number, string reason) =>
        client.PostAsJsonAsync($"/api/v1/service-requests/{number}/escalations", new { reason, comment = "需要总部支持" });

    [Fact]
    public async Task PaidService_NeedingPricing_WaitsForApproval_ApprovalHandsOverToLogisticsWithPaymentState()
    {
        var number = await RequestAsync("Z1", "paid", surveyed: true);
        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        using var logistics = await app.ClientForAsync(TestOrg.LogisticsUser);
        await Api.AssertProblemAsync(await logistics.GetAsync($"/api/v1/service-requests/{number}"), HttpStatusCode.NotFound);

        var pending = await Api.JsonAsync(await EscalateAsync(technician, number, "head-office-pricing"), HttpStatusCode.OK);
        Assert.Equal("pending", pending["approval"]!["state"]!.GetValue<string>());
        var queue = await supervisor.GetFromJsonAsync<JsonArray>("/api/v1/service-requests/approvals");
        Assert.Contains(queue!, i => i!["number"]!.GetValue<string>() == number);

        var approved = await Api.JsonAsync(
            await supervisor.PostAsJsonAsync($"/api/v1/service-requests/{number}/approval", new { decision = "approve", comment = "同意按总部价格" }), HttpStatusCode.OK);

        Assert.Equal("ZGPZ", approved["status"]!["code"]!.GetValue<string>());
        Assert.Equal("approved", approved["approval"]!["state"]!.GetValue<string>());
        Assert.Equal(app.Org.Logistics.ToString(), approved["approval"]!["handedOverToUnitId"]!.GetValue<string>());
        Assert.True(approved["approval"]!["handoverPaidInFull"]!.GetValue<bool>());
        Assert.Equal("同意按总部价格", approved["timeline"]!.AsArray().Last()!["comment"]!.GetValue<string>());
        var seen = await logistics.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests/{number}");
        Assert.Equal("ZGPZ", seen!["status"]!["code"]!.GetValue<string>());
        var after = await supervisor.GetFromJsonAsync<JsonArray>("/api/v1/service-requests/approvals");
        Assert.DoesNotContain(after!, i => i!["number"]!.GetValue<string>() == number);
    }

    [Fact]
    public async Task Rejection_SetsBpzAndHandsNothingOver()
    {
        var number = await RequestAsync("Z1", "paid", surveyed: true);
        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        await Api.JsonAsync(await EscalateAsync(technician, number, "head-office-pricing"), HttpStatusCode.OK);

        var rejected = await Api.JsonAsync(
            await supervisor.PostAsJsonAsync($"/api/v1/service-requests/{number}/approval", new { decision = "reject", comment = "按本地价格处理" }), HttpStatusCode.OK);

        Assert.Equal("BPZ", rejected["status"]!["code"]!.GetValue<string>());
        Assert.Equal("rejected", rejected["approval"]!["state"]!.GetValue<string>());
        Assert.Null(rejected["approval"]!["handedOverToUnitId"]);
    }

    [Fact]
    public async Task ComplaintBeforeFullPayment_GoesToLogisticsDirectlyWithoutApproval()
    {
        var number = await RequestAsync("Z2", "free", surveyed: false);
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);

        var handed = await Api.JsonAsync(await EscalateAsync(assistant, number, "head-office-support"), HttpStatusCode.OK);

        Assert.Equal("none", handed["approval"]!["state"]!.GetValue<string>());
        Assert.Equal(app.Org.Logistics.ToString(), handed["approval"]!["handedOverToUnitId"]!.GetValue<string>());
        Assert.False(handed["approval"]!["handoverPaidInFull"]!.GetValue<bool>());
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        var queue = await supervisor.GetFromJsonAsync<JsonArray>("/api/v1/service-requests/approvals");
        Assert.DoesNotContain(queue!, i => i!["number"]!.GetValue<string>() == number);
    }

    [Fact]
    public async Task Escalation_RulesAreEnforced()
    {
        var free = await RequestAsync("Z1", "free", surveyed: true);
        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
        await Api.AssertFieldErrorAsync(await EscalateAsync(technician, free, "head-office-pricing"), "reason");
        await Api.AssertFieldErrorAsync(await EscalateAsync(technician, free, "lunch"), "reason");

        await Api.JsonAsync(await EscalateAsync(technician, free, "head-office-support"), HttpStatusCode.OK);
        await Api.AssertProblemAsync(await EscalateAsync(technician, free, "head-office-support"), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Decision_RefusedCases_ChangeNothing()
    {
        var notSurveyed = await RequestAsync("Z1", "paid", surveyed: false);
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
        await Api.AssertProblemAsync(
            await supervisor.PostAsJsonAsync($"/api/v1/service-requests/{notSurveyed}/approval", new { decision = "approve" }), HttpStatusCode.Conflict);

        await Api.JsonAsync(await EscalateAsync(assistant, notSurveyed, "head-office-pricing"), HttpStatusCode.OK);
        var tooEarly = await supervisor.PostAsJsonAsync($"/api/v1/service-requests/{notSurveyed}/approval", new { decision = "approve" });
        var problem = await Api.JsonAsync(tooEarly, HttpStatusCode.Conflict);
        Assert.Equal("Transition.NotAllowed", problem["code"]!.GetValue<string>());
        var unchanged = await supervisor.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests/{notSurveyed}");
        Assert.Equal("TZJL", unchanged!["status"]!["code"]!.GetValue<string>());
        Assert.Equal("pending", unchanged["approval"]!["state"]!.GetValue<string>());

        await Api.AssertProblemAsync(
            await assistant.PostAsJsonAsync($"/api/v1/service-requests/{notSurveyed}/approval", new { decision = "approve" }), HttpStatusCode.Forbidden);
        await Api.AssertFieldErrorAsync(
            await supervisor.PostAsJsonAsync($"/api/v1/service-requests/{notSurveyed}/approval", new { decision = "maybe" }), "decision");
        await Api.AssertProblemAsync(await assistant.GetAsync("/api/v1/service-requests/approvals"), HttpStatusCode.Forbidden);
    }
}

public sealed class ApprovalApiSqliteTests(SqliteApp app) : ApprovalApiTests(app), IClassFixture<SqliteApp>;

public sealed class ApprovalApiPostgresTests(PostgresApp app) : ApprovalApiTests(app), IClassFixture<PostgresApp>;
