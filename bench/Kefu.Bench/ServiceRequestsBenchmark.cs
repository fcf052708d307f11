using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kefu.Bench;

/// <summary>
/// The service-request benchmark (issue 12 pt 7): the app (<c>Kefu.Web.dll</c>, Production, Kestrel on 127.0.0.1) is started as a
/// separate process on a PostgreSQL database filled with <c>--requests</c> requests (<see cref="DemoData.AddRequestsAsync"/>), and
/// driven through its HTTP API with a bearer token of the demo assistant: creates and user-status transitions at 1 and 8 concurrent
/// clients, each next to a baseline measured in the same run (the same rows written by one plain Npgsql transaction per request, at
/// the same concurrency), with committed transactions and fetched rows per operation (<c>pg_stat_database</c> deltas) and the app's
/// CPU per operation (<c>/proc/&lt;pid&gt;/stat</c>); then p50/p95 of the three list queries and the app's peak RSS. With
/// <c>--sync-off</c> the write phases at 8 clients are repeated with <c>synchronous_commit=off</c> (set with ALTER SYSTEM, reset after).
/// </summary>
internal sealed class ServiceRequestsBenchmark(string connection, string appDll, int requests, int customers, int writes, int listReps, bool syncOff) : IDisposable
{
    private const string Type = "REP";
    private const string Initial = "XJ";
    private const string Next = "YPG";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly List<string> rows = [];
    private Process? app;
    private HttpClient? http;
    private Guid[] shCustomers = [];
    private Guid workCentre;
    private Template? create;
    private Template? transition;
    private long baselineNumber;
    private (double Commits, double Fetched) idlePerSecond;

    private sealed record Template(Guid RequestId, long AuditFrom, long AuditTo);

    private sealed record Measured(int Count, double Seconds, double CommitsPer, double FetchedPer, double CpuMsPer, double P50, double P95)
    {
        public double PerSecond => Count / Seconds;
    }

