using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Kefu.Core.Audit;
using Kefu.Core.Customers;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Tests.Customers;

public abstract class CustomersApiTests(KefuApp app)
{
    protected KefuApp App { get; } = app;

    public static string UniquePhone() => CustomerBodies.UniquePhone();

    public object NewCustomer(string? name = null, string? phone = null, Guid? unit = null) =>
        CustomerBodies.New(unit ?? App.Org.RcA, name, phone);

    protected async Task<JsonObject> CreateAsync(HttpClient client, object? body = null) =>
        await Api.JsonAsync(await client.PostAsJsonAsync("/api/v1/customers", body ?? NewCustomer()), HttpStatusCode.Created);

    [Fact]
    public async Task Create_ValidCustomer_Returns201WithSystemNumberAndAllParts()
    {
        using var client = await App.ClientForAsync(TestOrg.AssistantA);
        var response = await client.PostAsJsonAsync("/api/v1/customers", NewCustomer("李娜"));
        var created = await Api.JsonAsync(response, HttpStatusCode.Created);

        Assert.Matches("^C[0-9]{8}$", created["number"]!.GetValue<string>());
        Assert.Equal($"/api/v1/customers/{created["id"]}", response.Headers.Location?.OriginalString);
        var fetched = await client.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{created["id"]}");
        Assert.Equal("李娜", fetched!["name"]!.GetValue<string>());
        Assert.Equal("retail", fetched["nature"]!.GetValue<string>());
        Assert.Equal("上海责任中心", fetched["orgUnitName"]!.GetValue<string>());
        Assert.Single(fetched["contacts"]!.AsArray());
        Assert.True(fetched["addresses"]![0]!["isMaster"]!.GetValue<bool>());
        Assert.Equal("1985-03-08", fetched["keyDates"]![0]!["date"]!.GetValue<string>());
        Assert.Equal("园艺", fetched["preferences"]!["hobbies"]!.GetValue<string>());
        Assert.Equal(0, fetched["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Create_TwoCustomers_GetDistinctIncreasingNumbers()
    {
        using var client = await App.ClientForAsync(TestOrg.AssistantA);
        var first = await CreateAsync(client);
        var second = await CreateAsync(client);
        Assert.True(string.CompareOrdinal(first["number"]!.GetValue<string>(), second["number"]!.GetValue<string>()) < 0);
    }

    [Fact]
    public async Task Update_WithCurrentVersion_SavesAndBumpsVersion()
    {
        using var client = await App.ClientForAsync(TestOrg.AssistantA);
        var created = await CreateAsync(client);
        var input = ToInput(created);
        input["name"] = "改名后";
        input["contacts"]!.AsArray().Add(new JsonObject { ["name"] = "第二联系人", ["phone"] = UniquePhone() });

        var response = await client.PutAsJsonAsync($"/api/v1/customers/{created["id"]}", new { version = 0, customer = input });
        var updated = await Api.JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal("改名后", updated["name"]!.GetValue<string>());
        Assert.Equal(2, updated["contacts"]!.AsArray().Count);
        Assert.Equal(1, updated["version"]!.GetValue<int>());
        Assert.Equal(created["number"]!.GetValue<string>(), updated["number"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_WithStaleVersion_Returns409AndChangesNothing()
    {
        using var client = await App.ClientForAsync(TestOrg.AssistantA);
        var created = await CreateAsync(client);
        var id = created["id"]!.GetValue<string>();
        var first = ToInput(created);
        first["name"] = "第一次修改";
        await Api.JsonAsync(await client.PutAsJsonAsync($"/api/v1/customers/{id}", new { version = 0, customer = first }), HttpStatusCode.OK);

        var stale = ToInput(created);
        stale["name"] = "过期修改";
        stale["contacts"] = new JsonArray();
        var response = await client.PutAsJsonAsync($"/api/v1/customers/{id}", new { version = 0, customer = stale });

        await Api.AssertProblemAsync(response, HttpStatusCode.Conflict);
        var current = await client.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{id}");
        Assert.Equal("第一次修改", current!["name"]!.GetValue<string>());
        Assert.Single(current["contacts"]!.AsArray());
        Assert.Equal(1, current["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Update_OnlyChildrenChanged_StillBumpsVersion()
    {
        using var client = await App.ClientForAsync(TestOrg.AssistantA);
        var created = await CreateAsync(client);
        var input = ToInput(created);
        input["tags"] = new JsonArray("新标签");
        var updated = await Api.JsonAsync(
            await client.PutAsJsonAsync($"/api/v1/customers/{created["id"]}", new { version = 0, customer = input }), HttpStatusCode.OK);
        Assert.Equal(1, updated["version"]!.GetValue<int>());
        Assert.Equal("新标签", updated["tags"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_WithoutVersion_Returns400NamingVersion()
    {
        using var client = await App.ClientForAsync(TestOrg.AssistantA);
        var created = await CreateAsync(client);
        var response = await client.PutAsJsonAsync($"/api/v1/customers/{created["id"]}", new { customer = ToInput(created) });
        await Api.AssertFieldErrorAsync(response, "version");
    }

    [Fact]
    public async Task Delete_ExistingCustomer_Returns204ThenGetIs404()
    {
        using var client = await App.ClientForAsync(TestOrg.AssistantA);
        var created = await CreateAsync(client);
        var id = created["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/customers/{id}?version=0")).StatusCode);
        await Api.AssertProblemAsync(await client.GetAsync($"/api/v1/customers/{id}"), HttpStatusCode.NotFound);
        var contactsLeft = await App.WithDbAsync(db => db.CustomerContacts.CountAsync(c => c.CustomerId == Guid.Parse(id)));
        Assert.Equal(0, contactsLeft);
    }

    [Fact]
    public async Task Delete_WithStaleVersion_Returns409AndKeepsCustomer()
    {
        using var client = await App.ClientForAsync(TestOrg.AssistantA);
        var created = await CreateAsync(client);
        var id = created["id"]!.GetValue<string>();
        await Api.AssertProblemAsync(await client.DeleteAsync($"/api/v1/customers/{id}?version=7"), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/customers/{id}")).StatusCode);
    }

    [Fact]
    public async Task Create_MalformedJson_Returns400Problem()
    {
        using var client = await App.ClientForAsync(TestOrg.AssistantA);
        using var content = new StringContent("{\"name\": \"x\", ", Encoding.UTF8, "application/json");
        var response = await client.PostAsync("/api/v1/customers", content);
        await Api.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(0, await App.WithDbAsync(db => db.Customers.CountAsync(c => c.Name == "x")));
    }

    [Fact]
    public async Task Create_WrongJsonType_Returns400NamingTheField()
    {
        using var client = await App.ClientForAsync(TestOrg.AssistantA);
        using var content = new StringContent("{\"name\": 42, \"kind\": \"person\"}", Encoding.UTF8, "application/json");
        await Api.AssertFieldErrorAsync(await client.PostAsync("/api/v1/customers", content), "name");
    }

    public static TheoryData<string, string> InvalidFields() => new()
    {
        { "name", "" },
        { "kind", "alien" },
        { "nature", "wholesale" },
        { "orgUnitId", "missing" },
        { "orgUnitId", "work-centre" },
        { "orgUnitId", "other-unknown" },
        { "contacts[0].phone", "abc-def" },
        { "contacts[0].email", "not-an-email" },
        { "contacts[0]", "no-channel" },
        { "addresses", "two-masters" },
        { "addresses[0].street", "" },
        { "keyDates[0].date", "missing" },
        { "keyDates[0].kind", "anniversary-of-nothing" },
        { "tags[0]", "a-tag-that-is-much-too-long-to-be-a-tag" },
        { "accountManagerId", "not-a-manager" },
        { "notes", "too-long" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Create_InvalidField_Returns400NamingItAndWritesNothing(string field, string variant)
    {
        using var client = await App.ClientForAsync(TestOrg.AssistantA);
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(NewCustomer("无效客户 " + variant)))!.AsObject();
        Break(body, field, variant);
        var before = await App.CountAsync<Customer>();

        await Api.AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/customers", body), field);

        Assert.Equal(before, await App.CountAsync<Customer>());
    }

    [Fact]
    public async Task OtherResponsibilityCentre_CannotReadChangeDeleteOrList()
    {
        using var a = await App.ClientForAsync(TestOrg.AssistantA);
        using var b = await App.ClientForAsync(TestOrg.AssistantB);
        var created = await CreateAsync(a);
        var id = created["id"]!.GetValue<string>();
        var number = created["number"]!.GetValue<string>();

        await Api.AssertProblemAsync(await b.GetAsync($"/api/v1/customers/{id}"), HttpStatusCode.NotFound);
        await Api.AssertProblemAsync(
            await b.PutAsJsonAsync($"/api/v1/customers/{id}", new { version = 0, customer = ToInput(created) }), HttpStatusCode.NotFound);
        await Api.AssertProblemAsync(await b.DeleteAsync($"/api/v1/customers/{id}"), HttpStatusCode.NotFound);
        await Api.AssertProblemAsync(await b.GetAsync($"/api/v1/customers/{id}/history"), HttpStatusCode.NotFound);
        var list = await b.GetFromJsonAsync<JsonObject>($"/api/v1/customers?q={number}");
        Assert.Empty(list!["items"]!.AsArray());
        var all = await b.GetFromJsonAsync<JsonObject>("/api/v1/customers?limit=200");
        Assert.DoesNotContain(all!["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task Create_InAnotherResponsibilityCentre_IsRefused()
    {
        using var b = await App.ClientForAsync(TestOrg.AssistantB);
        var before = await App.CountAsync<Customer>();
        await Api.AssertFieldErrorAsync(await b.PostAsJsonAsync("/api/v1/customers", NewCustomer(unit: App.Org.RcA)), "orgUnitId");
        Assert.Equal(before, await App.CountAsync<Customer>());
    }

    [Fact]
    public async Task Supervisor_OfSameCentre_SeesTheCustomer()
    {
        using var a = await App.ClientForAsync(TestOrg.AssistantA);
        using var supervisor = await App.ClientForAsync(TestOrg.SupervisorA);
        var created = await CreateAsync(a);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/v1/customers/{created["id"]}")).StatusCode);
    }

    [Fact]
    public async Task Technician_MayReadButNotCreate()
    {
        using var technician = await App.ClientForAsync(TestOrg.TechnicianA);
        await Api.AssertProblemAsync(await technician.PostAsJsonAsync("/api/v1/customers", NewCustomer()), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await technician.GetAsync("/api/v1/customers")).StatusCode);
    }

    [Fact]
    public async Task Unauthenticated_Calls_Return401()
    {
        using var anonymous = App.CreateClient();
        await Api.AssertProblemAsync(await anonymous.GetAsync("/api/v1/customers"), HttpStatusCode.Unauthorized);
        await Api.AssertProblemAsync(await anonymous.GetAsync($"/api/v1/customers/{Guid.NewGuid()}"), HttpStatusCode.Unauthorized);
        await Api.AssertProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/customers", NewCustomer()), HttpStatusCode.Unauthorized);
        using var forged = App.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "kefu_forged");
        await Api.AssertProblemAsync(await forged.GetAsync("/api/v1/customers"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task EveryChange_IsAuditedWithBeforeAndAfter()
    {
        using var client = await App.ClientForAsync(TestOrg.AssistantA);
        using var admin = await App.AdminAsync();
        var created = await CreateAsync(client);
        var id = created["id"]!.GetValue<string>();
        var input = ToInput(created);
        input["name"] = "审计后";
        await Api.JsonAsync(await client.PutAsJsonAsync($"/api/v1/customers/{id}", new { version = 0, customer = input }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/customers/{id}")).StatusCode);

        var log = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/audit?entity=Customer&entityKey={id}");
        var entries = log!["items"]!.AsArray().Select(e => e!.AsObject()).Reverse().ToList();
        Assert.Equal(["insert", "update", "delete"], entries.Select(e => e["action"]!.GetValue<string>()));
        Assert.All(entries, e => Assert.Equal(TestOrg.AssistantA, e["userName"]!.GetValue<string>()));
        Assert.Contains(created["name"]!.GetValue<string>(), entries[0]["after"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(created["name"]!.GetValue<string>(), entries[1]["before"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("审计后", entries[1]["after"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("审计后", entries[2]["before"]!.GetValue<string>(), StringComparison.Ordinal);
        var contactAudits = await App.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.CustomerId == Guid.Parse(id) && a.Entity == nameof(CustomerContact)).Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditAction.Insert, contactAudits);
        Assert.Contains(AuditAction.Delete, contactAudits);
    }

    [Fact]
    public async Task History_ShowsChangesToTheCustomerAndItsChildren()
    {
        using var client = await App.ClientForAsync(TestOrg.AssistantA);
        var created = await CreateAsync(client);
        var id = created["id"]!.GetValue<string>();
        var input = ToInput(created);
        input["addresses"]![0]!["street"] = "衡山路99号";
        await Api.JsonAsync(await client.PutAsJsonAsync($"/api/v1/customers/{id}", new { version = 0, customer = input }), HttpStatusCode.OK);

        var history = await client.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{id}/history");
        var items = history!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Contains(items, i => i["entity"]!.GetValue<string>() == "Customer" && i["action"]!.GetValue<string>() == "insert");
        var addressUpdate = Assert.Single(items, i => i["entity"]!.GetValue<string>() == "CustomerAddress" && i["action"]!.GetValue<string>() == "update");
        Assert.Contains("漕溪北路1号", addressUpdate["before"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("衡山路99号", addressUpdate["after"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_SearchesByPhoneNumberAndName()
    {
        using var client = await App.ClientForAsync(TestOrg.AssistantA);
        var phone = UniquePhone();
        var name = "搜索测试" + Guid.NewGuid().ToString("N")[..4];
        var created = await CreateAsync(client, NewCustomer(name, phone));
        var number = created["number"]!.GetValue<string>();

        foreach (var q in new[] { phone, phone[..7], number, name, name[2..] })
        {
            var page = await client.GetFromJsonAsync<JsonObject>($"/api/v1/customers?q={Uri.EscapeDataString(q)}");
            Assert.Contains(page!["items"]!.AsArray(), i => i!["number"]!.GetValue<string>() == number);
        }

        var none = await client.GetFromJsonAsync<JsonObject>("/api/v1/customers?q=" + Uri.EscapeDataString("不存在的名字"));
        Assert.Empty(none!["items"]!.AsArray());
    }

    [Theory]
    [InlineData("name")]
    [InlineData("-name")]
    [InlineData("number")]
    [InlineData("-created")]
    public async Task List_KeysetPaging_VisitsEveryCustomerOnceInOrder(string sort)
    {
        using var client = await App.ClientForAsync(TestOrg.AssistantB);
        var tag = "t" + Guid.NewGuid().ToString("N")[..5];
        foreach (var n in new[] { "赵", "钱", "孙", "李", "周", "吴", "郑" })
        {
            await CreateAsync(client, NewCustomer($"{n}{tag}", unit: App.Org.RcB));
        }

        var seen = new List<JsonObject>();
        string? after = null;
        do
        {
            var url = $"/api/v1/customers?q={tag}&limit=3&sort={sort}" + (after is null ? "" : $"&after={after}");
            var page = await client.GetFromJsonAsync<JsonObject>(url);
            seen.AddRange(page!["items"]!.AsArray().Select(i => i!.AsObject()));
            after = page["next"]?.GetValue<string>();
        }
        while (after is not null);

        Assert.Equal(7, seen.Count);
        Assert.Equal(7, seen.Select(s => s["id"]!.GetValue<string>()).Distinct().Count());
        var keys = seen.Select(s => sort.TrimStart('-') switch
        {
            "name" => s["name"]!.GetValue<string>(),
            "number" => s["number"]!.GetValue<string>(),
            _ => s["createdAt"]!.GetValue<string>() + s["number"]!.GetValue<string>(),
        }).ToList();
        var ordered = sort.StartsWith('-') ? keys.OrderDescending(StringComparer.Ordinal) : keys.Order(StringComparer.Ordinal);
        Assert.Equal(ordered, keys);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=500", "limit")]
    [InlineData("sort=colour", "sort")]
    [InlineData("after=%25%25garbage", "after")]
    public async Task List_BadQuery_Returns400NamingParameter(string query, string field)
    {
        using var client = await App.ClientForAsync(TestOrg.AssistantA);
        await Api.AssertFieldErrorAsync(await client.GetAsync("/api/v1/customers?" + query), field);
    }

    [Fact]
    public async Task Duplicates_SamePhoneOrEmailOrNameAndAddress_AreFound()
    {
        using var client = await App.ClientForAsync(TestOrg.AssistantA);
        var phone = UniquePhone();
        var created = await CreateAsync(client, NewCustomer("重复检测", phone));

        var byPhone = await client.PostAsJsonAsync("/api/v1/customers/duplicates", NewCustomer("别的名字", phone));
        var candidates = await byPhone.Content.ReadFromJsonAsync<JsonArray>();
        var match = Assert.Single(candidates!, c => c!["id"]!.GetValue<string>() == created["id"]!.GetValue<string>());
        Assert.Contains("phone", match!["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        var byNameAddress = await client.PostAsJsonAsync("/api/v1/customers/duplicates", NewCustomer("重复检测", UniquePhone()));
        var second = await byNameAddress.Content.ReadFromJsonAsync<JsonArray>();
        Assert.Contains(second!, c => c!["reason"]!.GetValue<string>().Contains("name-address", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Merge_Duplicate_SurvivorKeepsEveryContactAndDuplicateIsGone()
    {
        using var client = await App.ClientForAsync(TestOrg.AssistantA);
        var survivor = await CreateAsync(client);
        var duplicate = await CreateAsync(client);
        var response = await client.PostAsJsonAsync($"/api/v1/customers/{survivor["id"]}/merge", new { duplicateId = duplicate["id"] });
        var merged = await Api.JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal(2, merged["contacts"]!.AsArray().Count);
        Assert.Equal(2, merged["addresses"]!.AsArray().Count);
        Assert.Single(merged["addresses"]!.AsArray(), a => a!["isMaster"]!.GetValue<bool>());
        await Api.AssertProblemAsync(await client.GetAsync($"/api/v1/customers/{duplicate["id"]}"), HttpStatusCode.NotFound);
    }

    public static JsonObject ToInput(JsonObject detail)
    {
        var input = new JsonObject();
        foreach (var key in new[] { "kind", "name", "nature", "orgUnitId", "accountManagerId", "groupId", "sourceChannel", "notes", "tags", "contacts", "addresses", "keyDates", "preferences" })
        {
            input[key] = detail[key]?.DeepClone();
        }

        return input;
    }

    private void Break(JsonObject body, string field, string variant)
    {
        switch (field, variant)
        {
            case ("orgUnitId", "missing"):
                body.Remove("orgUnitId");
                break;
            case ("orgUnitId", "work-centre"):
                body["orgUnitId"] = App.Org.WcA.ToString();
                break;
            case ("orgUnitId", _):
                body["orgUnitId"] = Guid.NewGuid().ToString();
                break;
            case ("contacts[0]", _):
                body["contacts"] = new JsonArray(new JsonObject { ["name"] = "没有联系方式" });
                break;
            case ("addresses", _):
                body["addresses"]!.AsArray().Add(new JsonObject { ["street"] = "第二个地址", ["isMaster"] = true });
                break;
            case ("keyDates[0].date", _):
                body["keyDates"]![0]!.AsObject().Remove("date");
                break;
            case ("accountManagerId", _):
                body["accountManagerId"] = Guid.NewGuid().ToString();
                break;
            case ("notes", _):
                body["notes"] = new string('x', 4001);
                break;
            case ("tags[0]", _):
                body["tags"] = new JsonArray(variant);
                break;
            default:
                var path = field.Replace("[0]", "", StringComparison.Ordinal).Split('.');
                JsonNode target = body;
                foreach (var part in path[..^1])
                {
                    target = target[part] is JsonArray array ? array[0]! : target[part]!;
                }

                target[path[^1]] = variant;
                break;
        }
    }
}

public sealed class CustomersApiSqliteTests(SqliteApp app) : CustomersApiTests(app), IClassFixture<SqliteApp>;

public sealed class CustomersApiPostgresTests(PostgresApp app) : CustomersApiTests(app), IClassFixture<PostgresApp>;

public abstract class IdempotencyTests(KefuApp app)
{
    [Fact]
    public async Task Create_RetriedWithSameKey_ReturnsTheSameCustomerOnce()
    {
        using var client = await app.ClientForAsync(TestOrg.AssistantA);
        var body = CustomerBodies.New(app.Org.RcA, "幂等客户");
        var key = Guid.NewGuid().ToString();

        using var first = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customers") { Content = JsonContent.Create(body) };
        first.Headers.Add("Idempotency-Key", key);
        var created = await Api.JsonAsync(await client.SendAsync(first), HttpStatusCode.Created);
        using var retry = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customers") { Content = JsonContent.Create(body) };
        retry.Headers.Add("Idempotency-Key", key);
        var retried = await client.SendAsync(retry);
        var replayed = await Api.JsonAsync(retried, HttpStatusCode.Created);

        Assert.Equal(created["id"]!.GetValue<string>(), replayed["id"]!.GetValue<string>());
        Assert.Equal(created["number"]!.GetValue<string>(), replayed["number"]!.GetValue<string>());
        Assert.Equal($"/api/v1/customers/{created["id"]}", retried.Headers.Location?.OriginalString);
        Assert.Equal(1, await app.WithDbAsync(db => db.Customers.CountAsync(c => c.Name == "幂等客户")));
    }

    [Fact]
    public async Task Create_SameKeyDifferentBody_Returns422()
    {
        using var client = await app.ClientForAsync(TestOrg.AssistantA);
        var key = Guid.NewGuid().ToString();
        using var first = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customers") { Content = JsonContent.Create(CustomerBodies.New(app.Org.RcA, "甲")) };
        first.Headers.Add("Idempotency-Key", key);
        await Api.JsonAsync(await client.SendAsync(first), HttpStatusCode.Created);
        using var second = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customers") { Content = JsonContent.Create(CustomerBodies.New(app.Org.RcA, "乙")) };
        second.Headers.Add("Idempotency-Key", key);
        await Api.AssertProblemAsync(await client.SendAsync(second), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Create_InvalidWithKey_ReleasesKeySoACorrectedRetryWorks()
    {
        using var client = await app.ClientForAsync(TestOrg.AssistantA);
        var key = Guid.NewGuid().ToString();
        using var bad = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customers") { Content = JsonContent.Create(new { name = "" }) };
        bad.Headers.Add("Idempotency-Key", key);
        await Api.AssertFieldErrorAsync(await client.SendAsync(bad), "name");
        using var good = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customers")
        {
            Content = JsonContent.Create(CustomerBodies.New(app.Org.RcA, "重试成功")),
        };
        good.Headers.Add("Idempotency-Key", key);
        await Api.JsonAsync(await client.SendAsync(good), HttpStatusCode.Created);
    }
}

public sealed class IdempotencySqliteTests(SqliteApp app) : IdempotencyTests(app), IClassFixture<SqliteApp>;

public sealed class IdempotencyPostgresTests(PostgresApp app) : IdempotencyTests(app), IClassFixture<PostgresApp>;
