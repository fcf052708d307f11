using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Core.Data;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.ApiContract;

/// <summary>
/// Issue 19 point 4: the Idempotency-Key is stored in the transaction of the record it creates, on every create. A commit that
/// never happens (the process dies after the record was written) leaves neither record nor key, so the retry creates it once.
/// </summary>
public abstract class IdempotentCreateTests(IdempotencyApp app)
{
    private const string Header = "Idempotency-Key";

    [Fact]
    public async Task Create_WhoseCommitNeverHappens_LeavesNoKeyAndTheRetryCreatesItOnce()
    {
        using var client = await app.ClientForAsync(TestOrg.AssistantA);
        var key = Guid.NewGuid().ToString();
        var name = "崩溃客户 " + key[..6];
        var body = CustomerBodies.New(app.Org.RcA, name);
        app.Crash.Arm(key);

        var crashed = await client.SendAsync(Keyed(HttpMethod.Post, "/api/v1/customers", key, body));

        Assert.Equal(HttpStatusCode.InternalServerError, crashed.StatusCode);
        Assert.Equal(0, await KeysAsync(key));
        Assert.Equal(0, await CustomersNamedAsync(name));
        var retried = await Api.JsonAsync(await client.SendAsync(Keyed(HttpMethod.Post, "/api/v1/customers", key, body)), HttpStatusCode.Created);
        var again = await client.SendAsync(Keyed(HttpMethod.Post, "/api/v1/customers", key, body));
        Assert.Equal(retried["number"]!.GetValue<string>(), (await Api.JsonAsync(again, HttpStatusCode.Created))["number"]!.GetValue<string>());
        Assert.Equal(1, await CustomersNamedAsync(name));
        Assert.Equal(1, await KeysAsync(key));
    }

    [Fact]
    public async Task Create_RefusedByTheUseCase_LeavesNoKey()
    {
        using var client = await app.ClientForAsync(TestOrg.AssistantA);
        var key = Guid.NewGuid().ToString();

        await Api.AssertFieldErrorAsync(await client.SendAsync(Keyed(HttpMethod.Post, "/api/v1/service-requests", key, new { type = "Z1" })), "customerId");

        Assert.Equal(0, await KeysAsync(key));
    }

