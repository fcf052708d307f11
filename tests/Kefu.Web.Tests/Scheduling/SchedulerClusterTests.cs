using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Kefu.Core.Data;
using Kefu.Core.Scheduling;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kefu.Web.Tests.Scheduling;

/// <summary>
/// Two real app processes (the built Kefu.Web.dll) share one fresh PostgreSQL database and so one Quartz cluster:
/// each firing of a short cron runs exactly once, and a node killed in the middle of a firing has it recovered and
/// completed by the other node.
/// It runs alone (not beside other test classes): two extra processes on two cores are slow enough to start.
/// </summary>
[Collection(SchedulerClusterCollection.Name)]
public sealed class SchedulerClusterTests : IAsyncLifetime
{
    private const int ProbeMs = 2500;

    private readonly string database = "kefu_cluster_" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<Node> nodes = [];

    private string ConnectionString => new NpgsqlConnectionStringBuilder(KefuApp.PostgresBase()) { Database = database }.ConnectionString;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in nodes)
        {
            node.Dispose();
        }

        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(KefuApp.PostgresBase());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task TwoNodes_FireEachFiringOnce_AndRecoverAKilledNodesFiring()
    {
        // Node A migrates the fresh database; B starts once it is ready, so the two never race on migrations.
        var a = await StartNodeAsync("node-a");
        var startB = StartNodeAsync("node-b");

        // 1. Every firing of the 3-second cron appears exactly once in job_runs, whichever node ran it.
        var runs = await WaitForAsync(
            async () => (await RunsAsync()).Where(r => r.Outcome == JobRunOutcome.Succeeded).ToList(),
            r => r.Count >= 4,
            TimeSpan.FromSeconds(30),
            "four finished probe runs");
        var b = await startB;
        var all = await RunsAsync();
        Assert.All(all.GroupBy(r => r.ScheduledAt), g => Assert.Single(g));
        Assert.All(all, r => Assert.Contains(r.Node, new[] { a.Id, b.Id }));
        Assert.All(runs, r => Assert.Equal(0, r.ScheduledAt.Second % 3));

        // 2. Kill the node that is running a firing; the other node recovers that firing and completes it.
        var running = (await WaitForAsync(
            async () => (await RunsAsync()).Where(r => r.Outcome == JobRunOutcome.Running && !r.Recovering && TimeProvider.System.GetUtcNow().UtcDateTime - r.StartedAt < TimeSpan.FromSeconds(1)).ToList(),
            r => r.Count > 0,
            TimeSpan.FromSeconds(15),
            "a probe run that started less than a second ago (so it is still running when its node is killed)")).First();
        var victim = nodes.Single(n => n.Id == running.Node);
        var survivor = nodes.Single(n => n.Id != running.Node);
        victim.Kill();

        var recovered = (await WaitForAsync(
            async () => (await RunsAsync()).Where(r => r.ScheduledAt == running.ScheduledAt && r.Recovering && r.Outcome == JobRunOutcome.Succeeded).ToList(),
            r => r.Count > 0,
            TimeSpan.FromSeconds(30),
            $"the recovery of the firing scheduled at {running.ScheduledAt:O}")).Single();
        Assert.Equal(survivor.Id, recovered.Node);

        var ofThatFiring = (await RunsAsync()).Where(r => r.ScheduledAt == running.ScheduledAt).OrderBy(r => r.StartedAt).ToList();
        Assert.Equal(2, ofThatFiring.Count);
        Assert.Equal((victim.Id, JobRunOutcome.Abandoned), (ofThatFiring[0].Node, ofThatFiring[0].Outcome));

        // The survivor keeps firing on schedule, still once per firing.
        var after = recovered.StartedAt;
        await WaitForAsync(
            async () => (await RunsAsync()).Where(r => r.StartedAt > after && !r.Recovering && r.Outcome == JobRunOutcome.Succeeded).ToList(),
            r => r.Count >= 1,
            TimeSpan.FromSeconds(15),
            "another firing on the surviving node");
        Assert.All((await RunsAsync()).Where(r => !r.Recovering).GroupBy(r => r.ScheduledAt), g => Assert.Single(g));
    }

    private async Task<List<JobRun>> RunsAsync()
    {
        var options = new DbContextOptionsBuilder<KefuDb>();
        KefuDbRegistration.Configure(options, new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = ConnectionString });
        await using var db = new KefuDb(options.Options);
        return await db.Set<JobRun>().AsNoTracking().Where(r => r.JobName == SchedulerProbeJob.JobName).ToListAsync();
    }

    private async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan limit, string what)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (waited.Elapsed > limit)
            {
                var rows = string.Join("\n", (await RunsAsync()).OrderBy(r => r.StartedAt).Select(r => $"{r.ScheduledAt:O} {r.Node} {r.Recovering} {r.Outcome} {r.StartedAt:O} {r.Message}"));
                throw new TimeoutException($"No {what} within {limit.TotalSeconds} s.\n{rows}\n{Logs()}");
            }

            await Task.Delay(50);
        }
    }

    private string Logs() => string.Join("\n", nodes.Select(n => $"--- {n.Id}:\n{string.Join("\n", n.Output.TakeLast(40))}"));

    private async Task<Node> StartNodeAsync(string id)
    {
        var port = FreePort();
        var dll = WebDll();
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = info.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Urls"] = $"http://127.0.0.1:{port}";
        env["Database__Provider"] = "PostgreSql";
        env["ConnectionStrings__Kefu"] = ConnectionString;
        env["KEFU_ADMIN_USER"] = "admin";
        env["KEFU_ADMIN_PASSWORD"] = KefuApp.AdminPassword;
        env["Kefu__DemoData"] = "false";
        env["Files__Root"] = Path.Combine(Path.GetTempPath(), database + "-files");
        env["Logging__LogLevel__Default"] = "Warning";
        env["Scheduler__InstanceId"] = id;
        env["Scheduler__CheckinIntervalMs"] = "500";
        env["Scheduler__CheckinMisfireThresholdMs"] = "1500";
        env["Scheduler__MisfireThresholdMs"] = "5000";
        env["Scheduler__Jobs__scheduler-probe__Enabled"] = "true";
        env["Scheduler__Jobs__scheduler-probe__Cron"] = "0/3 * * * * ?";
        env["Scheduler__Probe__DurationMs"] = ProbeMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var node = new Node(id, Process.Start(info)!);
        nodes.Add(node);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (node.Process.HasExited)
            {
                throw new InvalidOperationException($"{id} exited with {node.Process.ExitCode}.\n{Logs()}");
            }

            try
            {
                if ((await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"))).StatusCode == HttpStatusCode.OK)
                {
                    return node;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{id} did not become healthy.\n{Logs()}");
    }

    /// <summary>The Kefu.Web.dll this test project's build produced (the project reference builds it), same configuration.</summary>
    private static string WebDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Kefu.slnx")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var dll = Path.Combine(root.FullName, "src", "Kefu.Web", "bin", configuration, framework, "Kefu.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build tests/Kefu.Web.Tests, which builds Kefu.Web.");
        return dll;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Node : IDisposable
    {
        public Node(string id, Process process)
        {
            Id = id;
            Process = process;
            process.OutputDataReceived += (_, e) => Add(e.Data);
            process.ErrorDataReceived += (_, e) => Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Id { get; }

        public Process Process { get; }

        public ConcurrentQueue<string> Output { get; } = new();

        public void Kill()
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(5000);
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Kill();
            }

            Process.Dispose();
        }

        private void Add(string? line)
        {
            if (line is not null)
            {
                Output.Enqueue(line);
            }
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SchedulerClusterCollection
{
    public const string Name = "scheduler-cluster";
}
