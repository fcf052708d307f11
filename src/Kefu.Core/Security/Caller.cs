namespace Kefu.Core.Security;

/// <summary>Who is calling a use case: the signed-in user, the CLI, or the system itself.</summary>
public sealed record Caller(Guid? UserId, string UserName, IReadOnlySet<string> Roles, Guid? OrgUnitId)
{
    public static readonly Caller System = new(null, "system", new HashSet<string>(StringComparer.Ordinal) { Security.Roles.Administrator }, null);

    public bool IsAdministrator => Roles.Contains(Security.Roles.Administrator);

    public bool IsInAny(IEnumerable<string> roles) => roles.Any(Roles.Contains);
}

/// <summary>The caller of the current unit of work; the audit interceptor reads it.</summary>
public interface ICallerAccessor
{
    Caller Caller { get; }
}

public sealed class FixedCallerAccessor(Caller caller) : ICallerAccessor
{
    public Caller Caller { get; } = caller;
}
