using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Kefu.Core.Data;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Kefu.Web.Tests.ApiContract;

/// <summary>
/// Issue 19, point 9: the fuzz suite. Every operation of <c>/openapi/v1.json</c> (read at test time, so a new endpoint is covered
/// without editing this test) gets the malformed requests of <see cref="FuzzCases"/> — at least
/// <see cref="DefaultCases"/> per run with a fixed seed; <c>KEFU_FUZZ_CASES</c> and <c>KEFU_FUZZ_SEED</c> ask for a longer or another
/// run — sent as the administrator with a bearer token, so the handlers really run (against a customer and a request that exist).
/// It asserts:
/// <list type="bullet">
/// <item>no answer is a 5xx (nor an exception or a timeout);</item>
/// <item>every 4xx carries an <c>application/problem+json</c> body;</item>
/// <item>a refused request leaves the row counts unchanged. The rule: the rows of every table of the model are counted; the reads
/// (GET, run four at a time) must leave them as they were, and every other request runs alone and is followed by a count. After a
/// refused one (4xx) the counts must equal those before it; after an accepted one
/// (2xx, e.g. a create that the broken field did not hurt) they are taken again as the new baseline — after a 202 once the
/// background work it queued has settled. Left out are the logs a refusal may write by design: the purchase import log
/// (a refused bulk call records its rejection there, its errors capped by point 6) with its audit entries, idempotency keys, job runs,
/// data-protection keys and number ranges. The scheduler is off, so no job writes while the fuzz runs.</item>
/// </list>
/// The case count, the time and the tally per status are written to the test output (and so to <c>./test.sh</c>'s results).
/// </summary>
public abstract class ApiFuzzTests(KefuApp app, ITestOutputHelper output)
{
    public const int DefaultCases = 10_000;
    public const int DefaultSeed = 19;

    private static readonly HashSet<string> Logs = new(StringComparer.Ordinal)
    {
        "transaction_imports", "idempotency_records", "job_runs", "data_protection_keys", "number_ranges",
    };