    [Fact]
    public async Task Request_RetriedWithSameKeyAndBody_AnswersTheSavedRequestWithItsNumberAndStatus()
    {
        using var client = await app.ClientForAsync(TestOrg.AssistantA);
        var body = await RequestBodyAsync(client);
        var key = Guid.NewGuid().ToString();

        var first = await client.SendAsync(Keyed(HttpMethod.Post, "/api/v1/service-requests", key, body));
        var created = await Api.JsonAsync(first, HttpStatusCode.Created);
        var retry = await client.SendAsync(Keyed(HttpMethod.Post, "/api/v1/service-requests", key, body));
        var replayed = await Api.JsonAsync(retry, HttpStatusCode.Created);

        Assert.Equal(created["number"]!.GetValue<string>(), replayed["number"]!.GetValue<string>());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await RequestsWithTextAsync(body));
    }

    [Fact]
    public async Task SameKey_WithAnotherBody_Answers422Problem()
    {
        using var client = await app.ClientForAsync(TestOrg.AssistantA);
        var key = Guid.NewGuid().ToString();
        await Api.JsonAsync(await client.SendAsync(Keyed(HttpMethod.Post, "/api/v1/customer-groups", key, new { name = "组 " + key[..6] })), HttpStatusCode.Created);

        var other = await client.SendAsync(Keyed(HttpMethod.Post, "/api/v1/customer-groups", key, new { name = "另一组 " + key[..6] }));

        await Api.AssertProblemAsync(other, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Idempotency.Mismatch", (await other.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConcurrentTwins_WithSameKey_CreateExactlyOneRequest()
    {
        using var client = await app.ClientForAsync(TestOrg.AssistantA);
        var body = await RequestBodyAsync(client);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.SendAsync(Keyed(HttpMethod.Post, "/api/v1/service-requests", key, body))));

        var numbers = new List<string>();
        foreach (var response in responses)
        {
            numbers.Add((await Api.JsonAsync(response, HttpStatusCode.Created))["number"]!.GetValue<string>());
        }

        Assert.Single(numbers.Distinct());
        Assert.Equal(1, await app.WithDbAsync(db => db.ServiceRequests.CountAsync(r => r.Number == numbers[0])));
        Assert.Equal(1, await RequestsWithTextAsync(body));
    }

    [Fact]
    public async Task KeyLeftInProgressByAnEarlierVersion_NoLongerBlocksTheCreate()
    {
        using var client = await app.ClientForAsync(TestOrg.AssistantA);
        var key = Guid.NewGuid().ToString();
        var assistant = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == TestOrg.AssistantA).Select(u => u.Id).SingleAsync());
        await app.WithDbAsync(async db =>
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord { UserId = assistant, Key = key, Endpoint = "POST /api/v1/customers", RequestHash = "stuck", CreatedAt = app.Clock.GetUtcNow().UtcDateTime });
            return await db.SaveChangesAsync();
        });

        var name = "遗留键客户 " + key[..6];
        var body = CustomerBodies.New(app.Org.RcA, name);
        await Api.JsonAsync(await client.SendAsync(Keyed(HttpMethod.Post, "/api/v1/customers", key, body)), HttpStatusCode.Created);

        Assert.Equal(1, await CustomersNamedAsync(name));
    }

    private static HttpRequestMessage Keyed(HttpMethod method, string url, string key, object body)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        request.Headers.Add(Header, key);
        return request;
    }

    private async Task<JsonObject> RequestBodyAsync(HttpClient client)
    {
        var customer = await Api.JsonAsync(await client.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA)), HttpStatusCode.Created);
        return new JsonObject { ["type"] = "REP", ["channel"] = "phone", ["shortText"] = "幂等 " + Guid.NewGuid().ToString("N")[..8], ["customerId"] = customer["id"]!.GetValue<string>() };
    }

    private Task<int> RequestsWithTextAsync(JsonObject body)
    {
        var text = body["shortText"]!.GetValue<string>();
        return app.WithDbAsync(db => db.ServiceRequests.CountAsync(r => r.ShortText == text));
    }

    private Task<int> KeysAsync(string key) => app.WithDbAsync(db => db.IdempotencyRecords.CountAsync(r => r.Key == key));

    private Task<int> CustomersNamedAsync(string name) => app.WithDbAsync(db => db.Customers.CountAsync(c => c.Name == name));
}

/// <summary>The app with a switch that makes the commit of one key's create fail, as if the process died just before it.</summary>
public abstract class IdempotencyApp(DatabaseProvider provider) : KefuApp(provider)
{
    public CrashBeforeCommit Crash { get; } = new();

    protected override void Configure(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.ConfigureDbContext<KefuDb>(o => o.AddInterceptors(Crash)));
}

public sealed class CrashBeforeCommit : DbTransactionInterceptor
{
    private string? armedKey;

    public void Arm(string key) => armedKey = key;

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(
        System.Data.Common.DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        var key = armedKey;
        if (key is not null && eventData.Context!.ChangeTracker.Entries<IdempotencyRecord>().Any(e => e.Entity.Key == key))
        {
            armedKey = null;
            throw new InvalidOperationException("Simulated crash before the commit.");
        }

        return base.TransactionCommittingAsync(transaction, eventData, result, cancellationToken);
    }
}

public sealed class IdempotencySqliteApp() : IdempotencyApp(DatabaseProvider.Sqlite);

public sealed class IdempotencyPostgresApp() : IdempotencyApp(DatabaseProvider.PostgreSql);

public sealed class IdempotentCreateSqliteTests(IdempotencySqliteApp app) : IdempotentCreateTests(app), IClassFixture<IdempotencySqliteApp>;

public sealed class IdempotentCreatePostgresTests(IdempotencyPostgresApp app) : IdempotentCreateTests(app), IClassFixture<IdempotencyPostgresApp>;
