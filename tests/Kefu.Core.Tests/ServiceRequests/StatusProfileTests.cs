using Kefu.Core.Common;
using Kefu.Core.Security;
using Kefu.Core.ServiceRequests;

namespace Kefu.Core.Tests.ServiceRequests;

public sealed class StatusProfileTests
{
    private static Caller As(params string[] roles) => new(Guid.NewGuid(), "u", roles.ToHashSet(StringComparer.Ordinal), null);

    private static StatusProfile Profile(string type)
    {
        var d = DefaultProfiles.All.Single(p => p.Code == type);
        return StatusProfile.Create(d.Statuses, d.Transitions).Value;
    }

    public static TheoryData<string> Types() => new(DefaultProfiles.All.Select(p => p.Code));

    [Theory]
    [MemberData(nameof(Types))]
    public void Create_EveryDefaultProfile_IsValidWithOneInitialStatus(string type)
    {
        var d = DefaultProfiles.All.Single(p => p.Code == type);
        var profile = StatusProfile.Create(d.Statuses, d.Transitions);
        Assert.True(profile.IsSuccess, profile.Error?.Fields is null ? "" : string.Join("; ", profile.Error.Fields.Select(f => f.Key + ": " + string.Join(",", f.Value))));
        Assert.Equal(SystemStatus.Outstanding, profile.Value.Initial.SystemStatus);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void EveryDefaultProfile_ReachesACompletedStatusFromTheInitialOne(string type)
    {
        var profile = Profile(type);
        var seen = new HashSet<string>(StringComparer.Ordinal) { profile.Initial.Code };
        var todo = new Queue<string>([profile.Initial.Code]);
        while (todo.TryDequeue(out var code))
        {
            foreach (var t in profile.Transitions.Where(t => t.From == code && seen.Add(t.To)))
            {
                todo.Enqueue(t.To);
            }
        }

        Assert.Equal(profile.Statuses.Select(s => s.Code).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Contains(profile.Statuses, s => s.SystemStatus == SystemStatus.Completed);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void EveryDefaultProfile_RefusesEveryPairThatIsNotATransition(string type)
    {
        var profile = Profile(type);
        var admin = As(Roles.Administrator);
        foreach (var from in profile.Statuses)
        {
            foreach (var to in profile.Statuses)
            {
                var allowed = profile.Transitions.Contains(new TransitionDefinition(from.Code, to.Code));
                var result = profile.Check(from.Code, to.Code, admin);
                Assert.True(allowed == result.IsSuccess, $"{type}: {from.Code} → {to.Code} expected {(allowed ? "allowed" : "refused")}");
                if (!allowed)
                {
                    Assert.Equal("Transition.NotAllowed", result.Error!.Code);
                }
            }
        }
    }

    [Theory]
    [InlineData("TZJL", "KCJS", Roles.Technician)]
    [InlineData("KCJS", "ZGPZ", Roles.Supervisor)]
    [InlineData("KCJS", "BPZ", Roles.Supervisor)]
    [InlineData("ZGPZ", "ZBHF", Roles.DepartmentStaff)]
    [InlineData("BPZ", "ZBHF", Roles.DepartmentStaff)]
    [InlineData("ZBHF", "WC", Roles.Assistant)]
    public void Z1_SourceFlow_IsAllowedForTheRightRole(string from, string to, string role)
    {
        var result = Profile("Z1").Check(from, to, As(role));
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(to, result.Value.Code);
    }

    [Theory]
    [InlineData("KCJS", "ZGPZ", Roles.Technician)]
    [InlineData("KCJS", "ZGPZ", Roles.Assistant)]
    [InlineData("KCJS", "BPZ", Roles.Technician)]
    [InlineData("TZJL", "KCJS", Roles.Assistant)]
    [InlineData("ZGPZ", "ZBHF", Roles.Technician)]
    [InlineData("ZBHF", "WC", Roles.Technician)]
    public void Z1_StatusOfAnotherRole_IsRefusedAsForbidden(string from, string to, string role)
    {
        var result = Profile("Z1").Check(from, to, As(role));
        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Forbidden, result.Error!.Kind);
        Assert.Equal("Transition.RoleNotAllowed", result.Error.Code);
    }

    [Theory]
    [InlineData("TZJL", "ZGPZ")]
    [InlineData("TZJL", "WC")]
    [InlineData("KCJS", "ZBHF")]
    [InlineData("ZGPZ", "BPZ")]
    [InlineData("WC", "TZJL")]
    public void Z1_SkippingOrGoingBack_IsRefusedWithTheAllowedNextSteps(string from, string to)
    {
        var result = Profile("Z1").Check(from, to, As(Roles.Supervisor, Roles.Technician, Roles.DepartmentStaff, Roles.Assistant));
        Assert.Equal(ErrorKind.Conflict, result.Error!.Kind);
        Assert.Contains(from, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Z2_SourceFlow_IsAllowedInOrderAndEndsCompleted()
    {
        var profile = Profile("Z2");
        var department = As(Roles.DepartmentStaff);
        Assert.Equal("TZJL", profile.Initial.Code);
        Assert.True(profile.Check("TZJL", "HFYY", department).IsSuccess);
        Assert.True(profile.Check("HFYY", "DDKH", department).IsSuccess);
        var last = profile.Check("DDKH", "THCS", department);
        Assert.Equal(SystemStatus.Completed, last.Value.SystemStatus);
        Assert.False(profile.Check("TZJL", "DDKH", department).IsSuccess);
        Assert.Equal(ErrorKind.Forbidden, profile.Check("TZJL", "HFYY", As(Roles.Technician)).Error!.Kind);
    }

    [Fact]
    public void Check_UnknownTarget_IsAValidationErrorOnTo()
    {
        var result = Profile("Z1").Check("TZJL", "NOPE", As(Roles.Administrator));
        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.True(result.Error.Fields!.ContainsKey("to"));
    }

    [Fact]
    public void Check_Administrator_BypassesRolesButNotTransitions()
    {
        var profile = Profile("Z1");
        var admin = As(Roles.Administrator);
        Assert.True(profile.Check("KCJS", "ZGPZ", admin).IsSuccess);
        Assert.False(profile.Check("TZJL", "ZGPZ", admin).IsSuccess);
    }

    [Fact]
    public void NextFor_ListsOnlyStatusesTheCallerMaySet()
    {
        var profile = Profile("Z1");
        Assert.Equal(["ZGPZ", "BPZ"], profile.NextFor("KCJS", As(Roles.Supervisor)).Select(s => s.Code));
        Assert.Empty(profile.NextFor("KCJS", As(Roles.Technician)));
        Assert.Empty(profile.NextFor("WC", As(Roles.Administrator)));
    }

    [Theory]
    [InlineData("INST")]
    [InlineData("REP")]
    [InlineData("CLN")]
    [InlineData("MNT")]
    public void FieldTypes_PostponedStatus_WaitsForCustomerAndReturnsToAssigned(string type)
    {
        var profile = Profile(type);
        var postponed = profile.Statuses.Single(s => s.SystemStatus == SystemStatus.Postponed);
        Assert.True(postponed.WaitsForCustomer);
        Assert.True(profile.Check(postponed.Code, "YPG", As(Roles.Assistant)).IsSuccess);
        Assert.Equal(ErrorKind.Forbidden, profile.Check("YPG", "SMZ", As(Roles.Assistant)).Error!.Kind);
    }

    [Fact]
    public void Complaint_ClosingIsForSupervisorsOnly()
    {
        var profile = Profile("CMP");
        Assert.True(profile.Check("JJ", "GB", As(Roles.Supervisor)).IsSuccess);
        Assert.Equal(ErrorKind.Forbidden, profile.Check("JJ", "GB", As(Roles.Assistant)).Error!.Kind);
        Assert.True(profile.Check("DKH", "DC", As(Roles.Assistant)).IsSuccess);
    }

    [Fact]
    public void Create_BrokenProfile_NamesEveryProblem()
    {
        var none = new HashSet<string>(StringComparer.Ordinal);
        var result = StatusProfile.Create(
            [
                new("A", "甲", "A", SystemStatus.Outstanding, none, IsInitial: true),
                new("A", "甲", "A", SystemStatus.InProcess, none),
                new("B b", "", "B", SystemStatus.Completed, new HashSet<string>(StringComparer.Ordinal) { "wizard" }, IsInitial: true),
            ],
            [new("A", "Z"), new("A", "A")]);
        var fields = result.Error!.Fields!;
        Assert.Contains("statuses", fields.Keys);
        Assert.Contains("statuses[2].code", fields.Keys);
        Assert.Contains("statuses[2].labelZh", fields.Keys);
        Assert.Contains("statuses[2].roles", fields.Keys);
        Assert.Contains("transitions[0]", fields.Keys);
        Assert.Contains("transitions[1]", fields.Keys);
        Assert.Contains(fields["statuses"], m => m.Contains("initial", StringComparison.Ordinal));
    }
}
