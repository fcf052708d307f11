using System.Net;
using System.Text.Json.Nodes;
using Kefu.Core.Data;
using Kefu.Core.Scheduling;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Scheduling;

/// <summary>A job that always fails, to show a failure is recorded and the scheduler goes on.</summary>
public sealed class FailingTestJob : IScheduledJob
{
    public const string JobName = "test-failing";

    public string Name => JobName;

    public string DefaultCron => "0 0 2 * * ?";

    public Task<string> RunAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("the test job failed on purpose");
}

/// <summary>The app with a failing test job and configured schedules.</summary>
public abstract class SchedulingApp(DatabaseProvider provider) : KefuApp(provider)
{
    public const string PurgeCron = "0 30 5 * * ?";

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Scheduler:Jobs:purge-idempotency:Cron", PurgeCron);
        builder.UseSetting("Scheduler:Jobs:test-failing:Enabled", "false");
        builder.UseSetting("Scheduler:Probe:DurationMs", "10");
        builder.ConfigureTestServices(services => services.AddScoped<IScheduledJob, FailingTestJob>());
    }
}

public sealed class SchedulingSqliteApp() : SchedulingApp(DatabaseProvider.Sqlite);

public sealed class SchedulingPostgresApp() : SchedulingApp(DatabaseProvider.PostgreSql);

public sealed class SchedulingApiSqliteTests(SchedulingSqliteApp app) : SchedulingApiTests(app), IClassFixture<SchedulingSqliteApp>;

public sealed class SchedulingApiPostgresTests(SchedulingPostgresApp app) : SchedulingApiTests(app), IClassFixture<SchedulingPostgresApp>;

