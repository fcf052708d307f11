using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Kefu.Web.Tests.Classification.ClassificationData;

namespace Kefu.Web.Tests.Classification;

/// <summary>Scheme settings, rules, preview against the applied result, failing runs, churn reasons.</summary>
public abstract class ClassificationSettingsTests(KefuApp app)
{
    private async Task<JsonObject> PreviewAsync(string scheme, JsonNode? settings)
    {
        using var admin = await app.AdminAsync();
        return await Api.JsonAsync(await admin.PostAsJsonAsync($"/api/v1/classification/schemes/{scheme}/preview", new { settings }), HttpStatusCode.OK);
    }

    /// <summary>After applying: every class holds exactly entering + staying customers and the run changed exactly the entering ones.</summary>
    private async Task AssertAppliedAsPreviewedAsync(string scheme, JsonObject preview, JsonObject run)
    {
        using var admin = await app.AdminAsync();
        var pyramid = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/classification/schemes/{scheme}/pyramid"))!;
        var counts = pyramid["layers"]!.AsArray().ToDictionary(l => l!["class"]!.GetValue<string>(), l => l!["customers"]!.GetValue<int>(), StringComparer.Ordinal);
        foreach (var row in preview["classes"]!.AsArray())
        {
            Assert.Equal(row!["entering"]!.GetValue<int>() + row["staying"]!.GetValue<int>(), counts[row["class"]!.GetValue<string>()]);
        }

        Assert.Equal(counts.Values.Sum(), preview["classes"]!.AsArray().Sum(r => r!["entering"]!.GetValue<int>() + r["staying"]!.GetValue<int>()));
        var outcome = run["schemes"]!.AsArray().Single(s => s!["scheme"]!.GetValue<string>() == scheme)!;
        var leavingOnly = preview["leaving"]!.GetValue<int>() - preview["entering"]!.GetValue<int>();
        Assert.Equal(preview["entering"]!.GetValue<int>() + Math.Max(0, leavingOnly), outcome["changes"]!.GetValue<int>());
    }