    [Fact]
    public async Task EveryOperation_MalformedInput_No5xx_ProblemBodies_AndRefusalsStoreNothing()
    {
        var wanted = Setting("KEFU_FUZZ_CASES", DefaultCases);
        var seed = Setting("KEFU_FUZZ_SEED", DefaultSeed);
        var document = await ApiDocument.ReadAsync(app);
        using var admin = await app.AdminAsync();
        admin.Timeout = TimeSpan.FromSeconds(30);
        await SeedAsync(admin);

        var operations = document.ApiOperations().ToList();
        var pathValues = await ApiDocument.PathValuesAsync(admin, operations, avoid: "admin");
        var random = new Random(seed);
        var cases = FuzzCases.Systematic(operations, pathValues).ToList();
        while (cases.Count < wanted)
        {
            cases.Add(FuzzCases.Combined(operations, pathValues, random));
        }

        // Reads first, deletes last: the records the cases point at live as long as possible.
        cases = [.. cases.OrderBy(c => Array.IndexOf(MethodOrder, c.Method.Method)).ThenBy(c => c.Operation, StringComparer.Ordinal)];

        await using var rows = await RowCounts.OpenAsync(app);
        var baseline = await rows.ReadAsync();
        var tally = new SortedDictionary<int, int>();
        var findings = new List<string>();
        var clock = Stopwatch.StartNew();

        var cost = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        void Check(FuzzCase c, int status, string? contentType, string body, TimeSpan took)
        {
            lock (tally)
            {
                var kind = c.Kind[0] is '?' ? "query" : c.Kind[0] is '{' ? "path" : c.Kind[(c.Kind.LastIndexOf(':') + 1)..].Split(' ')[0];
                cost[kind] = cost.GetValueOrDefault(kind) + took;
                tally[status] = tally.GetValueOrDefault(status) + 1;
                if (status is >= 500 or 0)
                {
                    findings.Add($"{c.Operation} [{c.Kind}] → {status}: {Excerpt(body)}");
                }
                else if (status >= 400 && (contentType != "application/problem+json" || body.Length == 0))
                {
                    findings.Add($"{c.Operation} [{c.Kind}] → {status} without a problem body ({contentType ?? "no content type"}): {Excerpt(body)}");
                }
            }
        }

        // Reads change nothing and run four at a time; every other request runs alone, so a change of the counts is its own.
        await Parallel.ForEachAsync(cases.Where(c => c.Method == HttpMethod.Get), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (c, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            var (status, contentType, body, _) = await SendAsync(admin, c);
            Check(c, status, contentType, body, Stopwatch.GetElapsedTime(started));
        });
        var readTime = clock.Elapsed;
        if (rows.Changed(baseline, await rows.ReadAsync()) is { Length: > 0 } byReads)
        {
            findings.Add("The reads changed the rows of " + byReads);
        }

        baseline = await rows.ReadAsync();
        foreach (var c in cases.Where(c => c.Method != HttpMethod.Get))
        {
            var started = Stopwatch.GetTimestamp();
            var (status, contentType, body, location) = await SendAsync(admin, c);
            Check(c, status, contentType, body, Stopwatch.GetElapsedTime(started));
            if (status == (int)HttpStatusCode.Accepted)
            {
                await FinishedAsync(admin, location);
                await rows.SettleAsync();
            }

            var now = await rows.ReadAsync();
            if (status is >= 400 and < 500 && rows.Changed(baseline, now) is { Length: > 0 } changed)
            {
                findings.Add($"{c.Operation} [{c.Kind}] → {status} refused, but changed the rows of {changed}");
            }

            baseline = now;
        }

        output.WriteLine(
            $"Fuzz ({app.Provider}, seed {seed}): {cases.Count} cases over {operations.Count} operations in {clock.Elapsed.TotalSeconds:0.0} s " +
            $"(reads {readTime.TotalSeconds:0.0} s); " +
            "by status: " + string.Join(", ", tally.Select(t => $"{(t.Key == 0 ? "exception" : t.Key.ToString(CultureInfo.InvariantCulture))}: {t.Value}")) +
            $"; 5xx: {tally.Where(t => t.Key >= 500).Sum(t => t.Value)}; findings: {findings.Count}");
        output.WriteLine("  request time by kind of case: " + string.Join(", ", cost.OrderByDescending(k => k.Value).Take(10).Select(k => $"{k.Key} {k.Value.TotalSeconds:0.0} s")));
        foreach (var finding in findings.Take(200))
        {
            output.WriteLine("  " + finding);
        }

        Assert.True(cases.Count >= wanted, $"Only {cases.Count} cases.");
        using var still = await admin.GetAsync("/api/v1/users");
        Assert.True(still.StatusCode == HttpStatusCode.OK, "The administrator's token stopped working during the fuzz, so later cases proved little.");
        Assert.True(findings.Count == 0, $"{findings.Count} findings, the first: " + string.Join("\n", findings.Take(40)));
    }

    private static readonly string[] MethodOrder = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;