    public async Task RunAsync()
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connection };
        await using var services = BuildServices(options);
        var token = await PrepareAsync(services);
        await using var control = new NpgsqlConnection(connection);
        await control.OpenAsync();
        Console.WriteLine($"server: {await ScalarAsync(control, "SELECT version()")}");
        Console.WriteLine($"fsync={await ScalarAsync(control, "SHOW fsync")} synchronous_commit={await ScalarAsync(control, "SHOW synchronous_commit")} full_page_writes={await ScalarAsync(control, "SHOW full_page_writes")}");
        Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
        var port = FreePort();
        StartApp(port);
        http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromMinutes(2),
        };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        try
        {
            await WaitForAppAsync();
            await WarmUpAsync(control);
            foreach (var clients in new[] { 1, 8 })
            {
                await WritesAsync(control, clients, "");
            }

            if (syncOff)
            {
                await ExecAsync(control, "ALTER SYSTEM SET synchronous_commit = off");
                await ExecAsync(control, "SELECT pg_reload_conf()");
                await Task.Delay(500);
                Console.WriteLine($"synchronous_commit={await ScalarAsync(control, "SHOW synchronous_commit")}");
                try
                {
                    await WritesAsync(control, 8, ", synchronous_commit=off");
                }
                finally
                {
                    await ExecAsync(control, "ALTER SYSTEM RESET synchronous_commit");
                    await ExecAsync(control, "SELECT pg_reload_conf()");
                }
            }

            await ListsAsync(control);
            var status = await File.ReadAllLinesAsync($"/proc/{app!.Id}/status");
            var hwm = status.First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            var rss = status.First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            rows.Add($"| app peak RSS (VmHWM) | {Kb(hwm)} MB | now {Kb(rss)} MB | | | | | |");
        }
        finally
        {
            StopApp();
        }

        Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine();
        Console.WriteLine("| measurement | per s (or ms) | × baseline | commits/op | fetched rows/op | app CPU ms/op | p50 ms | p95 ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        rows.ForEach(Console.WriteLine);
    }

    public void Dispose()
    {
        app?.Dispose();
        http?.Dispose();
    }

    private static string Kb(string line) =>
        (long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).ToString(CultureInfo.InvariantCulture);

    private static ServiceProvider BuildServices(DatabaseOptions options)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ICallerAccessor>(new FixedCallerAccessor(Caller.System with { UserName = "bench" }));
        services.AddKefuCore(options);
        services.AddIdentityCore<User>().AddRoles<Role>().AddEntityFrameworkStores<KefuDb>();
        return services.BuildServiceProvider();
    }

    /// <summary>Migrates, adds the demo organisation, customers and requests up to the asked numbers, and issues the assistant's token.</summary>
    private async Task<string> PrepareAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var boot = sp.GetRequiredService<Bootstrapper>();
        await boot.MigrateAsync();
        await boot.EnsureAdministratorAsync(null, null);
        var demo = sp.GetRequiredService<DemoData>();
        var db = sp.GetRequiredService<KefuDb>();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await demo.EnsureOrganisationAsync(Bootstrapper.GeneratePassword());
            var missing = customers - await db.Customers.CountAsync();
            if (missing > 0)
            {
                var watch = Stopwatch.StartNew();
                await demo.AddCustomersAsync(missing);
                Console.WriteLine($"customers: added {missing:N0} in {watch.Elapsed.TotalSeconds:F1} s");
            }

            await tx.CommitAsync();
        }

        var more = requests - await db.ServiceRequests.CountAsync();
        if (more > 0)
        {
            var watch = Stopwatch.StartNew();
            await demo.AddRequestsAsync(more, new Progress<int>(done => Console.Write($"\rrequests: {done:N0} / {more:N0}")));
            Console.WriteLine($"\rrequests: added {more:N0} in {watch.Elapsed.TotalSeconds:F1} s ({more / watch.Elapsed.TotalSeconds:N0}/s)");
            watch.Restart();
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
            Console.WriteLine($"VACUUM ANALYZE: {watch.Elapsed.TotalSeconds:F1} s");
        }

        Console.WriteLine($"database: {await db.ServiceRequests.CountAsync():N0} requests, {await db.Customers.CountAsync():N0} customers");
        var sh = await db.OrgUnits.Where(u => u.Code == "SH").Select(u => u.Id).SingleAsync();
        workCentre = await db.OrgUnits.Where(u => u.Code == "SH-REP").Select(u => u.Id).SingleAsync();
        shCustomers = (await db.Customers.Where(c => c.OrgUnitId == sh).Select(c => c.Id).Take(20_000).ToListAsync()).ToArray();
        var assistant = await db.Users.Where(u => u.UserName == "assistant").Select(u => u.Id).SingleAsync();
        var (token, plain) = ApiToken.Issue(assistant, "bench", TimeProvider.System.GetUtcNow().UtcDateTime, TimeSpan.FromDays(1));
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO number_ranges (\"Code\", \"Prefix\", \"Width\", \"Next\") VALUES ('bench:baseline', 'BASE', 12, 1) ON CONFLICT DO NOTHING");
        return plain;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void StartApp(int port)
    {
        var info = new ProcessStartInfo("dotnet", [Path.GetFullPath(appDll)])
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(appDll))!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Database__Provider"] = "PostgreSql";
        info.Environment["ConnectionStrings__Kefu"] = connection;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        app = Process.Start(info) ?? throw new InvalidOperationException("The app did not start.");
        app.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) { Console.WriteLine("[app] " + line); } };
        app.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) { Console.WriteLine("[app!] " + line); } };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        Console.WriteLine($"app: pid {app.Id}, http://127.0.0.1:{port}, Production");
    }

    private void StopApp()
    {
        if (app is { HasExited: false })
        {
            app.Kill();
            app.WaitForExit(10_000);
        }

        app?.Dispose();
        http?.Dispose();
    }

    private async Task WaitForAppAsync()
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (app!.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {app.ExitCode}.");
            }

            try
            {
                if ((await http!.GetAsync("/health")).IsSuccessStatusCode)
                {
                    Console.WriteLine($"app ready after {watch.Elapsed.TotalSeconds:F1} s");
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The app did not answer /health.");
    }

    /// <summary>JIT and pools warm; one create and one transition alone, whose rows (and audit rows) are the baselines' templates.</summary>
    private async Task WarmUpAsync(NpgsqlConnection control)
    {
        var numbers = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            numbers.Add(await CreateAsync(i));
        }

        foreach (var number in numbers.Take(99))
        {
            await TransitionAsync(number);
        }

        for (var i = 0; i < 20; i++)
        {
            await ListOnceAsync(ListUrl(null, null, null));
        }

        await Task.Delay(1000);
        var before = await MaxAuditAsync(control);
        var one = await CreateAsync(1000);
        create = new Template(await RequestIdAsync(control, one), before, await MaxAuditAsync(control));
        before = await MaxAuditAsync(control);
        await TransitionAsync(one);
        transition = new Template(create.RequestId, before, await MaxAuditAsync(control));
        // Background work (the scheduler's polling, autovacuum) commits too: measured idle here, subtracted from every phase.
        var (c0, f0, t0) = await StatsAsync(control);
        var (c1, f1, t1) = await StatsAsync(control);
        idlePerSecond = ((c1 - c0) / (t1 - t0), (f1 - f0) / (t1 - t0));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"idle: {idlePerSecond.Commits:F2} commits/s, {idlePerSecond.Fetched:F1} fetched rows/s (subtracted)"));
        Console.WriteLine($"one create wrote {create.AuditTo - create.AuditFrom} audit rows, one transition {transition.AuditTo - transition.AuditFrom}");
    }

    private static async Task<long> MaxAuditAsync(NpgsqlConnection c) => Convert.ToInt64(await ScalarAsync(c, "SELECT coalesce(max(\"Id\"), 0) FROM audit_entries"), CultureInfo.InvariantCulture);

    private static async Task<Guid> RequestIdAsync(NpgsqlConnection c, string number)
    {
        await using var cmd = new NpgsqlCommand("SELECT \"Id\" FROM service_requests WHERE \"Number\" = $1", c) { Parameters = { new() { Value = number } } };
        return (Guid)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<string> CreateAsync(int i)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/service-requests/")
        {
            Content = JsonContent.Create(new
            {
                type = Type,
                channel = "phone",
                urgency = "normal",
                shortText = "压测：水槽下柜漏水",
                longText = "客户来电：水槽下柜漏水。已记录联系方式，约定回访。",
                customerId = shCustomers[(i * 7919) % shCustomers.Length],
                workCentreId = workCentre,
            }),
        };
        message.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await http!.SendAsync(message);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"create: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("number").GetString()!;
    }

    private async Task TransitionAsync(string number)
    {
        using var response = await http!.PostAsJsonAsync($"/api/v1/service-requests/{number}/transitions", new { to = Next, comment = "已派工 / Assigned" }, Json);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"transition {number}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Creates, the create baseline, transitions of the created requests, the transition baseline, at one concurrency.</summary>
    private async Task WritesAsync(NpgsqlConnection control, int clients, string note)
    {
        var created = new System.Collections.Concurrent.ConcurrentBag<string>();
        var c = await MeasureAsync(control, clients, writes, i => CreateAsync(i).ContinueWith(t => created.Add(t.Result), TaskScheduler.Default), app: true);
        var baseIds = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        var cb = await MeasureAsync(control, clients, writes, async _ => baseIds.Add(await BaselineCreateAsync()), app: false);
        var queue = new System.Collections.Concurrent.ConcurrentQueue<string>(created);
        var t = await MeasureAsync(control, clients, writes, _ => queue.TryDequeue(out var n) ? TransitionAsync(n) : Task.CompletedTask, app: true);
        var baseQueue = new System.Collections.Concurrent.ConcurrentQueue<Guid>(baseIds);
        var tb = await MeasureAsync(control, clients, writes, _ => baseQueue.TryDequeue(out var id) ? BaselineTransitionAsync(id) : Task.CompletedTask, app: false);
        Row($"create, {clients} client(s){note}", c, cb);
        Row($"baseline create (one Npgsql transaction), {clients} client(s){note}", cb, cb);
        Row($"transition {Initial}→{Next}, {clients} client(s){note}", t, tb);
        Row($"baseline transition, {clients} client(s){note}", tb, tb);
    }

    private void Row(string name, Measured m, Measured baseline) => rows.Add(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {m.PerSecond:F1}/s | {m.PerSecond / baseline.PerSecond:F2} | {m.CommitsPer:F2} | {m.FetchedPer:F1} | {(double.IsNaN(m.CpuMsPer) ? "–" : m.CpuMsPer.ToString("F2", CultureInfo.InvariantCulture))} | {m.P50:F2} | {m.P95:F2} |"));

    /// <summary>Runs <paramref name="count"/> operations over <paramref name="clients"/> concurrent loops; database and app deltas per operation.</summary>
    private async Task<Measured> MeasureAsync(NpgsqlConnection control, int clients, int count, Func<int, Task> operation, bool app)
    {
        var (commits0, fetched0, at0) = await StatsAsync(control);
        var cpu0 = app ? AppCpuMs() : double.NaN;
        var next = -1;
        var latencies = new double[count];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var start = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        })));
        var seconds = watch.Elapsed.TotalSeconds;
        var cpu = app ? AppCpuMs() - cpu0 : double.NaN;
        var (commits1, fetched1, at1) = await StatsAsync(control);
        var idle = at1 - at0;
        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(app ? "app" : "baseline")} x{clients}: {count / seconds:F1}/s, load {File.ReadAllText("/proc/loadavg").Trim()}"));
        return new Measured(
            count, seconds, (commits1 - commits0 - (idlePerSecond.Commits * idle)) / count, (fetched1 - fetched0 - (idlePerSecond.Fetched * idle)) / count, cpu / count,
            latencies[count / 2], latencies[(int)(count * 0.95)]);
    }

    /// <summary>pg_stat_database after every backend flushed its counters (idle backends flush within 10 s in PostgreSQL 15); minus this read.</summary>
    private static async Task<(long Commits, long Fetched, double At)> StatsAsync(NpgsqlConnection c)
    {
        await Task.Delay(TimeSpan.FromSeconds(11));
        await ExecAsync(c, "SELECT pg_stat_clear_snapshot()");
        await using var cmd = new NpgsqlCommand("SELECT xact_commit, tup_fetched FROM pg_stat_database WHERE datname = current_database()", c);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);
    }

    private double AppCpuMs()
    {
        var stat = File.ReadAllText($"/proc/{app!.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name; in clock ticks of 10 ms.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    /// <summary>The rows one create wrote (request, timeline, long text, clocks, audit rows, idempotency key, number), copied in one transaction.</summary>
    private async Task<Guid> BaselineCreateAsync()
    {
        var id = Guid.CreateVersion7();
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        var batch = new NpgsqlBatch(c, tx);
        var t = create!.RequestId;
        batch.BatchCommands.Add(new("UPDATE number_ranges SET \"Next\" = \"Next\" + 1 WHERE \"Code\" = 'bench:baseline' RETURNING \"Next\""));
        batch.BatchCommands.Add(Command(
            $"INSERT INTO service_requests ({await ColumnsAsync(c, "service_requests")}) SELECT {Replace(await ColumnsAsync(c, "service_requests"), ("\"Id\"", "$1"), ("\"Number\"", "$2"))} FROM service_requests WHERE \"Id\" = $3",
            id, "BASE" + Interlocked.Increment(ref baselineNumber).ToString("D12", CultureInfo.InvariantCulture), t));
        foreach (var child in new[] { "service_request_status_changes", "service_request_log", "sla_clocks" })
        {
            var cols = await ColumnsAsync(c, child);
            batch.BatchCommands.Add(Command(
                $"INSERT INTO {child} ({cols}) SELECT {Replace(cols, ("\"Id\"", "gen_random_uuid()"), ("\"RequestId\"", "$1"))} FROM {child} WHERE \"RequestId\" = $2", id, t));
        }

        var audit = (await ColumnsAsync(c, "audit_entries")).Replace("\"Id\", ", "", StringComparison.Ordinal);
        batch.BatchCommands.Add(Command(
            $"INSERT INTO audit_entries ({audit}) SELECT {Replace(audit, ("\"EntityKey\"", "$1::text"))} FROM audit_entries WHERE \"Id\" > $2 AND \"Id\" <= $3",
            id.ToString(), create.AuditFrom, create.AuditTo));
        var idem = await ColumnsAsync(c, "idempotency_records");
        batch.BatchCommands.Add(Command(
            $"INSERT INTO idempotency_records ({idem}) SELECT {Replace(idem, ("\"Key\"", "$1"))} FROM idempotency_records ORDER BY \"CreatedAt\" DESC LIMIT 1",
            Guid.NewGuid().ToString("N")));
        await batch.ExecuteNonQueryAsync();
        await tx.CommitAsync();
        return id;
    }

    /// <summary>The rows one transition wrote: the request row, a timeline step, the met first-response clock and the audit rows.</summary>
    private async Task BaselineTransitionAsync(Guid id)
    {
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        var batch = new NpgsqlBatch(c, tx);
        batch.BatchCommands.Add(Command(
            "UPDATE service_requests SET \"UserStatus\" = $2, \"SystemStatus\" = 'InProcess', \"UpdatedAt\" = now(), \"Version\" = \"Version\" + 1 WHERE \"Id\" = $1",
            id, Next));
        var cols = await ColumnsAsync(c, "service_request_status_changes");
        batch.BatchCommands.Add(Command(
            $"INSERT INTO service_request_status_changes ({cols}) SELECT {Replace(cols, ("\"Id\"", "gen_random_uuid()"), ("\"RequestId\"", "$1"))} FROM service_request_status_changes WHERE \"RequestId\" = $2 AND \"ToStatus\" = $3",
            id, transition!.RequestId, Next));
        batch.BatchCommands.Add(Command(
            "UPDATE sla_clocks SET \"MetAt\" = now(), \"State\" = 'Met' WHERE \"RequestId\" = $1 AND \"Kind\" = 'FirstResponse'", id));
        var audit = (await ColumnsAsync(c, "audit_entries")).Replace("\"Id\", ", "", StringComparison.Ordinal);
        batch.BatchCommands.Add(Command(
            $"INSERT INTO audit_entries ({audit}) SELECT {Replace(audit, ("\"EntityKey\"", "$1::text"))} FROM audit_entries WHERE \"Id\" > $2 AND \"Id\" <= $3",
            id.ToString(), transition.AuditFrom, transition.AuditTo));
        await batch.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> ColumnCache = new(StringComparer.Ordinal);

    private static async Task<string> ColumnsAsync(NpgsqlConnection c, string table)
    {
        if (ColumnCache.TryGetValue(table, out var known))
        {
            return known;
        }

        await using var cmd = new NpgsqlCommand(
            "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = $1 AND table_schema = 'public'", c)
        {
            Parameters = { new() { Value = table } },
        };
        return ColumnCache[table] = (string)(await cmd.ExecuteScalarAsync())!;
    }

    private static string Replace(string columns, params (string Column, string With)[] with) =>
        string.Join(", ", columns.Split(", ").Select(col => with.FirstOrDefault(w => w.Column == col).With ?? col));

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var v in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = v });
        }

        return command;
    }

    private string ListUrl(string? after, Guid? customer, string? userStatusAndDates) =>
        customer is Guid id
            ? $"/api/v1/service-requests/?customerId={id}&limit=50"
            : userStatusAndDates is not null
                ? $"/api/v1/service-requests/?{userStatusAndDates}&limit=50"
                : $"/api/v1/service-requests/?workCentreId={workCentre}&systemStatus=outstanding&systemStatus=in-process&systemStatus=postponed&sort=-created&limit=50"
                    + (after is null ? "" : "&after=" + after);

    private async Task<int> ListOnceAsync(string url)
    {
        using var response = await http!.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"list {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("items").GetArrayLength();
    }

    /// <summary>p50/p95 of the three common lists at one client, each <c>--list-reps</c> times after a warm-up.</summary>
    private async Task ListsAsync(NpgsqlConnection control)
    {
        // The deep page: a cursor after the middle row of the work centre's open requests, in the list's own order.
        await using var cmd = new NpgsqlCommand("""
            SELECT "GreenChannel", "CreatedAt", "Number", count(*) OVER () FROM service_requests
            WHERE "WorkCentreId" = $1 AND "SystemStatus" <> 'Completed'
            ORDER BY "GreenChannel" DESC, "CreatedAt" DESC, "Number" DESC
            OFFSET (SELECT count(*) / 2 FROM service_requests WHERE "WorkCentreId" = $1 AND "SystemStatus" <> 'Completed') LIMIT 1
            """, control) { Parameters = { new() { Value = workCentre } } };
        string? deep = null;
        var open = 0L;
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            if (await reader.ReadAsync())
            {
                var at = DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc);
                deep = KeysetCursor.Encode((reader.GetBoolean(0) ? "1" : "0") + at.ToString("O", CultureInfo.InvariantCulture), reader.GetString(2));
                open = reader.GetInt64(3) * 2;
            }
        }

        await using var busy = new NpgsqlCommand("""
            SELECT "CustomerId" FROM service_requests r JOIN customers c ON c."Id" = r."CustomerId" JOIN org_units u ON u."Id" = c."OrgUnitId"
            WHERE u."Code" = 'SH' GROUP BY "CustomerId" ORDER BY count(*) DESC LIMIT 1
            """, control);
        var customer = (Guid)(await busy.ExecuteScalarAsync())!;
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var dates = $"userStatus=YPG&userStatus=SMZ&userStatus=YQ&from={today.AddDays(-30):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        foreach (var (name, url) in new[]
        {
            ($"list: open requests of a work centre by date, first page (~{open:N0} open)", ListUrl(null, null, null)),
            ("list: same, keyset page after the middle row", ListUrl(deep, null, null)),
            ("list: one customer's requests", ListUrl(null, customer, null)),
            ("list: user status YPG/SMZ/YQ + last 30 days", ListUrl(null, null, dates)),
        })
        {
            var items = 0;
            for (var i = 0; i < 10; i++)
            {
                items = await ListOnceAsync(url);
            }

            var m = await MeasureAsync(control, 1, listReps, _ => ListOnceAsync(url), app: true);
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {name}: {items} rows | {m.PerSecond:F1}/s | | {m.CommitsPer:F2} | {m.FetchedPer:F1} | {m.CpuMsPer:F2} | {m.P50:F2} | {m.P95:F2} |"));
        }
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        return await cmd.ExecuteScalarAsync();
    }

    private static async Task ExecAsync(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }
}