public abstract class SchedulingApiTests(KefuApp app)
{
    [Fact]
    public async Task Jobs_AreScheduledFromConfiguration()
    {
        using var admin = await app.AdminAsync();
        var jobs = (await JsonArrayAsync(await admin.GetAsync("/api/v1/jobs"))).Select(j => j!.AsObject()).ToDictionary(j => j["name"]!.GetValue<string>());

        var purge = jobs[PurgeIdempotencyJob.JobName];
        Assert.Equal(SchedulingApp.PurgeCron, purge["cron"]!.GetValue<string>());
        Assert.True(purge["enabled"]!.GetValue<bool>());
        var next = purge["nextFireAt"]!.GetValue<DateTime>().ToUniversalTime();
        Assert.Equal((5, 30, 0), (next.Hour, next.Minute, next.Second));
        Assert.InRange(next - TimeProvider.System.GetUtcNow().UtcDateTime, TimeSpan.Zero, TimeSpan.FromHours(24));

        var probe = jobs[SchedulerProbeJob.JobName];
        Assert.False(probe["enabled"]!.GetValue<bool>());
        Assert.Null(probe["nextFireAt"]);
        Assert.Equal("0/10 * * * * ?", probe["cron"]!.GetValue<string>());
        Assert.False(jobs[FailingTestJob.JobName]["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task RunNow_RunsOnce_AndIsLogged()
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var user = Guid.CreateVersion7();
        var oldKey = "old-" + Guid.NewGuid().ToString("N");
        var freshKey = "fresh-" + Guid.NewGuid().ToString("N");
        await app.WithDbAsync(async db =>
        {
            db.Add(new IdempotencyRecord { UserId = user, Key = oldKey, Endpoint = "test", RequestHash = "x", StatusCode = 201, CreatedAt = now.AddDays(-3) });
            db.Add(new IdempotencyRecord { UserId = user, Key = freshKey, Endpoint = "test", RequestHash = "x", StatusCode = 201, CreatedAt = now.AddMinutes(-5) });
            return await db.SaveChangesAsync();
        });
        using var admin = await app.AdminAsync();
        var before = await RunCountAsync(PurgeIdempotencyJob.JobName);

        var response = await admin.PostAsync($"/api/v1/jobs/{PurgeIdempotencyJob.JobName}/run", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await WaitForFinishedRunAsync(admin, PurgeIdempotencyJob.JobName, before);
        Assert.Equal("succeeded", run["outcome"]!.GetValue<string>());
        Assert.Contains("Deleted", run["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(run["recovering"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(run["node"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(run["fireInstanceId"]!.GetValue<string>()));
        var keys = await app.WithDbAsync(db => db.Set<IdempotencyRecord>().Where(r => r.UserId == user).Select(r => r.Key).ToListAsync());
        Assert.Equal([freshKey], keys);

        await Task.Delay(1500);
        Assert.Equal(before + 1, await RunCountAsync(PurgeIdempotencyJob.JobName));
        var listed = (await JsonArrayAsync(await admin.GetAsync("/api/v1/jobs"))).Single(j => j!["name"]!.GetValue<string>() == PurgeIdempotencyJob.JobName)!;
        Assert.Equal(run["id"]!.GetValue<string>(), listed["lastRun"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Failure_IsRecordedWithItsMessage_AndTheSchedulerGoesOn()
    {
        using var admin = await app.AdminAsync();
        var failedBefore = await RunCountAsync(FailingTestJob.JobName);
        var purgeBefore = await RunCountAsync(PurgeIdempotencyJob.JobName);

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/v1/jobs/{FailingTestJob.JobName}/run", null)).StatusCode);
        var failed = await WaitForFinishedRunAsync(admin, FailingTestJob.JobName, failedBefore);
        Assert.Equal("failed", failed["outcome"]!.GetValue<string>());
        Assert.Contains("the test job failed on purpose", failed["message"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/v1/jobs/{PurgeIdempotencyJob.JobName}/run", null)).StatusCode);
        var next = await WaitForFinishedRunAsync(admin, PurgeIdempotencyJob.JobName, purgeBefore);
        Assert.Equal("succeeded", next["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownJob_Is404()
    {
        using var admin = await app.AdminAsync();
        await Api.AssertProblemAsync(await admin.PostAsync("/api/v1/jobs/no-such-job/run", null), HttpStatusCode.NotFound);
        await Api.AssertProblemAsync(await admin.GetAsync("/api/v1/jobs/no-such-job/runs"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task NonAdmin_Is403()
    {
        using var supervisor = await app.ClientForAsync("supervisor.a");
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("/api/v1/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync($"/api/v1/jobs/{PurgeIdempotencyJob.JobName}/run", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync($"/api/v1/jobs/{PurgeIdempotencyJob.JobName}/runs")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<JobRun>().CountAsync(r => r.JobName == "never-triggered")));
    }

    [Fact]
    public async Task AdminPage_ListsTheJobs()
    {
        using var admin = await app.AdminAsync();
        var html = await admin.GetStringAsync("/Scheduling?culture=en");
        Assert.Contains("Scheduled jobs", html, StringComparison.Ordinal);
        Assert.Contains(PurgeIdempotencyJob.JobName, html, StringComparison.Ordinal);
        Assert.Contains(SchedulingApp.PurgeCron, html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"run-purge-idempotency\"", html, StringComparison.Ordinal);
    }

    private Task<int> RunCountAsync(string job) => app.WithDbAsync(db => db.Set<JobRun>().CountAsync(r => r.JobName == job));

    private static async Task<JsonArray> JsonArrayAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsArray();
    }

    /// <summary>Waits for the run after the first <paramref name="before"/> runs to finish, through the API.</summary>
    private static async Task<JsonObject> WaitForFinishedRunAsync(HttpClient admin, string job, int before)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            var runs = await JsonArrayAsync(await admin.GetAsync($"/api/v1/jobs/{job}/runs"));
            if (runs.Count > before && runs[0]!["finishedAt"] is not null)
            {
                Assert.Equal(before + 1, runs.Count);
                return runs[0]!.AsObject();
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No finished run of {job} within 20 s.");
    }
}
