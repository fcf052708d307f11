using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kefu.Core.Audit;
using Kefu.Core.Data;
using Kefu.Core.Sla;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Kefu.Web.Tests.Reliability;

/// <summary>
/// Issue 19 point 11, on PostgreSQL: the app runs as its own process (Production settings, bearer token, its own database);
/// concurrent clients create customers and service requests (with Idempotency-Key) and edit them (with the version they
/// read) while the process is killed with SIGKILL, then started again on the same database. Afterwards every acknowledged
/// write is there with its acknowledged content, no aggregate is half-written, no two edits of one version both succeeded,
/// every acknowledged change has its audit row, and every create retried with its key returns the saved record or creates
/// it once. Longer runs: KEFU_KILL_ROUNDS (kills, default 1), KEFU_KILL_WRITES (the kill comes after 50–150 % of this many acknowledged writes, default 40) within KEFU_KILL_SECONDS (default 20),
/// KEFU_KILL_CLIENTS (default 8).
/// </summary>
public sealed class KillUnderLoadTests(ITestOutputHelper output)
{
    private const string AdminPassword = "Kill-Test-Admin-1";
    private const string Marker = "load ";

    private readonly ConcurrentBag<Create> creates = [];
    private readonly ConcurrentBag<Edit> edits = [];
    private readonly ConcurrentDictionary<string, Entity> customers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entity> requests = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> unexpected = [];
    private int sequence;
    private int acknowledged;
    private int conflicts;

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;

    [Fact]
    public async Task AppKilledUnderLoad_KeepsEveryAcknowledgedWrite_AndRetriedCreatesReturnTheSavedRecord()
    {
        var rounds = Setting("KEFU_KILL_ROUNDS", 1);
        var seconds = Setting("KEFU_KILL_SECONDS", 20);
        var writes = Setting("KEFU_KILL_WRITES", 40);
        var clients = Setting("KEFU_KILL_CLIENTS", 8);
        var database = "kefu_kill_" + Guid.NewGuid().ToString("N")[..12];
        var connection = new NpgsqlConnectionStringBuilder(KefuApp.PostgresBase()) { Database = database }.ConnectionString;
        var files = Path.Combine(Path.GetTempPath(), database + "-files");
        var app = new AppProcess(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Kefu"] = connection,
            ["KEFU_ADMIN_USER"] = "admin",
            ["KEFU_ADMIN_PASSWORD"] = AdminPassword,
            ["Kefu__DemoData"] = "false",
            ["Kefu__LoginAttemptsPerMinute"] = "10000",
            ["Files__Root"] = files,
            ["Logging__LogLevel__Default"] = "Warning",
        });
        var passed = false;
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await app.StartAsync(TimeSpan.FromSeconds(60));
            var (token, unit) = await SetUpAsync(app);
            output.WriteLine($"first start and set-up: {clock.Elapsed.TotalSeconds:0.0} s");
            var random = new Random(19_11);
            for (var round = 1; round <= rounds; round++)
            {
                var before = creates.Count;
                using (var stop = new CancellationTokenSource())
                {
                    var load = Enumerable.Range(0, clients).Select(c => ClientAsync(app.BaseAddress, token, unit, c + (100 * round), stop.Token)).ToList();
                    await UntilAcknowledgedAsync(writes / 2 + random.Next(writes), TimeSpan.FromSeconds(seconds));
                    await stop.CancelAsync(); // no new requests: the kill meets those in flight
                    app.Kill();
                    await Task.WhenAll(load);
                }

                var killed = clock.Elapsed;
                await app.StartAsync(TimeSpan.FromSeconds(60));
                var restarted = clock.Elapsed;
                await RetryCreatesAsync(app.BaseAddress, token, creates.Where(c => c.Round == 0).ToList(), round, clients);
                output.WriteLine($"round {round}: {creates.Count - before} creates sent, SIGKILL at {killed.TotalSeconds:0.0} s, "
                    + $"started again in {(restarted - killed).TotalSeconds:0.0} s, creates retried by {clock.Elapsed.TotalSeconds:0.0} s");
            }

