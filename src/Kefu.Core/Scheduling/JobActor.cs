using Kefu.Core.Security;

namespace Kefu.Core.Scheduling;

/// <summary>
/// Who a scheduled job acts as, for the audit trail: <see cref="JobRunner"/> sets it in the job's own DI scope to a system
/// actor named after the job (e.g. <c>system:sla-scan</c>). It is never set in the scope of an HTTP request, so the signed-in
/// user stays the audited caller there.
/// </summary>
public sealed class JobActor
{
    public Caller? Caller { get; private set; }

    public static Caller For(string jobName) => Caller.System with { UserName = "system:" + jobName };

    internal void ActAs(string jobName) => Caller = For(jobName);
}
