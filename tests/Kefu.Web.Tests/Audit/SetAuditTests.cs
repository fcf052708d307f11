using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Core.Audit;
using Kefu.Core.Customers;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Kefu.Core.Transactions;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Audit;

/// <summary>
/// <see cref="SetAudit"/> writes the same audit rows as the interceptor: each set-based change is compared with the same
/// change made tracked, on the same row (update) or on a twin row (insert, delete).
/// </summary>
public abstract class SetAuditTests(KefuApp app)
{
    private static readonly Caller Actor = new(Guid.CreateVersion7(), "set-audit-test", new HashSet<string>(StringComparer.Ordinal), null);

    [Fact]
    public async Task Update_SameChangeAsTracked_WritesTheSameAuditRow()
    {
        var customerId = await CreateCustomerAsync();
        var manager = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync());
        var at = new DateTime(2026, 12, 8, 1, 2, 3, DateTimeKind.Utc).AddTicks(1_234_000);
        const string Notes = "引号 \"quoted\" <b>&amp;</b> 'x'\nline 2\ttab";

        AuditEntry tracked = null!, set = null!;
        var version = await app.WithDbAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.Version).SingleAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
            var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
            var entry = db.Entry(customer);
            var old = (entry.Property(nameof(Customer.Kind)).CurrentValue, entry.Property(nameof(Customer.Notes)).CurrentValue,
                entry.Property(nameof(Customer.AccountManagerId)).CurrentValue, entry.Property(nameof(Customer.UpdatedAt)).CurrentValue);
            entry.Property(nameof(Customer.Kind)).CurrentValue = CustomerKind.Organization;
            entry.Property(nameof(Customer.Notes)).CurrentValue = Notes;
            entry.Property(nameof(Customer.AccountManagerId)).CurrentValue = manager;
            entry.Property(nameof(Customer.UpdatedAt)).CurrentValue = at;
            await db.SaveChangesAsync();
            tracked = await LastAuditAsync(db);

            entry.Property(nameof(Customer.Kind)).CurrentValue = old.Item1;
            entry.Property(nameof(Customer.Notes)).CurrentValue = old.Item2;
            entry.Property(nameof(Customer.AccountManagerId)).CurrentValue = old.Item3;
            entry.Property(nameof(Customer.UpdatedAt)).CurrentValue = old.Item4;
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
            var changed = await SetAudit.For(db, Actor).UpdateAsync<Customer>(
                "t.\"Id\" = @id",
                [("Kind", "@kind"), ("Notes", "@notes"), ("AccountManagerId", "@manager"), ("UpdatedAt", "@at"), ("Version", "t.\"Version\" + 1")],
                [new("id", customerId), new("kind", CustomerKind.Organization), new("notes", Notes), new("manager", manager), new("at", at)]);
            Assert.Equal(1, changed);
            set = await LastAuditAsync(db);
        }

        Assert.Equal(AuditAction.Update, set.Action);
        Assert.Equal(tracked.Entity, set.Entity);
        Assert.Equal(tracked.EntityKey, set.EntityKey);
        Assert.Equal(customerId, set.CustomerId);
        Assert.Equal(Actor.UserName, set.UserName);
        Assert.Equal(Actor.UserId, set.UserId);
        // Version is bumped by the tracked saves and by the statement, and audited by neither.
        Assert.Equal(3, await app.WithDbAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.Version).SingleAsync()) - version);
        AssertSameJson(Parse(tracked.Before), Parse(set.Before));
        AssertSameJson(Parse(tracked.After), Parse(set.After));
        Assert.Equal("2026-12-08T01:02:03.1234Z", Parse(set.After)["UpdatedAt"]!.GetValue<string>());
        Assert.Equal(Notes, Parse(set.After)["Notes"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_RowWithoutRealChange_IsUpdatedButNotAudited()
    {
        var customerId = await CreateCustomerAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
        var before = await db.AuditEntries.CountAsync();
        var changed = await SetAudit.For(db, Actor).UpdateAsync<Customer>("t.\"Id\" = @id", [("Notes", "t.\"Notes\"")], [new("id", customerId)]);
        Assert.Equal(1, changed);
        Assert.Equal(before, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task InsertAndDelete_SameRowsAsTracked_WriteTheSameAuditRows()
    {
        var customerId = await CreateCustomerAsync();
        var created = new DateTime(2026, 12, 8, 1, 0, 0, DateTimeKind.Utc).AddTicks(5_000_000);
        var twin = CustomerTransaction.Create(customerId, new DateOnly(2026, 11, 30), 1234.5m, "沙发 x1; \"cushion\" x2", SalesChannel.Online, "微信", null, "ORD-1", null, created);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
        db.Add(twin);
        await db.SaveChangesAsync();
        var trackedInsert = await LastAuditAsync(db);

        var id = Guid.CreateVersion7();
        var audit = SetAudit.For(db, Actor);
        var inserted = await audit.InsertAsync<CustomerTransaction>(
            TransactionWriter.Columns,
            "VALUES (@id, @customer, @date, @amount, @items, @channel, @payment, NULL, @reference, NULL, @created)",
            [new("id", id), new("customer", customerId), new("date", twin.Date), new("amount", twin.Amount), new("items", twin.Items),
                new("channel", twin.Channel), new("payment", twin.PaymentMethod), new("reference", twin.Reference), new("created", created)]);
        Assert.Equal(1, inserted);
        var setInsert = await LastAuditAsync(db);
        Assert.Equal(AuditAction.Insert, setInsert.Action);
        Assert.Equal(id.ToString(), setInsert.EntityKey);
        Assert.Equal(customerId, setInsert.CustomerId);
        Assert.Null(setInsert.Before);
        AssertSameJson(Without(trackedInsert.After, "Id"), Without(setInsert.After, "Id"));
        Assert.Equal(id.ToString(), Parse(setInsert.After)["Id"]!.GetValue<string>());

        var deleted = await audit.DeleteAsync<CustomerTransaction>("t.\"Id\" = @id", [new("id", id)]);
        Assert.Equal(1, deleted);
        var setDelete = await LastAuditAsync(db);
        db.Remove(twin);
        await db.SaveChangesAsync();
        var trackedDelete = await LastAuditAsync(db);
        Assert.Equal(AuditAction.Delete, setDelete.Action);
        Assert.Null(setDelete.After);
        AssertSameJson(Without(trackedDelete.Before, "Id"), Without(setDelete.Before, "Id"));
        Assert.Equal(0, await db.Transactions.CountAsync(t => t.CustomerId == customerId));
    }

    [Fact]
    public async Task Update_ManyRows_OneAuditRowPerChangedRow_InTheCustomersHistory()
    {
        var a = await CreateCustomerAsync();
        var b = await CreateCustomerAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
            var changed = await SetAudit.For(db, Actor).UpdateAsync<Customer>(
                "t.\"Id\" IN (@a, @b)", [("Notes", "'set-audit ' || t.\"Number\"")], [new("a", a), new("b", b)]);
            Assert.Equal(2, changed);
        }

        using var admin = await app.AdminAsync();
        foreach (var id in new[] { a, b })
        {
            var history = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{id}/history"))!["items"]!.AsArray();
            var row = Assert.Single(history, h => h!["userName"]!.GetValue<string>() == Actor.UserName);
            Assert.Equal("Customer", row!["entity"]!.GetValue<string>());
            Assert.Equal(id.ToString(), row["entityKey"]!.GetValue<string>());
            Assert.StartsWith("set-audit C", Parse(row["after"]!.GetValue<string>())["Notes"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    private async Task<Guid> CreateCustomerAsync()
    {
        using var client = await app.ClientForAsync(TestOrg.AssistantA);
        var created = await Api.JsonAsync(await client.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA, "张审计")), HttpStatusCode.Created);
        return created["id"]!.GetValue<Guid>();
    }

    private static Task<AuditEntry> LastAuditAsync(KefuDb db) => db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync();

    private static JsonObject Parse(string? json) => JsonNode.Parse(json!)!.AsObject();

    private static JsonObject Without(string? json, string property)
    {
        var o = Parse(json);
        o.Remove(property);
        return o;
    }

    private static void AssertSameJson(JsonObject expected, JsonObject actual)
    {
        Assert.Equal(expected.Select(p => p.Key), actual.Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}\nactual   {actual.ToJsonString()}");
    }
}

public sealed class SetAuditSqliteTests(SqliteApp app) : SetAuditTests(app), IClassFixture<SqliteApp>;

public sealed class SetAuditPostgresTests(PostgresApp app) : SetAuditTests(app), IClassFixture<PostgresApp>;