    private static async Task<(int Status, string? ContentType, string Body, Uri? Location)> SendAsync(HttpClient client, FuzzCase c)
    {
        using var request = new HttpRequestMessage(c.Method, c.Url) { Content = c.Content() };
        if (c.IdempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", c.IdempotencyKey);
        }

        try
        {
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, response.Headers.Location);
        }
#pragma warning disable CA1031 // an exception is a finding like a 500
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (0, null, e.GetType().Name + ": " + e.Message, null);
        }
    }

    /// <summary>Waits until the background work a 202 queued (its Location: an import, a classification run) has finished (10 s at most).</summary>
    private static async Task FinishedAsync(HttpClient client, Uri? location)
    {
        var clock = Stopwatch.StartNew();
        while (location is not null && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            using var response = await client.GetAsync(location);
            var state = response.IsSuccessStatusCode ? System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
            if (state?["finished"]?.GetValue<bool>() == true || state?["state"]?.GetValue<string>() is not ("queued" or "running"))
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    private static string Excerpt(string text) => text.Length > 400 ? text[..400] + "…" : text;

    /// <summary>Records for the path parameters to point at: a customer with a service request.</summary>
    private async Task SeedAsync(HttpClient admin)
    {
        var customer = await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA)), HttpStatusCode.Created);
        await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/service-requests", new
        {
            type = "Z2", channel = "store-counter", shortText = "fuzz", customerId = customer["id"],
            objectAddress = new { city = "杭州市", street = "文三路100号" },
        }), HttpStatusCode.Created);
    }

    /// <summary>Row counts of every table of the model but the logs, read with one statement on a connection of its own.</summary>
    private sealed class RowCounts : IAsyncDisposable
    {
        private readonly AsyncServiceScope scope;
        private readonly DbConnection connection;
        private readonly string[] tables;
        private readonly string sql;
        private DbCommand? command;

        private RowCounts(AsyncServiceScope scope, DbConnection connection, string[] tables, string sql)
        {
            this.scope = scope;
            this.connection = connection;
            this.tables = tables;
            this.sql = sql;
        }

        public static async Task<RowCounts> OpenAsync(KefuApp app)
        {
            var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
            var audit = db.Model.FindEntityType(typeof(Kefu.Core.Audit.AuditEntry))!;
            var entity = audit.FindProperty(nameof(Kefu.Core.Audit.AuditEntry.Entity))!.GetColumnName();
            var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>()
                .Where(t => !Logs.Contains(t)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var counts = tables.Select(t => t == audit.GetTableName()
                ? $"(SELECT COUNT(*) FROM \"{t}\" WHERE \"{entity}\" <> 'TransactionImport')"
                : $"(SELECT COUNT(*) FROM \"{t}\")");
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            return new RowCounts(scope, connection, tables, "SELECT " + string.Join(", ", counts));
        }

        public async Task<long[]> ReadAsync()
        {
            if (command is null)
            {
                command = connection.CreateCommand();
                command.CommandText = sql;
                await command.PrepareAsync();
            }

            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return [.. Enumerable.Range(0, tables.Length).Select(i => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture))];
        }

        /// <summary>Waits until background work queued by a 202 (an import, a classification run) stops changing rows (5 s at most).</summary>
        public async Task SettleAsync()
        {
            var clock = Stopwatch.StartNew();
            var last = await ReadAsync();
            var stable = 0;
            while (stable < 3 && clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Delay(50);
                var now = await ReadAsync();
                stable = now.SequenceEqual(last) ? stable + 1 : 0;
                last = now;
            }
        }

        public string Changed(long[] before, long[] after) =>
            string.Join(", ", tables.Where((_, i) => before[i] != after[i]).Select(t => $"{t} ({before[Array.IndexOf(tables, t)]} → {after[Array.IndexOf(tables, t)]})"));

        public async ValueTask DisposeAsync()
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }

            await connection.CloseAsync();
            await scope.DisposeAsync();
        }
    }
}

/// <summary>The app the fuzz runs against: the scheduler is off, so only the requests write.</summary>
public abstract class FuzzApp(DatabaseProvider provider) : KefuApp(provider)
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Scheduler:Enabled", "false");
}

public sealed class FuzzSqliteApp() : FuzzApp(DatabaseProvider.Sqlite);

public sealed class FuzzPostgresApp() : FuzzApp(DatabaseProvider.PostgreSql);

public sealed class ApiFuzzSqliteTests(FuzzSqliteApp app, ITestOutputHelper output) : ApiFuzzTests(app, output), IClassFixture<FuzzSqliteApp>;

public sealed class ApiFuzzPostgresTests(FuzzPostgresApp app, ITestOutputHelper output) : ApiFuzzTests(app, output), IClassFixture<FuzzPostgresApp>;