    [Fact]
    public async Task Preview_OfChangedTierSettingsAndOfANewRuleScheme_EqualsTheAppliedResult()
    {
        var p1 = await CustomerAsync(app, "预览一");
        await BuyAsync(app, p1, (10, 5000));
        var p2 = await CustomerAsync(app, "预览二");
        await BuyAsync(app, p2, (10, 2000), (40, 1500));
        var p3 = await CustomerAsync(app, "预览三");
        await BuyAsync(app, p3, (5, 500));
        Assert.Equal("succeeded", (await RunAsync(app))["state"]!.GetValue<string>());
        using var admin = await app.AdminAsync();

        // Tier: gold from a profit of 1000 instead of 5000.
        var tier = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/classification/schemes/tier"))!;
        var settings = tier["settings"]!.DeepClone().AsObject();
        settings["rules"]![1]!["min"]!["profit"] = 1000;
        var preview = await PreviewAsync("tier", settings);
        Assert.True(preview["entering"]!.GetValue<int>() >= 1, preview.ToJsonString());
        var gold = preview["classes"]!.AsArray().Single(r => r!["class"]!.GetValue<string>() == "gold")!;
        Assert.True(gold["entering"]!.GetValue<int>() >= 1);
        Assert.Equal(1, tier["currentVersion"]!.GetValue<int>());
        var edited = await Api.JsonAsync(await admin.PutAsJsonAsync("/api/v1/classification/schemes/tier", new
        {
            nameZh = "价值层级", nameEn = "Value tier", enabled = true, settings, version = tier["version"]!.GetValue<int>(),
        }), HttpStatusCode.OK);
        Assert.Equal(2, edited["currentVersion"]!.GetValue<int>());
        var versions = (await admin.GetFromJsonAsync<JsonArray>("/api/v1/classification/schemes/tier/versions"))!;
        Assert.Equal([2, 1], versions.Select(v => v!["number"]!.GetValue<int>()));
        var run = await RunAsync(app, "tier");
        Assert.Equal("succeeded", run["state"]!.GetValue<string>());
        await AssertAppliedAsPreviewedAsync("tier", preview, run);
        Assert.Equal("gold", (await ClassesAsync(app, p2))["tier"]!.GetValue<string>());

        // A rule scheme: previewed before it first runs, then applied.
        var created = await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/classification/schemes", new
        {
            code = "store", kind = "rule", nameZh = "门店客户", nameEn = "Store client",
            settings = new
            {
                rules = new[]
                {
                    new { @class = "vip", expression = "max_single_purchase > 3000 or tagged('潜力客户')" },
                    new { @class = "regular", expression = "purchases >= 1 且 class('abc') in ('B', 'C')" },
                },
            },
        }), HttpStatusCode.Created);
        Assert.Equal(["vip", "regular"], created["classes"]!.AsArray().Select(c => c!["code"]!.GetValue<string>()));
        var rulePreview = await PreviewAsync("store", null);
        Assert.Equal(0, rulePreview["leaving"]!.GetValue<int>());
        var ruleRun = await RunAsync(app, "store");
        Assert.Equal("succeeded", ruleRun["state"]!.GetValue<string>());
        await AssertAppliedAsPreviewedAsync("store", rulePreview, ruleRun);
        Assert.Equal("vip", (await ClassesAsync(app, p1))["store"]!.GetValue<string>());
        Assert.False((await ClassesAsync(app, await CustomerAsync(app, "无购买"))).ContainsKey("store"));
    }

    [Fact]
    public async Task Run_WhenASchemeFails_LeavesItsPreviousClassesAndAppliesTheOthers()
    {
        var q = await CustomerAsync(app, "失败测试");
        await BuyAsync(app, q, (3, 100));
        var idle = await CustomerAsync(app, "无消费"); // no purchases: always C
        Assert.Equal("succeeded", (await RunAsync(app))["state"]!.GetValue<string>());
        Assert.Equal("C", (await ClassesAsync(app, idle))["abc"]!.GetValue<string>());
        var before = await ClassesAsync(app, q);
        Assert.Equal("ordinary", before["membership"]!.GetValue<string>());
        var abcBefore = before["abc"]!.GetValue<string>();
        using var admin = await app.AdminAsync();
        var abc = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/classification/schemes/abc"))!;
        var classC = abc["classes"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "C")!.AsObject();

        // The API refuses to delete a class customers hold; the class C disappears behind its back (e.g. edited in the database)
        // while the settings still give it: the abc scheme cannot be applied.
        await Api.AssertProblemAsync(await admin.DeleteAsync("/api/v1/classification/schemes/abc/classes/C"), HttpStatusCode.Conflict);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM classification_classes WHERE \"SchemeCode\" = 'abc' AND \"Code\" = 'C'"));
        await BuyAsync(app, q, (1, 1_000_000));
        var failed = await RunAsync(app);

        Assert.Equal("failed", failed["state"]!.GetValue<string>());
        Assert.Contains("abc", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var outcomes = failed["schemes"]!.AsArray().ToDictionary(s => s!["scheme"]!.GetValue<string>(), s => s!["state"]!.GetValue<string>(), StringComparer.Ordinal);
        Assert.Equal("failed", outcomes["abc"]);
        Assert.Equal("succeeded", outcomes["membership"]);
        var after = await ClassesAsync(app, q);
        Assert.Equal(abcBefore, after["abc"]!.GetValue<string>());
        Assert.Equal("diamond", after["membership"]!.GetValue<string>());
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var history = (await assistant.GetFromJsonAsync<JsonArray>($"/api/v1/customers/{q}/class-history"))!;
        Assert.DoesNotContain(history, h => h!["runId"]!.GetValue<string>() == failed["id"]!.GetValue<string>() && h["scheme"]!.GetValue<string>() == "abc");
        Assert.Contains(history, h => h!["runId"]!.GetValue<string>() == failed["id"]!.GetValue<string>() && h["scheme"]!.GetValue<string>() == "membership");

        // Defining the class again lets the next run apply abc.
        classC.Remove("code");
        classC.Remove("version");
        await Api.JsonAsync(await admin.PutAsJsonAsync("/api/v1/classification/schemes/abc/classes/C", classC), HttpStatusCode.OK);
        Assert.Equal("succeeded", (await RunAsync(app))["state"]!.GetValue<string>());
        Assert.Equal("A", (await ClassesAsync(app, q))["abc"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_OfAllSchemes_ARuleReadingAnotherSchemesClassSeesThatSchemesClassesOfTheSameRun()
    {
        var f = await CustomerAsync(app, "跟随规则");
        using var admin = await app.AdminAsync();
        await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/classification/schemes", new
        {
            code = "follow", kind = "rule", nameZh = "跟随 ABC", nameEn = "Follows ABC",
            settings = new { rules = new[] { new { @class = "top", expression = "class('abc') = 'A'" } } },
        }), HttpStatusCode.Created);
        var first = await RunAsync(app);
        Assert.Equal("succeeded", first["state"]!.GetValue<string>());
        var before = await ClassesAsync(app, f);
        Assert.Equal("C", before["abc"]!.GetValue<string>());
        Assert.False(before.ContainsKey("follow"));

        await BuyAsync(app, f, (1, 5_000_000));
        var second = await RunAsync(app);

        // On PostgreSQL the schemes are applied two at a time; the rule still runs after abc has been applied in this run.
        Assert.Equal("succeeded", second["state"]!.GetValue<string>());
        var outcomes = second["schemes"]!.AsArray();
        Assert.Equal(["abc", "tier", "membership", "lifecycle", "follow"], outcomes.Select(o => o!["scheme"]!.GetValue<string>()).Where(c => c is "abc" or "tier" or "membership" or "lifecycle" or "follow"));
        Assert.All(outcomes, o => Assert.Equal("succeeded", o!["state"]!.GetValue<string>()));
        Assert.Equal(second["stepsTotal"]!.GetValue<int>(), second["stepsDone"]!.GetValue<int>());
        Assert.Equal(outcomes.Count + 1, second["stepsTotal"]!.GetValue<int>());
        var after = await ClassesAsync(app, f);
        Assert.Equal("A", after["abc"]!.GetValue<string>());
        Assert.Equal("top", after["follow"]!.GetValue<string>());
        Assert.Contains(outcomes, o => o!["scheme"]!.GetValue<string>() == "follow" && o["changes"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public async Task Run_StoredRuleNoLongerValid_FailsThatSchemeAndKeepsItsClasses()
    {
        var r = await CustomerAsync(app, "规则失效");
        await BuyAsync(app, r, (2, 8000));
        using var admin = await app.AdminAsync();
        await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/classification/schemes", new
        {
            code = "big", kind = "rule", nameZh = "大单", nameEn = "Big ticket",
            settings = new { rules = new[] { new { @class = "big", expression = "max_single_purchase >= 8000" } } },
        }), HttpStatusCode.Created);
        Assert.Equal("succeeded", (await RunAsync(app, "big"))["state"]!.GetValue<string>());
        Assert.Equal("big", (await ClassesAsync(app, r))["big"]!.GetValue<string>());

        // An expression saved by an older release naming a figure the vocabulary no longer has.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE classification_scheme_versions SET \"SettingsJson\" = '{{\"rules\":[{{\"class\":\"big\",\"expression\":\"loyalty_points >= 2\"}}]}}' " +
            "WHERE \"SchemeId\" = (SELECT \"Id\" FROM classification_schemes WHERE \"Code\" = 'big')"));
        var failed = await RunAsync(app, "big");

        Assert.Equal("failed", failed["state"]!.GetValue<string>());
        Assert.Contains("loyalty_points", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("big", (await ClassesAsync(app, r))["big"]!.GetValue<string>());

        // Disabled, it no longer takes part in runs of all schemes.
        var big = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/classification/schemes/big"))!;
        await Api.JsonAsync(await admin.PutAsJsonAsync("/api/v1/classification/schemes/big", new
        {
            nameZh = "大单", nameEn = "Big ticket", enabled = false, version = big["version"]!.GetValue<int>(),
        }), HttpStatusCode.OK);
        var all = await RunAsync(app);
        Assert.DoesNotContain(all["schemes"]!.AsArray(), s => s!["scheme"]!.GetValue<string>() == "big");
    }

    [Fact]
    public async Task SchemeEdits_ValidateSettingsRulesVersionsAndRoles()
    {
        using var admin = await app.AdminAsync();
        var abc = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/classification/schemes/abc"))!;
        var bad = abc["settings"]!.DeepClone().AsObject();
        bad["cuts"]![0]!["upTo"] = 0.99;
        await Api.AssertFieldErrorAsync(await admin.PutAsJsonAsync("/api/v1/classification/schemes/abc", new
        {
            nameZh = "ABC", nameEn = "ABC", settings = bad, version = abc["version"]!.GetValue<int>(),
        }), "settings.cuts[1].upTo");
        await Api.AssertProblemAsync(await admin.PutAsJsonAsync("/api/v1/classification/schemes/abc", new
        {
            nameZh = "ABC 分类", nameEn = "ABC analysis", version = abc["version"]!.GetValue<int>() + 7,
        }), HttpStatusCode.Conflict);
        await Api.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/classification/schemes", new
        {
            code = "oops", kind = "rule", nameZh = "错", nameEn = "Oops",
            settings = new { rules = new[] { new { @class = "x", expression = "max_single_purchase >" } } },
        }), "settings.rules[0].expression");

        var check = await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/classification/rules/check", new { expression = "max_single_purchse > 3000" }), HttpStatusCode.OK);
        Assert.False(check["valid"]!.GetValue<bool>());
        Assert.Equal("rule.unknown-name", check["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(0, check["errors"]![0]!["position"]!.GetValue<int>());
        var ok = await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/classification/rules/check", new { expression = "PROFIT > 0 且 tagged('vip')" }), HttpStatusCode.OK);
        Assert.True(ok["valid"]!.GetValue<bool>());
        Assert.Equal("profit > 0 and tagged('vip')", ok["canonical"]!.GetValue<string>());

        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        await Api.AssertProblemAsync(await assistant.PostAsJsonAsync("/api/v1/classification/runs", new { }), HttpStatusCode.Forbidden);
        await Api.AssertProblemAsync(await assistant.PostAsJsonAsync("/api/v1/classification/schemes/abc/preview", new { }), HttpStatusCode.Forbidden);
        Assert.Equal(4, (await assistant.GetFromJsonAsync<JsonArray>("/api/v1/classification/schemes"))!.Count(s => s!["code"]!.GetValue<string>() is "abc" or "tier" or "membership" or "lifecycle"));
        await Api.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/classification/runs", new { scheme = "nope" }), "scheme");

        var cls = await Api.JsonAsync(await admin.PutAsJsonAsync("/api/v1/classification/schemes/tier/classes/platinum", new
        {
            nameZh = "白金客户", nameEn = "Platinum", colour = "#7f8fa6", priority = "emergency", serviceLevelCode = "PLAT", greenChannel = true,
            callbackCadenceDays = 14, visitCadenceDays = 60, version = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/classification/schemes/tier"))!["classes"]!
                .AsArray().Single(c => c!["code"]!.GetValue<string>() == "platinum")!["version"]!.GetValue<int>(),
        }), HttpStatusCode.OK);
        Assert.Equal("emergency", cls["priority"]!.GetValue<string>());
        await Api.AssertFieldErrorAsync(await admin.PutAsJsonAsync("/api/v1/classification/schemes/tier/classes/platinum", new
        {
            nameZh = "白金客户", nameEn = "Platinum", colour = "red", version = cls["version"]!.GetValue<int>(),
        }), "colour");

        var costs = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/classification/cost-settings"))!;
        costs["costPerVisit"] = 250;
        var saved = await Api.JsonAsync(await admin.PutAsJsonAsync("/api/v1/classification/cost-settings", costs), HttpStatusCode.OK);
        Assert.Equal(250, saved["costPerVisit"]!.GetValue<decimal>());
        await Api.AssertProblemAsync(await admin.PutAsJsonAsync("/api/v1/classification/cost-settings", costs), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ChurnReason_RecordedByStaffInScope_WithVersions()
    {
        var c = await CustomerAsync(app, "流失原因");
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        Assert.Equal(HttpStatusCode.NoContent, (await assistant.GetAsync($"/api/v1/customers/{c}/churn")).StatusCode);
        var churn = await Api.JsonAsync(await assistant.PutAsJsonAsync($"/api/v1/customers/{c}/churn", new { reason = "competitor", note = "转投竞品" }), HttpStatusCode.OK);
        Assert.Equal("competitor", churn["reason"]!.GetValue<string>());
        Assert.Equal(TestOrg.AssistantA, churn["recordedBy"]!.GetValue<string>());
        await Api.AssertFieldErrorAsync(await assistant.PutAsJsonAsync($"/api/v1/customers/{c}/churn", new { reason = "our-fault" }), "version");
        await Api.AssertProblemAsync(
            await assistant.PutAsJsonAsync($"/api/v1/customers/{c}/churn", new { reason = "our-fault", version = churn["version"]!.GetValue<int>() + 1 }),
            HttpStatusCode.Conflict);
        var again = await Api.JsonAsync(
            await assistant.PutAsJsonAsync($"/api/v1/customers/{c}/churn", new { reason = "our-fault", version = churn["version"]!.GetValue<int>() }), HttpStatusCode.OK);
        Assert.Equal("our-fault", again["reason"]!.GetValue<string>());
        await Api.AssertFieldErrorAsync(await assistant.PutAsJsonAsync($"/api/v1/customers/{c}/churn", new { reason = (string?)null, version = again["version"] }), "reason");

        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
        await Api.AssertProblemAsync(await technician.PutAsJsonAsync($"/api/v1/customers/{c}/churn", new { reason = "natural" }), HttpStatusCode.Forbidden);
        using var other = await app.ClientForAsync(TestOrg.AssistantB);
        await Api.AssertProblemAsync(await other.PutAsJsonAsync($"/api/v1/customers/{c}/churn", new { reason = "natural" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ConsecutivePurchases_LongestRunOfPurchaseMonths_IsAMetricAndARuleVariable()
    {
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var month = new DateOnly(today.Year, today.Month, 1);
        int Ago(DateOnly d) => today.DayNumber - d.DayNumber;
        var steady = await CustomerAsync(app, "连续购买客户");
        // Months −6, −3, −2, −1 (two purchases in −2): longest run 3.
        await BuyAsync(app, steady, (Ago(month.AddMonths(-6)), 100), (Ago(month.AddMonths(-3)), 100), (Ago(month.AddMonths(-2)), 100),
            (Ago(month.AddMonths(-2).AddDays(10)), 100), (Ago(month.AddMonths(-1)), 100));

        // A run whose schemes do not read it does not compute it (a second pass over the window's purchases).
        Assert.Equal("succeeded", (await RunAsync(app, "lifecycle"))["state"]!.GetValue<string>());
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var metrics = (await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{steady}/metrics"))!;
        Assert.Null(metrics["consecutivePurchases"]);

        // A rule scheme that reads it: computed, and the customer with a three-month run enters the class.
        using var admin = await app.AdminAsync();
        await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/classification/schemes", new
        {
            code = "steady", kind = "rule", nameZh = "连续购买", nameEn = "Steady buyers",
            settings = new { rules = new[] { new { @class = "steady", expression = "consecutive_purchases >= 3" } } },
        }), HttpStatusCode.Created);
        var run = await RunAsync(app, "steady");

        Assert.Equal("succeeded", run["state"]!.GetValue<string>());
        metrics = (await assistant.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{steady}/metrics"))!;
        Assert.Equal(3, metrics["consecutivePurchases"]!.GetValue<int>());
        Assert.Equal("steady", (await ClassesAsync(app, steady))["steady"]!.GetValue<string>());
        var vocabulary = (await assistant.GetFromJsonAsync<JsonArray>("/api/v1/classification/rules/vocabulary"))!;
        Assert.Contains(vocabulary, v => v!["name"]!.GetValue<string>() == "consecutive_purchases");
        var check = await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/classification/rules/check",
            new { expression = "consecutive_purchases >= 2 or tagged('潜力')" }), HttpStatusCode.OK);
        Assert.True(check["valid"]!.GetValue<bool>());
    }
}

public sealed class ClassificationSettingsSqliteTests(SqliteApp app) : ClassificationSettingsTests(app), IClassFixture<SqliteApp>;

public sealed class ClassificationSettingsPostgresTests(PostgresApp app) : ClassificationSettingsTests(app), IClassFixture<PostgresApp>;
