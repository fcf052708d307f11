using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kefu.Core.Audit;
using Kefu.Core.Classification;
using Kefu.Core.Contracts;
using Kefu.Core.ServiceRequests;
using Kefu.Core.Sla;
using Kefu.Core.Transactions;
using Kefu.Web.Tests.Contracts;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Customers;

/// <summary>
/// Merging customers (CUS-6) keeps every linked record of every kind, audits each moved row and the merge itself, previews the counts,
/// and delete still refuses customers with requests, contracts or purchases.
/// </summary>
public abstract class CustomerMergeTests(KefuApp app)
{
    /// <summary>A Monday in an ordinary working week (SLA clocks count working time).</summary>
    private static readonly DateTimeOffset Monday10 = new(2026, 9, 14, 10, 0, 0, TimeSpan.FromHours(8));

    private async Task<Guid> CustomerAsync()
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var customer = await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA)), HttpStatusCode.Created);
        return Guid.Parse(customer["id"]!.GetValue<string>());
    }

    private async Task<string> RequestAsync(Guid customer, Guid? shipTo = null, string urgency = "normal", Guid? responsible = null)
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var r = await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/service-requests", new
        {
            type = "REP", channel = "phone", urgency, shortText = "空调不制冷", longText = "室外机不转", customerId = customer, shipToCustomerId = shipTo,
            workCentreId = app.Org.WcA, responsiblePersonId = responsible, items = new[] { new { material = "AC-1", quantity = 1 }, new { material = "AC-2", quantity = 2 } },
        }), HttpStatusCode.Created);
        return r["number"]!.GetValue<string>();
    }

    private async Task<JsonObject> PreviewAsync(Guid survivor, Guid duplicate)
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        return await Api.JsonAsync(await assistant.GetAsync($"/api/v1/customers/{survivor}/merge-preview?duplicateId={duplicate}"), HttpStatusCode.OK);
    }

    private static int Rows(JsonObject preview, string kind) =>
        preview["links"]!.AsArray().Single(l => l!["kind"]!.GetValue<string>() == kind)!["rows"]!.GetValue<int>();

    private async Task MergeAsync(Guid survivor, Guid duplicate)
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        await Api.JsonAsync(await assistant.PostAsJsonAsync($"/api/v1/customers/{survivor}/merge", new { duplicateId = duplicate }), HttpStatusCode.OK);
    }

    /// <summary>Audit rows that record a row of <paramref name="entity"/> moving from the duplicate to the survivor (on the row's customer before the move).</summary>
    private Task<List<AuditEntry>> MovesAsync(Guid survivor, Guid duplicate, string entity) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == entity && a.Action == AuditAction.Update && a.Before!.Contains(duplicate.ToString()) && a.After!.Contains(survivor.ToString()))
            .ToListAsync());

    /// <summary>The merge's summary entry on the survivor: kind → rows moved.</summary>
    private async Task<Dictionary<string, int>> SummaryAsync(Guid survivor)
    {
        var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Entity == "CustomerMerge" && a.CustomerId == survivor));
        Assert.Equal(TestOrg.AssistantA, entry.UserName);
        return JsonSerializer.Deserialize<Dictionary<string, int>>(entry.After!)!;
    }

    private static void AssertMove(AuditEntry entry, Guid duplicate, Guid survivor, string column = "CustomerId")
    {
        Assert.Equal(TestOrg.AssistantA, entry.UserName);
        Assert.NotNull(entry.UserId);
        Assert.Equal(JsonSerializer.Serialize(new Dictionary<string, Guid> { [column] = duplicate }), entry.Before);
        Assert.Equal(JsonSerializer.Serialize(new Dictionary<string, Guid> { [column] = survivor }), entry.After);
    }

    [Fact]
    public async Task Merge_Requests_MoveWithItemsLogStatusChangesAndAttachments_EachRowAudited()
    {
        var survivor = await CustomerAsync();
        var duplicate = await CustomerAsync();
        var other = await CustomerAsync();
        var own = await RequestAsync(duplicate);
        var shipped = await RequestAsync(other, shipTo: duplicate);
        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "photo.png");
        await Api.JsonAsync(await technician.PostAsync($"/api/v1/service-requests/{own}/attachments", form), HttpStatusCode.Created);
        var ownId = await app.WithDbAsync(db => db.ServiceRequests.Where(r => r.Number == own).Select(r => r.Id).SingleAsync());
        var (items, log, changes) = await app.WithDbAsync(async db => (
            await db.Set<ServiceRequestItem>().CountAsync(i => i.RequestId == ownId),
            await db.Set<ServiceRequestLogEntry>().CountAsync(i => i.RequestId == ownId),
            await db.Set<ServiceRequestStatusChange>().CountAsync(i => i.RequestId == ownId)));
        Assert.Equal(2, items);
        Assert.True(log > 0 && changes > 0);
        // Own request + its rows + attachment, and the other customer's request shipped to the duplicate.
        var expected = 1 + items + log + changes + 1 + 1;

        var version = await app.WithDbAsync(db => db.ServiceRequests.Where(r => r.Id == ownId).Select(r => r.Version).SingleAsync());
        Assert.Equal(expected, Rows(await PreviewAsync(survivor, duplicate), "Requests"));
        await MergeAsync(survivor, duplicate);

        var moved = await app.WithDbAsync(db => db.ServiceRequests.AsNoTracking().Include(r => r.Items).Include(r => r.Log).Include(r => r.StatusChanges)
            .SingleAsync(r => r.Number == own));
        Assert.Equal(survivor, moved.CustomerId);
        Assert.Equal(2, moved.Items.Count);
        Assert.All(moved.Items, i => Assert.Equal(survivor, i.CustomerId));
        Assert.All(moved.Log, i => Assert.Equal(survivor, i.CustomerId));
        Assert.All(moved.StatusChanges, i => Assert.Equal(survivor, i.CustomerId));
        Assert.Equal(survivor, await app.WithDbAsync(db => db.Set<ServiceRequestAttachment>().Where(a => a.RequestId == ownId).Select(a => a.CustomerId).SingleAsync()));
        var ship = await app.WithDbAsync(db => db.ServiceRequests.AsNoTracking().SingleAsync(r => r.Number == shipped));
        Assert.Equal(other, ship.CustomerId);
        Assert.Equal(survivor, ship.ShipToCustomerId);

        AssertMove(Assert.Single(await MovesAsync(survivor, duplicate, nameof(ServiceRequest)), a => a.Before!.Contains("\"CustomerId\"", StringComparison.Ordinal)), duplicate, survivor);
        var shipMove = Assert.Single(await MovesAsync(survivor, duplicate, nameof(ServiceRequest)), a => a.Before!.Contains("ShipToCustomerId", StringComparison.Ordinal));
        AssertMove(shipMove, duplicate, survivor, "ShipToCustomerId");
        Assert.Equal(ship.Id.ToString(), shipMove.EntityKey);
        var itemMoves = await MovesAsync(survivor, duplicate, nameof(ServiceRequestItem));
        Assert.Equal(moved.Items.Select(i => i.Id.ToString()).Order(StringComparer.Ordinal), itemMoves.Select(a => a.EntityKey).Order(StringComparer.Ordinal));
        Assert.Equal(log, (await MovesAsync(survivor, duplicate, nameof(ServiceRequestLogEntry))).Count);
        Assert.Equal(changes, (await MovesAsync(survivor, duplicate, nameof(ServiceRequestStatusChange))).Count);
        Assert.Single(await MovesAsync(survivor, duplicate, nameof(ServiceRequestAttachment)));
        Assert.Equal(expected, (await SummaryAsync(survivor))["Requests"]);
        Assert.True(moved.Version > version, "the moved request's version moves, so an edit read before the merge conflicts");

        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var refused = await assistant.DeleteAsync($"/api/v1/customers/{survivor}");
        await Api.AssertProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Contains("Customer.HasRequests", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var history = await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{survivor}/history?limit=200");
        Assert.Contains(history!["items"]!.AsArray(), h => h!["entity"]!.GetValue<string>() == "CustomerMerge");
        // The duplicate's history, its rows' moves included, shows on the survivor.
        Assert.Contains(history["items"]!.AsArray(), h => h!["entity"]!.GetValue<string>() == nameof(ServiceRequestItem) && h["action"]!.GetValue<string>() == "update");
        Assert.Contains(history["items"]!.AsArray(), h => h!["entity"]!.GetValue<string>() == "Customer" && h["entityKey"]!.GetValue<string>() == duplicate.ToString());
    }

    [Fact]
    public async Task Merge_Contracts_MoveWithObjectsReadingsSchedulesOccurrencesAndReminders()
    {
        var today = ContractBodies.Today(app);
        var contract = await ContractBodies.ContractAsync(app, today.AddYears(-1), today.AddDays(60));
        var number = contract["number"]!.GetValue<string>();
        var duplicate = Guid.Parse(contract["customerId"]!.GetValue<string>());
        var survivor = await CustomerAsync();
        var o = await ContractBodies.AddAsync(app, $"/api/v1/contracts/{number}/objects", new { description = "电梯 A" });
        await ContractBodies.AddAsync(app, $"/api/v1/contracts/{number}/objects/{o["id"]}/readings", new { readOn = ContractBodies.Day(today.AddDays(-3)), value = 100 });
        await ContractBodies.AddAsync(app, $"/api/v1/contracts/{number}/schedules", new { kind = "interval", intervalMonths = 1, coveredObjectId = o["id"], leadDays = 10 });
        await ContractBodies.RunJobOnAsync(app, "preventive-maintenance", today.AddMonths(1).AddDays(-10));
        await ContractBodies.RunJobOnAsync(app, "contract-expiry", today.AddDays(30));
        var contractId = Guid.Parse(contract["id"]!.GetValue<string>());
        var counts = await app.WithDbAsync(async db => new Dictionary<string, int>
        {
            [nameof(MaintenanceContract)] = await db.Set<MaintenanceContract>().CountAsync(x => x.CustomerId == duplicate),
            [nameof(CoveredObject)] = await db.Set<CoveredObject>().CountAsync(x => x.CustomerId == duplicate),
            [nameof(MeterReading)] = await db.Set<MeterReading>().CountAsync(x => x.CustomerId == duplicate),
            [nameof(PreventiveSchedule)] = await db.Set<PreventiveSchedule>().CountAsync(x => x.CustomerId == duplicate),
            [nameof(PreventiveOccurrence)] = await db.Set<PreventiveOccurrence>().CountAsync(x => x.CustomerId == duplicate),
            [nameof(ContractReminder)] = await db.Set<ContractReminder>().CountAsync(x => x.CustomerId == duplicate),
        });
        Assert.All(counts, c => Assert.True(c.Value > 0, c.Key + " has rows before the merge"));
        // The preventive job made a request for the duplicate: it moves with the requests.
        var preview = await PreviewAsync(survivor, duplicate);
        Assert.Equal(counts.Values.Sum(), Rows(preview, "Contracts"));

        using (var assistant = await app.ClientForAsync(TestOrg.AssistantA))
        {
            var refused = await assistant.DeleteAsync($"/api/v1/customers/{duplicate}");
            Assert.Contains("Customer.HasRequests", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await MergeAsync(survivor, duplicate);

        var after = await app.WithDbAsync(async db => new Dictionary<string, int>
        {
            [nameof(MaintenanceContract)] = await db.Set<MaintenanceContract>().CountAsync(x => x.CustomerId == survivor && x.Id == contractId),
            [nameof(CoveredObject)] = await db.Set<CoveredObject>().CountAsync(x => x.CustomerId == survivor && x.ContractId == contractId),
            [nameof(MeterReading)] = await db.Set<MeterReading>().CountAsync(x => x.CustomerId == survivor),
            [nameof(PreventiveSchedule)] = await db.Set<PreventiveSchedule>().CountAsync(x => x.CustomerId == survivor && x.ContractId == contractId),
            [nameof(PreventiveOccurrence)] = await db.Set<PreventiveOccurrence>().CountAsync(x => x.CustomerId == survivor),
            [nameof(ContractReminder)] = await db.Set<ContractReminder>().CountAsync(x => x.CustomerId == survivor && x.ContractId == contractId),
        });
        Assert.Equal(counts, after);
        foreach (var (entity, rows) in counts)
        {
            var moves = await MovesAsync(survivor, duplicate, entity);
            Assert.Equal(rows, moves.Count);
            AssertMove(moves[0], duplicate, survivor);
        }

        Assert.Equal(survivor.ToString(), (await ContractBodies.GetAsync(app, number))["customerId"]!.GetValue<string>());
        var summary = await SummaryAsync(survivor);
        Assert.Equal(counts.Values.Sum(), summary["Contracts"]);
        Assert.True(summary["Requests"] > 0);
    }

    [Fact]
    public async Task Merge_Sla_ClocksAndBreachesMove_GreenChannelFlagIsKept()
    {
        // Tokens are issued on the app's clock: take them before it moves back to Monday, so they still hold when it is reset.
        foreach (var user in new[] { TestOrg.AssistantA, TestOrg.SupervisorA })
        {
            (await app.ClientForAsync(user)).Dispose();
        }

        app.Clock.SetUtcNow(Monday10);
        try
        {
            var survivor = await CustomerAsync();
            var duplicate = await CustomerAsync();
            var flagged = await CustomerAsync();
            using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
            foreach (var c in new[] { survivor, duplicate, flagged })
            {
                await Api.JsonAsync(await supervisor.PutAsJsonAsync($"/api/v1/customers/{c}/green-channel", new { greenChannel = true }), HttpStatusCode.OK);
            }

            await RequestAsync(duplicate, urgency: "high");
            app.Clock.SetUtcNow(Monday10.AddHours(3));
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var scan = scope.ServiceProvider.GetServices<Kefu.Core.Scheduling.IScheduledJob>().Single(j => j.Name == "sla-scan");
                await scan.RunAsync(CancellationToken.None);
            }

            var (clocks, breaches) = await app.WithDbAsync(async db =>
                (await db.Set<SlaClock>().CountAsync(c => c.CustomerId == duplicate), await db.Set<SlaBreach>().CountAsync(c => c.CustomerId == duplicate)));
            Assert.True(clocks > 0 && breaches > 0, $"{clocks} clocks, {breaches} breaches");
            var survivorFlag = await app.WithDbAsync(db => db.Set<GreenChannelCustomer>().AsNoTracking().SingleAsync(g => g.CustomerId == survivor));

            // The survivor has its own flag: the duplicate's is dropped, not moved.
            Assert.Equal(clocks + breaches, Rows(await PreviewAsync(survivor, duplicate), "Sla"));
            await MergeAsync(survivor, duplicate);

            Assert.Equal(clocks, await app.WithDbAsync(db => db.Set<SlaClock>().CountAsync(c => c.CustomerId == survivor)));
            Assert.Equal(breaches, await app.WithDbAsync(db => db.Set<SlaBreach>().CountAsync(c => c.CustomerId == survivor)));
            Assert.Equal(clocks, (await MovesAsync(survivor, duplicate, nameof(SlaClock))).Count);
            Assert.Equal(breaches, (await MovesAsync(survivor, duplicate, nameof(SlaBreach))).Count);
            var kept = await app.WithDbAsync(db => db.Set<GreenChannelCustomer>().AsNoTracking().SingleAsync(g => g.CustomerId == survivor));
            Assert.Equal(survivorFlag.SetAt, kept.SetAt);
            Assert.Equal(0, await app.WithDbAsync(db => db.Set<GreenChannelCustomer>().CountAsync(g => g.CustomerId == duplicate)));
            var dropped = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
                .SingleAsync(a => a.Entity == nameof(GreenChannelCustomer) && a.Action == AuditAction.Delete && a.CustomerId == duplicate));
            Assert.Equal(duplicate.ToString(), dropped.EntityKey);
            Assert.Equal(clocks + breaches, (await SummaryAsync(survivor))["Sla"]);

            // A survivor without a flag takes the duplicate's.
            var plain = await CustomerAsync();
            Assert.Equal(1, Rows(await PreviewAsync(plain, flagged), "Sla"));
            await MergeAsync(plain, flagged);
            Assert.Equal(1, await app.WithDbAsync(db => db.Set<GreenChannelCustomer>().CountAsync(g => g.CustomerId == plain)));
            var move = Assert.Single(await MovesAsync(plain, flagged, nameof(GreenChannelCustomer)));
            Assert.Equal(flagged.ToString(), move.EntityKey);
            using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
            var green = await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{plain}/green-channel");
            Assert.True(green!["greenChannel"]!.GetValue<bool>());
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Merge_Purchases_Move_OneAuditRowEach_DeleteRefusedWithTheirCode()
    {
        var survivor = await CustomerAsync();
        var duplicate = await CustomerAsync();
        var today = ContractBodies.Today(app);
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/transactions/bulk", Enumerable.Range(1, 3).Select(i => new
        {
            customerId = duplicate, date = ContractBodies.Day(today.AddDays(-i)), amount = 10m * i, items = "滤芯", channel = "offline", paymentMethod = "cash",
        })), HttpStatusCode.Created);
        var refused = await assistant.DeleteAsync($"/api/v1/customers/{duplicate}");
        await Api.AssertProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Contains("Customer.HasTransactions", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(3, Rows(await PreviewAsync(survivor, duplicate), "Transactions"));
        await MergeAsync(survivor, duplicate);

        var ids = (await app.WithDbAsync(db => db.Transactions.Where(t => t.CustomerId == survivor).Select(t => t.Id).ToListAsync())).Select(id => id.ToString()).ToList();
        Assert.Equal(3, ids.Count);
        var moves = await MovesAsync(survivor, duplicate, nameof(CustomerTransaction));
        Assert.Equal(ids.Order(StringComparer.Ordinal), moves.Select(m => m.EntityKey).Order(StringComparer.Ordinal));
        AssertMove(moves[0], duplicate, survivor);
        Assert.Equal(3, (await SummaryAsync(survivor))["Transactions"]);
    }

    [Fact]
    public async Task Merge_Classification_HistoryAndChurnMove_SurvivorKeepsItsOwnClass()
    {
        var survivor = await CustomerAsync();
        var duplicate = await CustomerAsync();
        var run = Guid.NewGuid();
        var at = Monday10.UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            // As a classification run writes them (set-based): survivor is B in ABC; the duplicate is A in ABC and gold in RFM, with history.
            await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO customer_classes (\"CustomerId\", \"SchemeCode\", \"ClassCode\", \"Since\", \"RunId\") VALUES ({survivor}, 'ABC', 'B', {at}, {run})");
            await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO customer_classes (\"CustomerId\", \"SchemeCode\", \"ClassCode\", \"Since\", \"RunId\") VALUES ({duplicate}, 'ABC', 'A', {at}, {run})");
            await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO customer_classes (\"CustomerId\", \"SchemeCode\", \"ClassCode\", \"Since\", \"RunId\") VALUES ({duplicate}, 'RFM', 'gold', {at}, {run})");
            await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO class_changes (\"CustomerId\", \"SchemeCode\", \"FromClass\", \"ToClass\", \"RunId\", \"At\") VALUES ({duplicate}, 'ABC', NULL, 'A', {run}, {at})");
            return await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO class_changes (\"CustomerId\", \"SchemeCode\", \"FromClass\", \"ToClass\", \"RunId\", \"At\") VALUES ({duplicate}, 'RFM', NULL, 'gold', {run}, {at})");
        });
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        await Api.JsonAsync(await assistant.PutAsJsonAsync($"/api/v1/customers/{duplicate}/churn", new { reason = "competitor", note = "转投竞品" }), HttpStatusCode.OK);

        // RFM class, two history rows and the churn record move; the duplicate's ABC class gives way to the survivor's.
        Assert.Equal(4, Rows(await PreviewAsync(survivor, duplicate), "Classification"));
        await MergeAsync(survivor, duplicate);

        var classes = await app.WithDbAsync(db => db.Set<CustomerClass>().AsNoTracking().Where(c => c.CustomerId == survivor)
            .ToDictionaryAsync(c => c.SchemeCode, c => c.ClassCode));
        Assert.Equal(new Dictionary<string, string> { ["ABC"] = "B", ["RFM"] = "gold" }, classes);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CustomerClass>().CountAsync(c => c.CustomerId == duplicate)));
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<ClassChange>().CountAsync(c => c.CustomerId == survivor)));
        Assert.Equal(2, (await MovesAsync(survivor, duplicate, nameof(ClassChange))).Count);
        Assert.Equal($"{duplicate}|RFM", Assert.Single(await MovesAsync(survivor, duplicate, nameof(CustomerClass))).EntityKey);
        var dropped = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.Entity == nameof(CustomerClass) && a.Action == AuditAction.Delete && a.CustomerId == duplicate));
        Assert.Equal($"{duplicate}|ABC", dropped.EntityKey);
        AssertMove(Assert.Single(await MovesAsync(survivor, duplicate, nameof(CustomerChurn))), duplicate, survivor);
        var churn = await Api.JsonAsync(await assistant.GetAsync($"/api/v1/customers/{survivor}/churn"), HttpStatusCode.OK);
        Assert.Equal("competitor", churn["reason"]!.GetValue<string>());
        var detail = await Api.JsonAsync(await assistant.GetAsync($"/api/v1/customers/{survivor}"), HttpStatusCode.OK);
        Assert.Equal("gold", detail["classes"]!["RFM"]!.GetValue<string>());
        Assert.Equal(4, (await SummaryAsync(survivor))["Classification"]);
    }

    [Fact]
    public async Task Preview_ListsEveryKind_ChecksLikeTheMerge_AndChangesNothing()
    {
        var survivor = await CustomerAsync();
        var duplicate = await CustomerAsync();
        var preview = await PreviewAsync(survivor, duplicate);
        Assert.Equal(["Requests", "Contracts", "Sla", "Classification", "Transactions"], preview["links"]!.AsArray().Select(l => l!["kind"]!.GetValue<string>()));
        Assert.All(preview["links"]!.AsArray(), l => Assert.Equal(0, l!["rows"]!.GetValue<int>()));
        Assert.Equal(duplicate.ToString(), preview["duplicateId"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(preview["duplicateNumber"]!.GetValue<string>()));

        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        await Api.AssertFieldErrorAsync(await assistant.GetAsync($"/api/v1/customers/{survivor}/merge-preview?duplicateId={survivor}"), "duplicateId");
        await Api.AssertFieldErrorAsync(await assistant.GetAsync($"/api/v1/customers/{survivor}/merge-preview"), "duplicateId");
        await Api.AssertProblemAsync(await assistant.GetAsync($"/api/v1/customers/{survivor}/merge-preview?duplicateId={Guid.NewGuid()}"), HttpStatusCode.NotFound);
        using var otherCentre = await app.ClientForAsync(TestOrg.AssistantB);
        await Api.AssertProblemAsync(await otherCentre.GetAsync($"/api/v1/customers/{survivor}/merge-preview?duplicateId={duplicate}"), HttpStatusCode.NotFound);
        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
        await Api.AssertProblemAsync(await technician.GetAsync($"/api/v1/customers/{survivor}/merge-preview?duplicateId={duplicate}"), HttpStatusCode.Forbidden);
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Entity == "CustomerMerge" && a.CustomerId == survivor)));
        await Api.JsonAsync(await assistant.GetAsync($"/api/v1/customers/{duplicate}"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_CustomerWithContractOnly_RefusedWithHasContracts_PlainCustomerDeleted()
    {
        var today = ContractBodies.Today(app);
        var contract = await ContractBodies.ContractAsync(app, today, today.AddYears(1), activate: false);
        using var admin = await app.AdminAsync();
        var refused = await admin.DeleteAsync($"/api/v1/customers/{contract["customerId"]}");
        await Api.AssertProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Contains("Customer.HasContracts", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var plain = await CustomerAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/customers/{plain}")).StatusCode);
    }
}

public sealed class CustomerMergeSqliteTests(SqliteApp app) : CustomerMergeTests(app), IClassFixture<SqliteApp>;

public sealed class CustomerMergePostgresTests(PostgresApp app) : CustomerMergeTests(app), IClassFixture<PostgresApp>;
