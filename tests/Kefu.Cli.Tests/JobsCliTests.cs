using Kefu.Core.Data;
using Kefu.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Cli.Tests;

public sealed class SqliteJobsCliTests() : JobsCliTests(new SqliteTestDatabase());

public sealed class PostgreSqlJobsCliTests() : JobsCliTests(new PostgreSqlTestDatabase());

/// <summary><c>kefu jobs list</c> and <c>kefu jobs run</c> against a fresh database of each provider.</summary>
public abstract class JobsCliTests(TestDatabase database) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task JobsList_ShowsTheRegisteredJobsWithTheirSchedule()
    {
        await Kefu("migrate");

        var run = await Kefu("jobs", "list");

        Assert.Equal(0, run.Code);
        Assert.Contains(PurgeIdempotencyJob.JobName, run.Out, StringComparison.Ordinal);
        Assert.Contains("0 17 3 * * ?", run.Out, StringComparison.Ordinal);
        Assert.Contains(SchedulerProbeJob.JobName, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsRun_PurgeIdempotency_DeletesExpiredRecordsAndRecordsTheRun()
    {
        await Kefu("migrate");
        var user = Guid.CreateVersion7();
        await using (var db = database.Open())
        {
            db.Add(new IdempotencyRecord { UserId = user, Key = "old", Endpoint = "test", RequestHash = "x", StatusCode = 201, CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-2) });
            db.Add(new IdempotencyRecord { UserId = user, Key = "fresh", Endpoint = "test", RequestHash = "x", StatusCode = 201, CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-1) });
            await db.SaveChangesAsync();
        }

        var run = await Kefu("jobs", "run", PurgeIdempotencyJob.JobName);

        Assert.True(run.Code == 0, run.Err);
        Assert.Contains("Deleted 1 idempotency record(s)", run.Out, StringComparison.Ordinal);
        await using (var db = database.Open())
        {
            Assert.Equal(["fresh"], await db.Set<IdempotencyRecord>().Select(r => r.Key).ToListAsync());
            var logged = Assert.Single(await db.Set<JobRun>().ToListAsync());
            Assert.Equal((PurgeIdempotencyJob.JobName, JobRun.CliNode, JobRunOutcome.Succeeded), (logged.JobName, logged.Node, logged.Outcome));
            Assert.NotNull(logged.FinishedAt);
        }

        var list = await Kefu("jobs", "list");
        Assert.Contains("Succeeded", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsRun_UnknownName_FailsWithExitCode1AndListsTheKnownJobs()
    {
        await Kefu("migrate");

        var run = await Kefu("jobs", "run", "no-such-job");

        Assert.Equal(1, run.Code);
        Assert.Contains("Unknown job 'no-such-job'", run.Err, StringComparison.Ordinal);
        Assert.Contains(PurgeIdempotencyJob.JobName, run.Err, StringComparison.Ordinal);
        await using var db = database.Open();
        Assert.Equal(0, await db.Set<JobRun>().CountAsync());
    }

    [Fact]
    public async Task JobsRun_WithoutName_IsAUsageError()
    {
        var run = await Kefu("jobs", "run");

        Assert.Equal(2, run.Code);
    }

    private async Task<CliRun> Kefu(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await KefuCli.RunAsync(
            ["--provider", database.Provider, "--connection", database.ConnectionString, .. args], output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private sealed record CliRun(int Code, string Out, string Err);
}
