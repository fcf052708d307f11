using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Core.Audit;
using Kefu.Core.Classification;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Kefu.Web.Tests.Classification.ClassificationData;

namespace Kefu.Web.Tests.Classification;

/// <summary>A run's set-based writes are audited per row (SEC-2); its own database, apart from the known data set's.</summary>
public abstract class ClassificationAuditTests(KefuApp app)
{
    [Fact]
    public async Task Run_AuditsEveryClassAndHistoryRowItWrites_AsTheSystem_InTheCustomersHistory()
    {
        var buyer = await CustomerAsync(app, "审计客户甲");
        await BuyAsync(app, buyer, (10, 800));
        var later = await CustomerAsync(app, "审计客户乙");
        var first = Guid.Parse((await RunAsync(app))["id"]!.GetValue<string>());
        await BuyAsync(app, later, (5, 900_000));
        var second = Guid.Parse((await RunAsync(app))["id"]!.GetValue<string>());

        await app.WithDbAsync(async db =>
        {
            foreach (var run in new[] { first, second })
            {
                // One insert entry per history row of the run; one entry per class row the run inserted or updated (its RunId).
                var history = await db.Set<ClassChange>().AsNoTracking().Where(c => c.RunId == run).ToListAsync();
                Assert.NotEmpty(history);
                var runText = run.ToString();
                var audits = await db.AuditEntries.AsNoTracking()
                    .Where(a => (a.Entity == nameof(ClassChange) || a.Entity == nameof(CustomerClass)) && a.After != null && a.After.Contains(runText)).ToListAsync();
                Assert.All(audits, a => Assert.Equal("system:classification", a.UserName));
                var historyAudits = audits.Where(a => a.Entity == nameof(ClassChange)).ToList();
                Assert.Equal(history.Select(h => h.Id.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal), historyAudits.Select(a => a.EntityKey).Order(StringComparer.Ordinal));
                Assert.All(historyAudits, a =>
                {
                    var h = history.Single(x => x.Id.ToString(CultureInfo.InvariantCulture) == a.EntityKey);
                    Assert.Equal(AuditAction.Insert, a.Action);
                    Assert.Equal(h.CustomerId, a.CustomerId);
                    var after = JsonNode.Parse(a.After!)!.AsObject();
                    Assert.Equal(["Id", "At", "CustomerId", "FromClass", "RunId", "SchemeCode", "ToClass"], after.Select(p => p.Key));
                    Assert.Equal(h.ToClass, after["ToClass"]?.GetValue<string>());
                    Assert.Equal(h.FromClass, after["FromClass"]?.GetValue<string>());
                    Assert.Equal(h.At, after["At"]!.GetValue<DateTime>().ToUniversalTime());
                });
                // Every history row with a new class stands for one class row inserted or updated by the run, audited once.
                var classAudits = audits.Where(a => a.Entity == nameof(CustomerClass)).ToList();
                Assert.Equal(
                    history.Where(h => h.ToClass is not null).Select(h => $"{h.CustomerId}|{h.SchemeCode}").Order(StringComparer.Ordinal),
                    classAudits.Select(a => a.EntityKey).Order(StringComparer.Ordinal));
                Assert.All(classAudits, a => Assert.Equal(
                    history.Single(h => $"{h.CustomerId}|{h.SchemeCode}" == a.EntityKey).ToClass,
                    JsonNode.Parse(a.After!)!["ClassCode"]!.GetValue<string>()));
            }

            // The second run moved the new big buyer up: an update of its class row, before and after.
            var moved = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Entity == nameof(CustomerClass) && a.EntityKey == $"{later}|abc" && a.Action == AuditAction.Update).SingleAsync();
            var before = JsonNode.Parse(moved.Before!)!.AsObject();
            var after = JsonNode.Parse(moved.After!)!.AsObject();
            Assert.Equal(["ClassCode", "RunId", "Since"], before.Select(p => p.Key));
            Assert.Equal("C", before["ClassCode"]!.GetValue<string>());
            Assert.Equal(first, before["RunId"]!.GetValue<Guid>());
            Assert.Equal("A", after["ClassCode"]!.GetValue<string>());
            Assert.Equal(second, after["RunId"]!.GetValue<Guid>());
            Assert.Equal(later, moved.CustomerId);
            return 0;
        });

        using var admin = await app.AdminAsync();
        var panel = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{later}/history?limit=200"))!["items"]!.AsArray();
        Assert.Contains(panel, h => h!["entity"]!.GetValue<string>() == nameof(CustomerClass) && h["action"]!.GetValue<string>() == "update");
        Assert.Contains(panel, h => h!["entity"]!.GetValue<string>() == nameof(ClassChange) && h["userName"]!.GetValue<string>() == "system:classification");
    }
}

public sealed class ClassificationAuditSqliteTests(SqliteApp app) : ClassificationAuditTests(app), IClassFixture<SqliteApp>;

public sealed class ClassificationAuditPostgresTests(PostgresApp app) : ClassificationAuditTests(app), IClassFixture<PostgresApp>;
