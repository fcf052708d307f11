using Kefu.Core.Data;
using Kefu.Core.Security;
using Kefu.Core.ServiceRequests;
using Kefu.Core.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Cli.Tests;

public sealed class SqliteCliTests() : CliTests(new SqliteTestDatabase());

public sealed class PostgreSqlCliTests() : CliTests(new PostgreSqlTestDatabase());

/// <summary>Runs <c>kefu</c> in-process against a fresh database of each provider.</summary>
public abstract class CliTests(TestDatabase database) : IAsyncLifetime
{
    private const string Password = "Demo-Passw0rd!";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Migrate_EmptyDatabase_CreatesSchemaRolesCompanyAndAdministrator()
    {
        var run = await Kefu("migrate", "--admin-user", "root", "--admin-password", Password);

        Assert.Equal(0, run.Code);
        await using var db = database.Open();
        var all = db.Database.GetMigrations().Count();
        Assert.Contains($"Migrations: applied {all}", run.Out, StringComparison.Ordinal);
        Assert.Contains("Administrator created. User name: root", run.Out, StringComparison.Ordinal);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(Roles.All.Order(StringComparer.Ordinal), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.True(await db.OrgUnits.AnyAsync(u => u.Code == "HQ"));
        Assert.Equal(1, await db.Users.CountAsync(u => u.UserName == "root"));
    }

    [Fact]
    public async Task Migrate_RunTwice_ReportsNothingPendingAndCreatesNoSecondAdministrator()
    {
        await Kefu("migrate");

        var run = await Kefu("migrate");

        Assert.Equal(0, run.Code);
        Assert.Contains("none pending", run.Out, StringComparison.Ordinal);
        Assert.Contains("Administrator: present, none created.", run.Out, StringComparison.Ordinal);
        await using var db = database.Open();
        Assert.Equal(1, await db.Users.CountAsync());
    }

    [Fact]
    public async Task UsersCreate_ValidInput_CreatesUserInUnitWithRoles()
    {
        await Kefu("migrate");

        var run = await Kefu(
            "users", "create", "--user", "alice", "--password", Password, "--role", "assistant", "--role", "supervisor",
            "--unit", "HQ", "--display-name", "Alice", "--email", "alice@example.cn");

        Assert.Equal(0, run.Code);
        Assert.Contains("Created user alice", run.Out, StringComparison.Ordinal);
        await using var db = database.Open();
        var user = await db.Users.SingleAsync(u => u.UserName == "alice");
        Assert.Equal("Alice", user.DisplayName);
        Assert.Equal("alice@example.cn", user.Email);
        Assert.Equal(await db.OrgUnits.Where(u => u.Code == "HQ").Select(u => u.Id).SingleAsync(), user.OrgUnitId);
        var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        Assert.Equal(["assistant", "supervisor"], roles.Order(StringComparer.Ordinal));

        var list = await Kefu("users", "list");
        Assert.Equal(0, list.Code);
        Assert.Contains("alice", list.Out, StringComparison.Ordinal);
        Assert.Contains("2 user(s).", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersCreate_UnknownRole_ExitsOneNamingRoleAndCreatesNothing()
    {
        await Kefu("migrate");

        var run = await Kefu("users", "create", "--user", "bob", "--password", Password, "--role", "boss", "--unit", "HQ");

        Assert.Equal(1, run.Code);
        Assert.Contains("--role: Unknown role 'boss'", run.Err, StringComparison.Ordinal);
        await using var db = database.Open();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "bob"));
    }

    [Fact]
    public async Task UsersCreate_WeakPassword_ExitsOneNamingPasswordAndCreatesNothing()
    {
        await Kefu("migrate");

        var run = await Kefu("users", "create", "--user", "carol", "--password", "short", "--role", "assistant", "--unit", "HQ");

        Assert.Equal(1, run.Code);
        Assert.Contains("--password:", run.Err, StringComparison.Ordinal);
        await using var db = database.Open();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "carol"));
    }

    [Fact]
    public async Task UsersCreate_UnknownUnit_ExitsOneNamingUnit()
    {
        await Kefu("migrate");

        var run = await Kefu("users", "create", "--user", "dave", "--password", Password, "--role", "assistant", "--unit", "NOPE");

        Assert.Equal(1, run.Code);
        Assert.Contains("--unit: No unit with code 'NOPE'", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersCreate_MissingRequiredOption_ExitsTwo()
    {
        var run = await Kefu("users", "create", "--user", "erin");

        Assert.Equal(2, run.Code);
        Assert.Contains("--password", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedDemo_FiftyCustomers_CreatesCustomersAndDemoUsersWithGeneratedPassword()
    {
        await Kefu("migrate");

        var run = await Kefu("seed", "demo", "--customers", "50");

        Assert.Equal(0, run.Code);
        Assert.Contains("Their password (shown once", run.Out, StringComparison.Ordinal);
        Assert.Contains("Customers: added 50, 50 in total.", run.Out, StringComparison.Ordinal);
        await using var db = database.Open();
        Assert.Equal(50, await db.Customers.CountAsync());
        var names = DemoData.Users.Select(u => u.UserName).ToList();
        Assert.Equal(names.Count, await db.Users.CountAsync(u => names.Contains(u.UserName!)));
    }

    [Fact]
    public async Task SeedDemo_RunTwice_AddsCustomersWithoutDuplicatingUsers()
    {
        await Kefu("migrate");
        await Kefu("seed", "demo", "--customers", "50", "--password", Password);
        await using (var db = database.Open())
        {
            Assert.Equal(DemoData.Users.Count + 1, await db.Users.CountAsync());
        }

        var run = await Kefu("seed", "demo", "--customers", "50");

        Assert.Equal(0, run.Code);
        Assert.Contains("Demo users: all present, none created.", run.Out, StringComparison.Ordinal);
        await using var after = database.Open();
        Assert.Equal(100, await after.Customers.CountAsync());
        Assert.Equal(100, await after.Customers.Select(c => c.Number).Distinct().CountAsync());
        Assert.Equal(DemoData.Users.Count + 1, await after.Users.CountAsync());
    }

    [Fact]
    public async Task SeedDemo_NotMigrated_ExitsOneAndWritesNothing()
    {
        var run = await Kefu("seed", "demo", "--customers", "5");

        Assert.Equal(1, run.Code);
        Assert.Contains("kefu migrate", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedDemo_WeakPassword_ExitsOneAndRollsBackEverything()
    {
        await Kefu("migrate");

        var run = await Kefu("seed", "demo", "--customers", "5", "--password", "weak");

        Assert.Equal(1, run.Code);
        await using var db = database.Open();
        Assert.Equal(0, await db.Customers.CountAsync());
        Assert.False(await db.OrgUnits.AnyAsync(u => u.Code == "EAST"));
        Assert.Equal(1, await db.Users.CountAsync());
    }

    [Fact]
    public async Task SeedDemo_Requests_WritesRequestsWithHistoryClocksAndNumbersAndTheListPages()
    {
        await Kefu("migrate");

        var run = await Kefu("seed", "demo", "--customers", "30", "--requests", "300", "--password", Password);
        var again = await Kefu("seed", "demo", "--customers", "0", "--requests", "120");

        Assert.Equal(0, run.Code);
        Assert.Equal(0, again.Code);
        Assert.Contains("Requests: added 300", run.Out, StringComparison.Ordinal);
        Assert.Contains("Service requests: added 120, 420 in total.", again.Out, StringComparison.Ordinal);
        await using var db = database.Open();
        var requests = await db.ServiceRequests.AsNoTracking().Include(r => r.StatusChanges).Include(r => r.Log).AsSplitQuery().ToListAsync();
        Assert.Equal(420, requests.Count);
        Assert.Equal(420, requests.Select(r => r.Number).Distinct(StringComparer.Ordinal).Count());
        var clocks = await db.Set<SlaClock>().AsNoTracking().ToListAsync();
        foreach (var r in requests)
        {
            var steps = r.StatusChanges.OrderBy(s => s.At).ToList();
            Assert.Null(steps[0].FromStatus);
            Assert.Equal(r.UserStatus, steps[^1].ToStatus);
            Assert.Single(r.Log);
            var own = clocks.Where(c => c.RequestId == r.Id).ToList();
            Assert.NotNull(r.SlaLevelCode);
            Assert.NotEmpty(own);
            Assert.Equal(SlaClock.Summarise(own), r.SlaState);
            Assert.Equal(SlaClock.NextDue(own), r.SlaDueAt);
            Assert.Equal(r.SystemStatus == SystemStatus.Completed, r.CompletedAt is not null);
            Assert.All(own, c => Assert.Equal(r.CustomerId, c.CustomerId));
            if (r.SystemStatus == SystemStatus.Completed)
            {
                Assert.All(own, c => Assert.NotNull(c.MetAt));
            }
        }

        Assert.Contains(requests, r => r.SystemStatus == SystemStatus.Completed);
        Assert.Contains(requests, r => r.SystemStatus != SystemStatus.Completed);
        foreach (var range in requests.GroupBy(r => RequestType.NumberRangeFor(r.TypeCode)))
        {
            var next = await db.Set<NumberRange>().Where(n => n.Code == range.Key).Select(n => n.Next).SingleAsync();
            Assert.Equal(next - 1, range.Count());
        }

        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Entity == nameof(ServiceRequest) && a.After!.Contains("seed")));

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ICallerAccessor>(new FixedCallerAccessor(Caller.System));
        services.AddKefuCore(new DatabaseOptions { Provider = database.Kind, ConnectionString = database.ConnectionString });
        services.AddIdentityCore<User>().AddRoles<Role>().AddEntityFrameworkStores<KefuDb>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var list = scope.ServiceProvider.GetRequiredService<ServiceRequestService>();
        var first = await list.ListAsync(Caller.System, new ServiceRequestQuery { Limit = 50 });
        Assert.True(first.IsSuccess);
        Assert.Equal(50, first.Value.Items.Count);
        var second = await list.ListAsync(Caller.System, new ServiceRequestQuery { Limit = 50, After = first.Value.Next });
        Assert.Equal(50, second.Value.Items.Count);
        Assert.Empty(first.Value.Items.Select(i => i.Number).Intersect(second.Value.Items.Select(i => i.Number)));
        var open = await list.ListAsync(Caller.System, new ServiceRequestQuery { Limit = 200, SystemStatuses = [SystemStatus.Outstanding, SystemStatus.InProcess, SystemStatus.Postponed] });
        Assert.Equal(requests.Count(r => r.SystemStatus != SystemStatus.Completed), open.Value.Items.Count);
    }

    [Fact]
    public async Task Classify_DemoCustomers_ClassifiesEveryoneByEveryScheme()
    {
        await Kefu("migrate");
        await Kefu("seed", "demo", "--customers", "20", "--password", Password);

        var run = await Kefu("classify");

        Assert.Equal(0, run.Code);
        Assert.Contains("succeeded, 20 customers.", run.Out, StringComparison.Ordinal);
        Assert.Contains("  abc: succeeded, 20 changes", run.Out, StringComparison.Ordinal);
        await using var db = database.Open();
        Assert.Equal(80, await db.Set<Kefu.Core.Classification.CustomerClass>().CountAsync());
        var only = await Kefu("classify", "--scheme", "tier");
        Assert.Equal(0, only.Code);
        Assert.Contains("  tier: succeeded, 0 changes", only.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("abc:", only.Out, StringComparison.Ordinal);
        Assert.Equal(1, (await Kefu("classify", "--scheme", "nope")).Code);
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
