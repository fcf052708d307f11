using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kefu.Core.Classification;
using Kefu.Core.Security;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kefu.Web.Tests.Classification.ClassificationData;

namespace Kefu.Web.Tests.Classification;

/// <summary>ABC's own window, the scheme settings and class editor page, cancelling runs.</summary>
public abstract partial class SchemeEditorTests(KefuApp app)
{
    /// <summary>A cookie-authenticated browser-like client (pages, not the API), signed in through the login form.</summary>
    private async Task<HttpClient> PagesAsync(string user, string password = KefuApp.UserPassword)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = Token(await client.GetStringAsync("/Account/Login"));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user, ["Password"] = password, ["__RequestVerificationToken"] = token,
        });
        var signedIn = await client.PostAsync("/Account/Login", form);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    /// <summary>A page's Forbid(): the cookie scheme sends the browser to the access-denied page.</summary>
    private static void AssertDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Denied", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>The page's HTML with character references decoded (the views encode non-ASCII text).</summary>
    private static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static async Task<string> PageAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));

    private static string Token(string page)
    {
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);
        return token;
    }

    /// <summary>Posts a form of the page (antiforgery token read from <paramref name="page"/>).</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string page, params (string Name, string Value)[] fields)
    {
        using var form = new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", Token(page))));
        return await client.PostAsync(url, form);
    }

    private static (string, string)[] AbcForm(int version, string upTo0, string upTo1, string window, string measure = "revenue", string nameEn = "ABC analysis") =>
    [
        ("Input.NameZh", "ABC 分类"), ("Input.NameEn", nameEn), ("Input.Enabled", "true"), ("Input.Enabled", "false"),
        ("Input.Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.Measure", measure), ("Input.Basis", "value"),
        ("Input.Cuts[0].Class", "A"), ("Input.Cuts[0].UpToPercent", upTo0), ("Input.Cuts[1].Class", "B"), ("Input.Cuts[1].UpToPercent", upTo1),
        ("Input.Rest", "C"), ("Input.WindowMonths", window),
    ];

    private async Task<JsonObject> SchemeAsync(string code)
    {
        using var admin = await app.AdminAsync();
        return (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/classification/schemes/{code}"))!;
    }

    [Fact]
    public async Task AbcOwnWindow_RanksByTheTransactionsOfItsMonths_PreviewAndRunAgree()
    {
        // Revenue in the last 12 months (shared window): old 10100, mid 3000, small 1000 → A, B, C (cut-offs 50 % / 90 %).
        // In the last 3 months only: mid 3000, small 1000, old 100 → mid A, small B, old C.
        var old = await CustomerAsync(app, "窗口老客户");
        await BuyAsync(app, old, (200, 10000), (10, 100));
        var mid = await CustomerAsync(app, "窗口中客户");
        await BuyAsync(app, mid, (20, 3000));
        var small = await CustomerAsync(app, "窗口小客户");
        await BuyAsync(app, small, (30, 1000));
        using var admin = await app.AdminAsync();
        var abc = new JsonObject
        {
            ["measure"] = "revenue", ["basis"] = "value", ["rest"] = "C",
            ["cuts"] = new JsonArray(new JsonObject { ["class"] = "A", ["upTo"] = 0.5 }, new JsonObject { ["class"] = "B", ["upTo"] = 0.9 }),
        };
        await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/classification/schemes", new
        {
            code = "abcwin", kind = "abc", nameZh = "窗口 ABC", nameEn = "Window ABC", settings = abc,
        }), HttpStatusCode.Created);
        Assert.Equal("succeeded", (await RunAsync(app, "abcwin"))["state"]!.GetValue<string>());
        Assert.Equal("A", (await ClassesAsync(app, old))["abcwin"]!.GetValue<string>());
        Assert.Equal("B", (await ClassesAsync(app, mid))["abcwin"]!.GetValue<string>());
        Assert.Equal("C", (await ClassesAsync(app, small))["abcwin"]!.GetValue<string>());

        // The own window only for transaction measures, 1..120 months.
        var profit = abc.DeepClone().AsObject();
        profit["measure"] = "profit";
        profit["windowMonths"] = 3;
        await Api.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/classification/schemes/abcwin/preview", new { settings = profit }), "settings.windowMonths");
        var zero = abc.DeepClone().AsObject();
        zero["windowMonths"] = 0;
        await Api.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/classification/schemes/abcwin/preview", new { settings = zero }), "settings.windowMonths");

        var own = abc.DeepClone().AsObject();
        own["windowMonths"] = 3;
        var preview = await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/classification/schemes/abcwin/preview", new { settings = own }), HttpStatusCode.OK);
        var rows = preview["classes"]!.AsArray().ToDictionary(r => r!["class"]!.GetValue<string>(), r => r!, StringComparer.Ordinal);
        foreach (var cls in new[] { "A", "B", "C" })
        {
            Assert.Equal(1, rows[cls]["entering"]!.GetValue<int>());
            Assert.Equal(1, rows[cls]["leaving"]!.GetValue<int>());
        }

        var scheme = await SchemeAsync("abcwin");
        await Api.JsonAsync(await admin.PutAsJsonAsync("/api/v1/classification/schemes/abcwin", new
        {
            nameZh = "窗口 ABC", nameEn = "Window ABC", settings = own, version = scheme["version"]!.GetValue<int>(),
        }), HttpStatusCode.OK);
        Assert.Equal(3, (await SchemeAsync("abcwin"))["settings"]!["windowMonths"]!.GetValue<int>());
        var run = await RunAsync(app, "abcwin");
        Assert.Equal("succeeded", run["state"]!.GetValue<string>());
        Assert.Equal(3, run["schemes"]![0]!["changes"]!.GetValue<int>()); // three customers change class (one history row each)
        Assert.Equal("C", (await ClassesAsync(app, old))["abcwin"]!.GetValue<string>());
        Assert.Equal("A", (await ClassesAsync(app, mid))["abcwin"]!.GetValue<string>());
        Assert.Equal("B", (await ClassesAsync(app, small))["abcwin"]!.GetValue<string>());

        // Settings without a window stay as they were stored (no "windowMonths": null written).
        var versions = (await admin.GetFromJsonAsync<JsonArray>("/api/v1/classification/schemes/abcwin/versions"))!;
        Assert.False(versions[1]!["settings"]!.AsObject().ContainsKey("windowMonths"));
    }

    [Fact]
    public async Task SchemePage_AdminSavesAbcSettings_OthersReadOnly_InvalidAndStaleFormsSaveNothing()
    {
        const string url = "/Classification/Scheme/abc";
        using var admin = await PagesAsync("admin", KefuApp.AdminPassword);
        var page = await PageAsync(admin, url);
        Assert.Contains("data-testid=\"scheme-save\"", page, StringComparison.Ordinal);
        Assert.Matches("name=\"Input.Cuts\\[0\\].UpToPercent\" value=\"80\"", page);
        Assert.Contains("data-testid=\"version-table\"", page, StringComparison.Ordinal);
        var before = await SchemeAsync("abc");
        var version = before["version"]!.GetValue<int>();

        // Other staff: read-only, and a post is refused.
        using var assistant = await PagesAsync(TestOrg.AssistantA);
        var readOnly = await assistant.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, readOnly.StatusCode);
        var readOnlyPage = await TextAsync(readOnly);
        Assert.Contains("data-testid=\"read-only\"", readOnlyPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"scheme-save\"", readOnlyPage, StringComparison.Ordinal);
        Assert.Contains("<fieldset disabled=\"disabled\">", readOnlyPage, StringComparison.Ordinal);
        AssertDenied(await PostAsync(assistant, url + "?handler=Save", readOnlyPage, AbcForm(version, "70", "95", "6")));
        Assert.DoesNotContain("data-testid=\"class-form\"", await PageAsync(assistant, "/Classification/Scheme/abc?cls=A"), StringComparison.Ordinal);

        // Invalid: a cut-off above 100 % and an own window for a measure that has none. Messages under the inputs, nothing saved.
        var invalid = await PostAsync(admin, url + "?handler=Save", page, AbcForm(version, "150", "95", "6"));
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var invalidPage = await TextAsync(invalid);
        Assert.Matches("data-valmsg-for=\"Input.Cuts\\[0\\].UpToPercent\"[^>]*>[^<]*占比须逐个递增", invalidPage);
        Assert.Matches("name=\"Input.Cuts\\[0\\].UpToPercent\" value=\"150\"", invalidPage); // what was typed stays
        var wrongMeasure = await PostAsync(admin, url + "?handler=Save", page, AbcForm(version, "70", "95", "6", measure: "profit"));
        Assert.Matches("data-valmsg-for=\"Input.WindowMonths\"[^>]*>[^<]*自有时间窗只适用于", await TextAsync(wrongMeasure));
        Assert.Equal(before["currentVersion"]!.GetValue<int>(), (await SchemeAsync("abc"))["currentVersion"]!.GetValue<int>());

        // Valid: saved as a new settings version by admin.
        var saved = await PostAsync(admin, url + "?handler=Save", page, AbcForm(version, "70", "95", "6"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await SchemeAsync("abc");
        Assert.Equal(0.7m, after["settings"]!["cuts"]![0]!["upTo"]!.GetValue<decimal>());
        Assert.Equal(6, after["settings"]!["windowMonths"]!.GetValue<int>());
        Assert.Equal(before["currentVersion"]!.GetValue<int>() + 1, after["currentVersion"]!.GetValue<int>());
        var history = await PageAsync(admin, url);
        Assert.Contains("data-testid=\"version-by\">admin<", history, StringComparison.Ordinal);
        Assert.Contains("分类方案 abc 已保存", history, StringComparison.Ordinal);

        // Stale: the form read before the save. Conflict message, the typed values kept, the current version taken, nothing saved.
        var stale = await PostAsync(admin, url + "?handler=Save", page, AbcForm(version, "60", "90", "", nameEn: "Typed while someone saved"));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var stalePage = await TextAsync(stale);
        Assert.Contains("data-testid=\"scheme-conflict\"", stalePage, StringComparison.Ordinal);
        Assert.Contains("value=\"Typed while someone saved\"", stalePage, StringComparison.Ordinal);
        Assert.Matches("name=\"Input.Cuts\\[0\\].UpToPercent\" value=\"60\"", stalePage);
        Assert.Contains($"name=\"Input.Version\" value=\"{after["version"]!.GetValue<int>()}\"", stalePage, StringComparison.Ordinal);
        var unchanged = await SchemeAsync("abc");
        Assert.Equal("ABC analysis", unchanged["nameEn"]!.GetValue<string>());
        Assert.Equal(0.7m, unchanged["settings"]!["cuts"]![0]!["upTo"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task SchemePage_ThresholdRulesAndLifecycleParameters_EditAndValidate()
    {
        using var admin = await PagesAsync("admin", KefuApp.AdminPassword);
        var page = await PageAsync(admin, "/Classification/Scheme/membership");
        Assert.Equal(3, Regex.Count(page, "data-testid=\"threshold-rule\""));
        var version = (await SchemeAsync("membership"))["version"]!.GetValue<int>();
        (string, string)[] Rules(params (string Class, string Metric, string? Min, string? Max)[] rules) =>
        [
            ("Input.NameZh", "会员等级"), ("Input.NameEn", "Membership level"), ("Input.Enabled", "true"),
            ("Input.Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.Otherwise", "ordinary"),
            .. rules.SelectMany((r, i) => new[]
            {
                ($"Input.Rules[{i}].Class", r.Class), ($"Input.Rules[{i}].Conditions[0].Metric", r.Metric),
                ($"Input.Rules[{i}].Conditions[0].Min", r.Min ?? ""), ($"Input.Rules[{i}].Conditions[0].Max", r.Max ?? ""),
            }),
        ];

        // Shape changes (add a rule, move it up) re-render the form without saving.
        var added = await PostAsync(admin, "/Classification/Scheme/membership?handler=Edit", page,
            [.. Rules(("diamond", "lifetimeRevenue", "100000", null), ("gold", "lifetimeRevenue", "30000", null)), ("op", "add-rule")]);
        Assert.Equal(3, Regex.Count(await TextAsync(added), "data-testid=\"threshold-rule\""));
        var moved = await PostAsync(admin, "/Classification/Scheme/membership?handler=Edit", page,
            [.. Rules(("diamond", "lifetimeRevenue", "100000", null), ("gold", "lifetimeRevenue", "30000", null)), ("op", "down:0")]);
        var movedPage = await TextAsync(moved);
        Assert.Matches("name=\"Input.Rules\\[0\\].Class\" value=\"gold\"", movedPage);
        Assert.Equal(version, (await SchemeAsync("membership"))["version"]!.GetValue<int>());

        // An invalid class code is reported under its input; a valid save writes min and max per metric.
        var invalid = await PostAsync(admin, "/Classification/Scheme/membership?handler=Save", page, Rules(("dia mond", "lifetimeRevenue", "100000", null)));
        Assert.Matches("data-valmsg-for=\"Input.Rules\\[0\\].Class\"[^>]*>[^<]*类别代码", await TextAsync(invalid));
        var saved = await PostAsync(admin, "/Classification/Scheme/membership?handler=Save", page,
            Rules(("diamond", "lifetimeRevenue", "100000", null), ("gold", "lifetimeRevenue", "30000", "99999.99"), ("silver", "lifetimeRevenue", "5000", null)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var rules = (await SchemeAsync("membership"))["settings"]!["rules"]!.AsArray();
        Assert.Equal(["diamond", "gold", "silver"], rules.Select(r => r!["class"]!.GetValue<string>()));
        Assert.Equal(99999.99m, rules[1]!["max"]!["lifetimeRevenue"]!.GetValue<decimal>());
        Assert.Equal(30000m, rules[1]!["min"]!["lifetimeRevenue"]!.GetValue<decimal>());

        // Lifecycle: the seven parameters with explanations; the lost factor must exceed the at-risk factor.
        var lifecycle = await PageAsync(admin, "/Classification/Scheme/lifecycle");
        Assert.Contains("data-testid=\"lifecycle-loyalMinMonths\"", lifecycle, StringComparison.Ordinal);
        var lv = (await SchemeAsync("lifecycle"))["version"]!.GetValue<int>();
        (string, string)[] Lifecycle(string lost) =>
        [
            ("Input.NameZh", "生命周期"), ("Input.NameEn", "Lifecycle"), ("Input.Enabled", "true"), ("Input.Version", lv.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Input.NewDays", "60"), ("Input.AtRiskFactor", "2.5"), ("Input.LostFactor", lost), ("Input.MinIntervalDays", "7"),
            ("Input.SinglePurchaseIntervalDays", "180"), ("Input.LoyalMinPurchases", "5"), ("Input.LoyalMinMonths", "12"),
        ];
        var badLifecycle = await PostAsync(admin, "/Classification/Scheme/lifecycle?handler=Save", lifecycle, Lifecycle("2"));
        Assert.Contains("data-testid=\"lifecycle-lostFactor-error\">须大于流失风险倍数", await TextAsync(badLifecycle), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, "/Classification/Scheme/lifecycle?handler=Save", lifecycle, Lifecycle("5"))).StatusCode);
        var settings = (await SchemeAsync("lifecycle"))["settings"]!;
        Assert.Equal(60, settings["newDays"]!.GetValue<int>());
        Assert.Equal(2.5m, settings["atRiskFactor"]!.GetValue<decimal>());

        // A rule scheme links to the rule editor; an unknown scheme is a 404.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Classification/Scheme/nosuch")).StatusCode);
    }

    [Fact]
    public async Task ClassEditor_EditsAddsAndDeletesClasses_RefusesHeldClassesAndStaleVersions()
    {
        const string url = "/Classification/Scheme/tier";
        using var admin = await PagesAsync("admin", KefuApp.AdminPassword);
        var page = await PageAsync(admin, url + "?cls=gold");
        Assert.Contains("data-testid=\"class-form\"", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"FULL\"", page, StringComparison.Ordinal); // service levels to choose from
        var gold = (await SchemeAsync("tier"))["classes"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "gold")!;
        var version = gold["version"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        (string, string)[] Gold(string callback, string v, string nameEn = "Gold") =>
        [
            ("ClassInput.Code", "gold"), ("ClassInput.IsNew", "false"), ("ClassInput.Version", v), ("ClassInput.NameZh", "黄金客户"),
            ("ClassInput.NameEn", nameEn), ("ClassInput.Colour", "#123456"), ("ClassInput.Priority", "High"), ("ClassInput.ServiceLevelCode", "FULL"),
            ("ClassInput.GreenChannel", "true"), ("ClassInput.GreenChannel", "false"), ("ClassInput.CallbackCadenceDays", callback),
            ("ClassInput.VisitCadenceDays", "120"),
        ];

        var invalid = await PostAsync(admin, url + "?handler=Class", page, Gold("0", version));
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Matches("data-valmsg-for=\"ClassInput.CallbackCadenceDays\"[^>]*>[^<]*1 到 3650 天", await TextAsync(invalid));
        var saved = await PostAsync(admin, url + "?handler=Class", page, Gold("45", version));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        gold = (await SchemeAsync("tier"))["classes"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "gold")!;
        Assert.Equal("FULL", gold["serviceLevelCode"]!.GetValue<string>());
        Assert.Equal("#123456", gold["colour"]!.GetValue<string>());
        Assert.Equal("high", gold["priority"]!.GetValue<string>());
        Assert.True(gold["greenChannel"]!.GetValue<bool>());
        Assert.Equal(45, gold["callbackCadenceDays"]!.GetValue<int>());

        var stale = await PostAsync(admin, url + "?handler=Class", page, Gold("30", version, "Typed gold"));
        var stalePage = await TextAsync(stale);
        Assert.Contains("data-testid=\"class-conflict\"", stalePage, StringComparison.Ordinal);
        Assert.Contains("value=\"Typed gold\"", stalePage, StringComparison.Ordinal);
        Assert.Equal("Gold", (await SchemeAsync("tier"))["classes"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "gold")!["nameEn"]!.GetValue<string>());

        // A new class, then deleted; a class customers hold is refused with the message.
        var created = await PostAsync(admin, url + "?handler=Class", page,
            ("ClassInput.Code", "copper"), ("ClassInput.IsNew", "true"), ("ClassInput.NameZh", "铜客户"), ("ClassInput.NameEn", "Copper"), ("ClassInput.Colour", "#b87333"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var table = await PageAsync(admin, url);
        Assert.Contains("data-testid=\"class-row-copper\"", table, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, url + "?handler=DeleteClass&cls=copper", table)).StatusCode);
        Assert.DoesNotContain((await SchemeAsync("tier"))["classes"]!.AsArray(), c => c!["code"]!.GetValue<string>() == "copper");

        await CustomerAsync(app, "等级客户");
        Assert.Equal("succeeded", (await RunAsync(app, "tier"))["state"]!.GetValue<string>()); // no purchases: profit 0, iron
        var refused = await PostAsync(admin, url + "?handler=DeleteClass&cls=iron", await PageAsync(admin, url));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("仍有客户属于这个类别", await PageAsync(admin, url), StringComparison.Ordinal);
        Assert.Contains((await SchemeAsync("tier"))["classes"]!.AsArray(), c => c!["code"]!.GetValue<string>() == "iron");

        // Other staff cannot edit classes.
        using var supervisor = await PagesAsync(TestOrg.SupervisorA);
        var supervisorPage = await PageAsync(supervisor, url);
        AssertDenied(await PostAsync(supervisor, url + "?handler=Class", supervisorPage, Gold("45", version)));
        AssertDenied(await PostAsync(supervisor, url + "?handler=DeleteClass&cls=gold", supervisorPage));
        Assert.Equal("#123456", (await SchemeAsync("tier"))["classes"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "gold")!["colour"]!.GetValue<string>());
    }

    [Fact]
    public async Task CancelRun_QueuedRunNeverStarts_RunningRunStopsBetweenSchemes_FinishedRunIsAConflict()
    {
        using var admin = await app.AdminAsync();
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);

        // Another node is running a run: a new run stays queued; cancelling it finishes it at once.
        var blocker = await app.WithDbAsync(async db =>
        {
            var run = ClassificationRun.Create(RunTrigger.Api, null, "other-node", app.Clock.GetUtcNow().UtcDateTime);
            db.Add(run);
            await db.SaveChangesAsync();
            await db.Set<ClassificationRun>().Where(r => r.Id == run.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RunState.Running).SetProperty(r => r.StartedAt, app.Clock.GetUtcNow().UtcDateTime));
            return run.Id;
        });
        var queued = await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/classification/runs", new { scheme = (string?)null }), HttpStatusCode.Accepted);
        var id = queued["id"]!.GetValue<string>();
        await Api.AssertProblemAsync(await assistant.PostAsync($"/api/v1/classification/runs/{id}/cancel", null), HttpStatusCode.Forbidden);
        await Api.AssertProblemAsync(await admin.PostAsync($"/api/v1/classification/runs/{Guid.CreateVersion7()}/cancel", null), HttpStatusCode.NotFound);
        var cancelled = await Api.JsonAsync(await admin.PostAsync($"/api/v1/classification/runs/{id}/cancel", null), HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled["state"]!.GetValue<string>());
        Assert.NotNull(cancelled["finishedAt"]?.GetValue<DateTime>());
        Assert.Null(cancelled["startedAt"]?.GetValue<DateTime>());
        await Api.AssertProblemAsync(await admin.PostAsync($"/api/v1/classification/runs/{id}/cancel", null), HttpStatusCode.Conflict);

        // The running one: cancelled, still stopping (no finish time) until its node notices; it keeps blocking new runs meanwhile.
        var stopping = await Api.JsonAsync(await admin.PostAsync($"/api/v1/classification/runs/{blocker}/cancel", null), HttpStatusCode.OK);
        Assert.Equal("cancelled", stopping["state"]!.GetValue<string>());
        Assert.Null(stopping["finishedAt"]?.GetValue<DateTime>());
        Assert.Null(await app.WithDbAsync(db => new ClassificationRuns(db, TimeProvider.System, new ClassificationSignal(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ClassificationRuns>.Instance).ClaimNextAsync()));
        await app.WithDbAsync(db => db.Set<ClassificationRun>().Where(r => r.Id == blocker)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.FinishedAt, app.Clock.GetUtcNow().UtcDateTime)));

        // A real run cancelled while its second scheme is applied: the first two stay applied, the rest are skipped.
        var customer = await CustomerAsync(app, "取消测试"); // no purchases, so the ABC test's population keeps its shares
        await using var scope = app.Services.CreateAsyncScope();
        var runs = scope.ServiceProvider.GetRequiredService<ClassificationRuns>();
        var result = await runs.RunNowAsync(RunTrigger.Cli, null, "tester", progress =>
        {
            // Once: on PostgreSQL the first scheme may still report its end while the second one runs.
            if (progress.State == RunState.Running && progress.Schemes.Count > 1 && progress.Schemes[1].State == "running")
            {
                using var inner = app.Services.CreateScope();
                Assert.True(inner.ServiceProvider.GetRequiredService<ClassificationRuns>().CancelAsync(Caller.System, progress.Id).GetAwaiter().GetResult().IsSuccess);
            }
        });
        Assert.Equal(RunState.Cancelled, result.State);
        Assert.NotNull(result.FinishedAt);
        Assert.True(result.Schemes.Count >= 4, string.Join(", ", result.Schemes));
        Assert.Equal(["succeeded", "succeeded"], result.Schemes.Take(2).Select(s => s.State));
        Assert.All(result.Schemes.Skip(2), s => Assert.Equal("skipped", s.State));
        var classes = await ClassesAsync(app, customer);
        Assert.True(classes.ContainsKey(result.Schemes[0].Scheme) && classes.ContainsKey(result.Schemes[1].Scheme));
        Assert.False(classes.ContainsKey(result.Schemes[2].Scheme));
        var listed = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/classification/runs/{result.Id}"))!;
        Assert.Equal("cancelled", listed["state"]!.GetValue<string>());
        await Api.AssertProblemAsync(await admin.PostAsync($"/api/v1/classification/runs/{result.Id}/cancel", null), HttpStatusCode.Conflict);

        // The page: cancelling a run that has finished redirects back with the message.
        using var pages = await PagesAsync("admin", KefuApp.AdminPassword);
        var index = await PageAsync(pages, "/Classification");
        var done = await PostAsync(pages, $"/Classification?handler=Cancel&id={result.Id}", index);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Contains("这次运行已经结束，不能取消", await PageAsync(pages, "/Classification"), StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class SchemeEditorSqliteTests(SqliteApp app) : SchemeEditorTests(app), IClassFixture<SqliteApp>;

public sealed class SchemeEditorPostgresTests(PostgresApp app) : SchemeEditorTests(app), IClassFixture<PostgresApp>;
