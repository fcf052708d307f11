using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.ServiceRequests;

public abstract class RequestMailTests(MailApp app)
{
    private async Task<JsonObject> RequestAsync(string urgency, Guid workCentre)
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var customer = await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA, "张建华")), HttpStatusCode.Created);
        return await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/service-requests", new
        {
            type = "REP", channel = "phone", urgency, shortText = "水管爆裂，需当天上门", longText = "客户家中厨房漏水严重。",
            customerId = customer["id"], workCentreId = workCentre,
        }), HttpStatusCode.Created);
    }

    private async Task SetOnDutyAsync(string userName, bool onDuty)
    {
        using var admin = await app.AdminAsync();
        var users = await admin.GetFromJsonAsync<JsonArray>("/api/v1/users");
        var user = users!.Single(u => u!["userName"]!.GetValue<string>() == userName)!;
        var body = new
        {
            version = user["version"]!.GetValue<string>(),
            user = new { displayName = userName, email = user["email"]!.GetValue<string>(), roles = user["roles"], orgUnitId = user["orgUnitId"], isActive = true, isOnDuty = onDuty },
        };
        await Api.JsonAsync(await admin.PutAsJsonAsync($"/api/v1/users/{user["id"]}", body), HttpStatusCode.OK);
    }

    [Fact]
    public async Task EmergencyRequest_NotifiesTheTechnicianOnDutyInAppAndByUrgentMail()
    {
        await SetOnDutyAsync(TestOrg.TechnicianA, true);
        var r = await RequestAsync("emergency", app.Org.WcA);
        var number = r["number"]!.GetValue<string>();

        var mail = await app.MailAsync(number);
        Assert.Equal([TestOrg.TechnicianA + "@test.kefu.local"], mail.ToAddresses.Select(a => a.Address));
        Assert.Contains("[紧急 URGENT]", mail.Subject, StringComparison.Ordinal);
        Assert.Equal("1", mail.Headers["X-Priority"]?.Split(' ')[0]);
        Assert.Equal("high", mail.Headers["Importance"]);
        Assert.Contains("水管爆裂", mail.MessageParts[0].BodyData, StringComparison.Ordinal);

        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
        var inbox = await technician.GetFromJsonAsync<JsonObject>("/api/v1/notifications?unreadOnly=true");
        var notice = Assert.Single(inbox!["items"]!.AsArray(), n => n!["link"]!.GetValue<string>() == number);
        Assert.True(inbox["unreadCount"]!.GetValue<int>() >= 1);
        Assert.Equal(HttpStatusCode.NoContent, (await technician.PostAsync($"/api/v1/notifications/{notice!["id"]}/read", null)).StatusCode);
        var after = await technician.GetFromJsonAsync<JsonObject>("/api/v1/notifications?unreadOnly=true");
        Assert.DoesNotContain(after!["items"]!.AsArray(), n => n!["link"]!.GetValue<string>() == number);

        using var otherCentre = await app.ClientForAsync(TestOrg.TechnicianA2);
        var others = await otherCentre.GetFromJsonAsync<JsonObject>("/api/v1/notifications");
        Assert.DoesNotContain(others!["items"]!.AsArray(), n => n!["link"]!.GetValue<string>() == number);
    }

    [Fact]
    public async Task NormalRequest_NotifiesNobody()
    {
        var r = await RequestAsync("normal", app.Org.WcA2);
        var number = r["number"]!.GetValue<string>();
        using var technician = await app.ClientForAsync(TestOrg.TechnicianA2);
        var inbox = await technician.GetFromJsonAsync<JsonObject>("/api/v1/notifications");
        Assert.DoesNotContain(inbox!["items"]!.AsArray(), n => n!["link"]!.GetValue<string>() == number);
        await Task.Delay(600);
        Assert.DoesNotContain(app.Smtp.ReceivedEmail, m => m.Subject.Contains(number, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DepartmentMail_Urgent_CarriesNumberCustomerProblemAndLink()
    {
        var r = await RequestAsync("high", app.Org.WcA);
        var number = r["number"]!.GetValue<string>();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);

        var response = await assistant.PostAsJsonAsync($"/api/v1/service-requests/{number}/emails", new
        {
            to = new[] { "logistics@test.kefu.local", "qa@test.kefu.local" }, urgent = true, message = "请总部协助处理。",
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var mail = await app.MailAsync("Service request " + number);
        Assert.Equal(["logistics@test.kefu.local", "qa@test.kefu.local"], mail.ToAddresses.Select(a => a.Address).Order(StringComparer.Ordinal));
        Assert.StartsWith("[紧急 URGENT]", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("张建华", mail.Subject, StringComparison.Ordinal);
        Assert.Equal("1", mail.Headers["X-Priority"]?.Split(' ')[0]);
        var body = mail.MessageParts[0].BodyData;
        foreach (var expected in new[] { number, "张建华", "水管爆裂", "客户家中厨房漏水严重。", "请总部协助处理。", $"https://kefu.example.cn/ServiceRequests/Details?number={number}" })
        {
            Assert.Contains(expected, body, StringComparison.Ordinal);
        }

        var after = await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/service-requests/{number}");
        Assert.Contains("logistics@test.kefu.local", after!["log"]!.AsArray().Last()!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DepartmentMail_NotUrgent_HasNoUrgentMarks()
    {
        var r = await RequestAsync("normal", app.Org.WcA);
        var number = r["number"]!.GetValue<string>();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        Assert.Equal(HttpStatusCode.Accepted, (await assistant.PostAsJsonAsync($"/api/v1/service-requests/{number}/emails", new { to = new[] { "sales@test.kefu.local" }, urgent = false })).StatusCode);
        var mail = await app.MailAsync("Service request " + number);
        Assert.DoesNotContain("紧急", mail.Subject, StringComparison.Ordinal);
        Assert.Null(mail.Headers["X-Priority"]);
    }

    [Fact]
    public async Task DepartmentMail_BadAddress_Returns400AndQueuesNothing()
    {
        var r = await RequestAsync("normal", app.Org.WcA);
        var number = r["number"]!.GetValue<string>();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        await Api.AssertFieldErrorAsync(await assistant.PostAsJsonAsync($"/api/v1/service-requests/{number}/emails", new { to = new[] { "not an address" }, urgent = true }), "to[0]");
        await Api.AssertFieldErrorAsync(await assistant.PostAsJsonAsync($"/api/v1/service-requests/{number}/emails", new { to = Array.Empty<string>() }), "to");
        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
        await Api.AssertProblemAsync(await technician.PostAsJsonAsync($"/api/v1/service-requests/{number}/emails", new { to = new[] { "a@b.cn" } }), HttpStatusCode.Forbidden);
    }
}

public sealed class RequestMailSqliteTests(SqliteMailApp app) : RequestMailTests(app), IClassFixture<SqliteMailApp>;

public sealed class RequestMailPostgresTests(PostgresMailApp app) : RequestMailTests(app), IClassFixture<PostgresMailApp>;