            using (var stop = new CancellationTokenSource())
            {
                var load = Enumerable.Range(0, clients).Select(c => ClientAsync(app.BaseAddress, token, unit, c + 10_000, stop.Token)).ToList();
                await UntilAcknowledgedAsync(writes / 4, TimeSpan.FromSeconds(seconds / 2));
                await stop.CancelAsync();
                await Task.WhenAll(load);
            }

            app.Kill();
            var report = await VerifyAsync(connection);
            output.WriteLine(report.Summary);
            Assert.True(unexpected.IsEmpty, "Unexpected answers under load:\n" + string.Join("\n", unexpected.Take(20)));
            Assert.True(report.Problems.Count == 0, report.Summary + "\n" + string.Join("\n", report.Problems.Take(40)));
            Assert.True(report.AcknowledgedCreates >= 10 && report.AcknowledgedEdits >= 5 && report.StoredRequests > 0, "The load hardly ran: " + report.Summary);
            passed = true;
        }
        finally
        {
            if (!passed)
            {
                output.WriteLine("App output (last lines):\n" + app.Output);
            }

            await app.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await using (var conn = new NpgsqlConnection(KefuApp.PostgresBase()))
            {
                await conn.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", conn);
                await drop.ExecuteNonQueryAsync();
            }

            if (Directory.Exists(files))
            {
                Directory.Delete(files, recursive: true);
            }
        }
    }

    /// <summary>Lets the load run until this many more writes were acknowledged (the kill then meets a warm app), or at most <paramref name="limit"/>.</summary>
    private async Task UntilAcknowledgedAsync(int more, TimeSpan limit)
    {
        var target = Volatile.Read(ref acknowledged) + more;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref acknowledged) < target && waited.Elapsed < limit)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>A responsibility centre and an assistant of it, created by the administrator; the assistant's bearer token.</summary>
    private static async Task<(string Token, Guid Unit)> SetUpAsync(AppProcess app)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, "admin", AdminPassword));
        var units = (await http.GetFromJsonAsync<JsonArray>("/api/v1/org-units"))!;
        var company = Guid.Parse(units.Single(u => u!["kind"]!.GetValue<string>() == "company")!["id"]!.GetValue<string>());
        var region = await TestOrg.UnitAsync(http, "KR", "压测大区", "region", company);
        var centre = await TestOrg.UnitAsync(http, "KRC", "压测责任中心", "responsibility-centre", region);
        await TestOrg.UserAsync(http, "load.assistant", ["assistant"], centre);
        http.DefaultRequestHeaders.Authorization = null;
        return (await TokenAsync(http, "load.assistant", KefuApp.UserPassword), centre);
    }

    private static async Task<string> TokenAsync(HttpClient http, string userName, string password)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName, password, name = "kill-under-load" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    private static HttpClient Client(Uri baseAddress, string token)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private async Task ClientAsync(Uri baseAddress, string token, Guid unit, int client, CancellationToken stop)
    {
        using var http = Client(baseAddress, token);
        var random = new Random(client);
        while (!stop.IsCancellationRequested)
        {
            var roll = random.Next(100);
            if (roll < 25 || customers.Count < 4)
            {
                await CreateCustomerAsync(http, unit, client);
            }
            else if (roll < 45)
            {
                await CreateRequestAsync(http, Pick(customers, random), client);
            }
            else if (roll < 75)
            {
                await EditAsync(http, Pick(customers, random), random);
            }
            else if (!requests.IsEmpty)
            {
                await EditAsync(http, Pick(requests, random), random);
            }
        }
    }

    /// <summary>Half the picks go to the first few records, so clients edit the same versions and some must get 409.</summary>
    private static Entity Pick(ConcurrentDictionary<string, Entity> pool, Random random)
    {
        var all = pool.Values.OrderBy(e => e.Sequence).ToList();
        return random.Next(2) == 0 ? all[random.Next(Math.Min(4, all.Count))] : all[random.Next(all.Count)];
    }

    private async Task CreateCustomerAsync(HttpClient http, Guid unit, int client)
    {
        var n = Interlocked.Increment(ref sequence);
        var body = JsonSerializer.SerializeToNode(CustomerBodies.New(unit, $"{Marker}c{client}-{n}", "136" + n.ToString("D8", CultureInfo.InvariantCulture)))!.AsObject();
        var create = new Create("customer", "/api/v1/customers", Guid.NewGuid().ToString(), body.ToJsonString(), body["name"]!.GetValue<string>(), body["contacts"]![0]!["phone"]!.GetValue<string>());
        creates.Add(create);
        var (status, json) = await SendAsync(http, HttpMethod.Post, create.Url, create.Body, create.Key);
        if (status == 201)
        {
            create.Acknowledge(json!);
            Interlocked.Increment(ref acknowledged);
            customers[create.Id!] = new Entity("customer", create.Id!, create.Number!, body, json!["version"]!.GetValue<int>(), n, create.Marker);
        }
        else
        {
            Unexpected(status, create.Url, json);
        }
    }

    private async Task CreateRequestAsync(HttpClient http, Entity customer, int client)
    {
        var n = Interlocked.Increment(ref sequence);
        var body = new JsonObject
        {
            ["type"] = "REP", ["channel"] = "phone", ["shortText"] = $"{Marker}r{client}-{n}", ["customerId"] = customer.Id, ["urgency"] = "normal",
        };
        var create = new Create("request", "/api/v1/service-requests", Guid.NewGuid().ToString(), body.ToJsonString(), body["shortText"]!.GetValue<string>(), null);
        creates.Add(create);
        var (status, json) = await SendAsync(http, HttpMethod.Post, create.Url, create.Body, create.Key);
        if (status == 201)
        {
            create.Acknowledge(json!);
            Interlocked.Increment(ref acknowledged);
            requests[create.Number!] = new Entity("request", create.Id!, create.Number!, body, json!["version"]!.GetValue<int>(), n, create.Marker);
        }
        else
        {
            Unexpected(status, create.Url, json);
        }
    }

    /// <summary>Replaces the name (the short text and urgency) with the version last read; 409 refreshes the version.</summary>
    private async Task EditAsync(HttpClient http, Entity entity, Random random)
    {
        var (version, _) = entity.Current;
        var content = $"{entity.Marker} e{Interlocked.Increment(ref sequence)}";
        var input = entity.CreateBody.DeepClone().AsObject();
        string url, field;
        if (entity.Kind == "customer")
        {
            (url, field) = ($"/api/v1/customers/{entity.Id}", "name");
        }
        else
        {
            (url, field) = ($"/api/v1/service-requests/{entity.Number}", "shortText");
            input["urgency"] = random.Next(2) == 0 ? "high" : "normal";
        }

        input[field] = content;
        var body = new JsonObject { ["version"] = version, [entity.Kind == "customer" ? "customer" : "request"] = input }.ToJsonString();
        var edit = new Edit(entity, version, content);
        edits.Add(edit);
        var (status, json) = await SendAsync(http, HttpMethod.Put, url, body, null);
        switch (status)
        {
            case 200:
                edit.Acknowledge(json!["version"]!.GetValue<int>());
                Interlocked.Increment(ref acknowledged);
                entity.Saw(edit.NewVersion!.Value, content);
                break;
            case 409:
                Interlocked.Increment(ref conflicts);
                edit.Refuse();
                var (fresh, read) = await SendAsync(http, HttpMethod.Get, url, null, null);
                if (fresh == 200)
                {
                    entity.Saw(read!["version"]!.GetValue<int>(), read[field]!.GetValue<string>());
                }

                break;
            default:
                Unexpected(status, url, json);
                break;
        }
    }

    private void Unexpected(int? status, string url, JsonObject? json)
    {
        if (status is not null)
        {
            unexpected.Add($"{status} from {url}: {json?.ToJsonString()}");
        }
    }

    /// <summary>The body is sent as exact bytes (a retry must match the key's hash). Null status: no answer (the app died).</summary>
    private static async Task<(int? Status, JsonObject? Json)> SendAsync(HttpClient http, HttpMethod method, string url, string? body, string? key)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        try
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : null);
        }
        catch (HttpRequestException)
        {
            return (null, null);
        }
        catch (TaskCanceledException)
        {
            return (null, null);
        }
    }

    /// <summary>Every create of the round, acknowledged or not, sent again with its key and body after the restart.</summary>
    private async Task RetryCreatesAsync(Uri baseAddress, string token, List<Create> sent, int round, int clients)
    {
        using var http = Client(baseAddress, token);
        await Parallel.ForEachAsync(sent, new ParallelOptions { MaxDegreeOfParallelism = clients }, async (create, _) =>
        {
            create.Round = round;
            var (status, json) = await SendAsync(http, HttpMethod.Post, create.Url, create.Body, create.Key);
            create.Retried(status, json);
            if (status == 201 && !create.WasAcknowledged)
            {
                var entity = new Entity(create.Kind, json!["id"]!.GetValue<string>(), json["number"]!.GetValue<string>(),
                    JsonNode.Parse(create.Body)!.AsObject(), json["version"]!.GetValue<int>(), int.MaxValue, create.Marker);
                (create.Kind == "customer" ? customers : requests)[create.Kind == "customer" ? entity.Id : entity.Number] = entity;
            }
        });
    }

    private async Task<Report> VerifyAsync(string connection)
    {
        var options = new DbContextOptionsBuilder<KefuDb>();
        KefuDbRegistration.Configure(options, new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connection });
        await using var db = new KefuDb(options.Options);
        var storedCustomers = await db.Customers.AsNoTracking().Include(c => c.Contacts).Include(c => c.Addresses)
            .Where(c => c.Name.StartsWith(Marker)).ToListAsync();
        var storedRequests = await db.ServiceRequests.AsNoTracking().Include(r => r.StatusChanges)
            .Where(r => r.ShortText.StartsWith(Marker)).ToListAsync();
        var clocks = await db.Set<SlaClock>().AsNoTracking().GroupBy(c => c.RequestId).Select(g => g.Key).ToListAsync();
        var audit = (await db.AuditEntries.AsNoTracking().Where(a => a.Action != AuditAction.Delete).Select(a => new { a.EntityKey, a.Action, a.After }).ToListAsync())
            .ToLookup(a => a.EntityKey.ToUpperInvariant());
        var report = new Report();
        var customerById = storedCustomers.ToDictionary(c => c.Id.ToString());
        var requestById = storedRequests.ToDictionary(r => r.Id.ToString());
        var withClocks = clocks.Select(c => c.ToString()).ToHashSet(StringComparer.Ordinal);

        // Half-written aggregates, among everything stored (acknowledged or not).
        foreach (var c in storedCustomers.Where(c => c.Contacts.Count != 1 || c.Addresses.Count != 1))
        {
            report.Corrupted($"customer {c.Number} has {c.Contacts.Count} contacts and {c.Addresses.Count} addresses (sent: 1 and 1)");
        }

        foreach (var r in storedRequests.Where(r => r.StatusChanges.Count == 0))
        {
            report.Corrupted($"request {r.Number} has no status history");
        }

        foreach (var r in storedRequests.Where(r => r.SlaLevelCode is not null && !withClocks.Contains(r.Id.ToString())))
        {
            report.Corrupted($"request {r.Number} has SLA level {r.SlaLevelCode} but no SLA clock");
        }


        // Creates: acknowledged ones are stored with their content; every retry answered the saved record (or created it once).
        foreach (var create in creates)
        {
            // What the create acknowledged and an edit cannot change: the number, and the customer's contact.
            string? stored = null;
            if (create.Id is not null && create.Kind == "customer" && customerById.TryGetValue(create.Id, out var customer))
            {
                stored = $"{customer.Number} {(customer.Contacts.Count > 0 ? customer.Contacts[0].Phone : null)}";
            }
            else if (create.Id is not null && create.Kind == "request" && requestById.TryGetValue(create.Id, out var request))
            {
                stored = $"{request.Number} ";
            }

            if (create.WasAcknowledged)
            {
                report.AcknowledgedCreates++;
                if (stored != $"{create.Number} {create.Phone}")
                {
                    report.Lost($"acknowledged {create.Kind} {create.Number} {create.Phone} ({create.Marker}): stored '{stored}'");
                    continue;
                }

                if (!audit[create.Id!.ToUpperInvariant()].Any(a => a.Action == AuditAction.Insert))
                {
                    report.Unaudited($"acknowledged {create.Kind} {create.Number} has no insert audit row");
                }
            }

            if (create.Round > 0 && create.RetryProblem is { } problem)
            {
                report.Lost($"{create.Kind} {create.Marker} retried with its key after the restart: {problem}");
            }

            bool Same(string text) => text == create.Marker || text.StartsWith(create.Marker + " e", StringComparison.Ordinal);
            var copies = create.Kind == "customer"
                ? storedCustomers.Count(x => Same(x.Name) || x.Contacts.Any(k => k.Phone == create.Phone))
                : storedRequests.Count(x => Same(x.ShortText));
            if (copies > 1)
            {
                report.Corrupted($"{create.Kind} {create.Marker} is stored {copies} times (one create, one key)");
            }

            if (create.Round > 0 && stored is null)
            {
                report.Lost($"{create.Kind} {create.Marker} is not stored after its retry answered {create.Number}");
            }
        }

        // Edits: per record, no two acknowledged edits made the same version; the stored content is the last acknowledged
        // one, or a later edit whose answer was lost in the kill; every acknowledged edit has its audit row.
        foreach (var group in edits.GroupBy(e => e.Entity))
        {
            var entity = group.Key;
            var acknowledged = group.Where(e => e.NewVersion is not null).ToList();
            report.AcknowledgedEdits += acknowledged.Count;
            foreach (var twin in acknowledged.GroupBy(e => e.NewVersion).Where(g => g.Count() > 1))
            {
                report.LostUpdate($"{entity.Kind} {entity.Number}: {twin.Count()} acknowledged edits made version {twin.Key}");
            }

            var (version, content) = entity.Kind == "customer"
                ? customerById.TryGetValue(entity.Id, out var c) ? (c.Version, c.Name) : (-1, "")
                : requestById.TryGetValue(entity.Id, out var r) ? (r.Version, r.ShortText) : (-1, "");
            if (acknowledged.Count > 0)
            {
                var last = acknowledged.MaxBy(e => e.NewVersion)!;
                var unknown = group.Where(e => e.Unanswered).Select(e => e.Content).ToHashSet(StringComparer.Ordinal);
                if (version < last.NewVersion)
                {
                    report.Lost($"{entity.Kind} {entity.Number}: stored version {version} is older than the acknowledged {last.NewVersion}");
                }
                else if (version == last.NewVersion ? content != last.Content : !unknown.Contains(content))
                {
                    report.Lost($"{entity.Kind} {entity.Number}: stored '{content}' (v{version}), acknowledged '{last.Content}' (v{last.NewVersion})");
                }
            }

            var rows = audit[entity.Id.ToUpperInvariant()].Where(a => a.Action == AuditAction.Update).Select(a => a.After ?? "").ToList();
            foreach (var edit in acknowledged.Where(e => !rows.Any(a => a.Contains(e.Content, StringComparison.Ordinal))))
            {
                report.Unaudited($"{entity.Kind} {entity.Number}: acknowledged edit to '{edit.Content}' has no audit row");
            }
        }

        report.Unanswered = creates.Count(c => c.Unanswered) + edits.Count(e => e.Unanswered);
        report.Conflicts = conflicts;
        report.StoredCustomers = storedCustomers.Count;
        report.StoredRequests = storedRequests.Count;
        report.RequestsWithLevel = storedRequests.Count(r => r.SlaLevelCode is not null);
        return report;
    }

    private sealed class Create(string kind, string url, string key, string body, string marker, string? phone)
    {
        public string Kind { get; } = kind;

        public string Url { get; } = url;

        public string Key { get; } = key;

        public string Body { get; } = body;

        /// <summary>The unique name or short text the create sent.</summary>
        public string Marker { get; } = marker;

        public string? Phone { get; } = phone;

        public bool WasAcknowledged { get; private set; }

        public bool Unanswered => !WasAcknowledged;

        public string? Id { get; private set; }

        public string? Number { get; private set; }

        /// <summary>0 until retried after the restart that followed it.</summary>
        public int Round { get; set; }

        public string? RetryProblem { get; private set; }

        public void Acknowledge(JsonObject json)
        {
            WasAcknowledged = true;
            Id = json["id"]!.GetValue<string>();
            Number = json["number"]!.GetValue<string>();
        }

        public void Retried(int? status, JsonObject? json)
        {
            if (status != 201 || json is null)
            {
                RetryProblem = $"answered {status?.ToString(CultureInfo.InvariantCulture) ?? "nothing"} {json?.ToJsonString()}";
                return;
            }

            var (id, number) = (json["id"]!.GetValue<string>(), json["number"]!.GetValue<string>());
            if (WasAcknowledged && (id != Id || number != Number))
            {
                RetryProblem = $"answered {number} ({id}), acknowledged before the kill as {Number} ({Id})";
                return;
            }

            (Id, Number) = (id, number);
        }
    }

    private sealed class Entity(string kind, string id, string number, JsonObject createBody, int version, int sequence, string marker)
    {
        private readonly Lock gate = new();
        private (int Version, string Content) current = (version, marker);

        public string Kind { get; } = kind;

        public string Id { get; } = id;

        public string Number { get; } = number;

        public JsonObject CreateBody { get; } = createBody;

        public int Sequence { get; } = sequence;

        public string Marker { get; } = marker;

        public (int Version, string Content) Current
        {
            get
            {
                lock (gate)
                {
                    return current;
                }
            }
        }

        public void Saw(int version, string content)
        {
            lock (gate)
            {
                if (version > current.Version)
                {
                    current = (version, content);
                }
            }
        }
    }

    private sealed class Edit(Entity entity, int baseVersion, string content)
    {
        public Entity Entity { get; } = entity;

        public int BaseVersion { get; } = baseVersion;

        public string Content { get; } = content;

        public int? NewVersion { get; private set; }

        public bool Unanswered { get; private set; } = true;

        public void Acknowledge(int version) => (NewVersion, Unanswered) = (version, false);

        public void Refuse() => Unanswered = false;
    }

    private sealed class Report
    {
        public List<string> Problems { get; } = [];

        public int AcknowledgedCreates { get; set; }

        public int AcknowledgedEdits { get; set; }

        public int Acknowledged => AcknowledgedCreates + AcknowledgedEdits;

        public int LostCount { get; private set; }

        public int CorruptedCount { get; private set; }

        public int LostUpdates { get; private set; }

        public int UnauditedCount { get; private set; }

        public int Unanswered { get; set; }

        public int Conflicts { get; set; }

        public int StoredCustomers { get; set; }

        public int StoredRequests { get; set; }

        public int RequestsWithLevel { get; set; }

        public string Summary =>
            $"kill under load: {Acknowledged} acknowledged writes ({AcknowledgedCreates} creates, {AcknowledgedEdits} edits), {Unanswered} unanswered at the kill, "
            + $"{Conflicts} × 409; lost {LostCount}, corrupted {CorruptedCount}, lost updates {LostUpdates}, without audit {UnauditedCount}; "
            + $"stored {StoredCustomers} customers, {StoredRequests} requests ({RequestsWithLevel} with an SLA level)";

        public void Lost(string problem) => Add(problem, () => LostCount++);

        public void Corrupted(string problem) => Add(problem, () => CorruptedCount++);

        public void LostUpdate(string problem) => Add(problem, () => LostUpdates++);

        public void Unaudited(string problem) => Add(problem, () => UnauditedCount++);

        private void Add(string problem, Action count)
        {
            count();
            Problems.Add(problem);
        }
    }
}
