using Kefu.Core.Security;

namespace Kefu.Core.Data;

/// <summary>
/// The demo people of one responsibility centre and its customers (ordered by number): who records, works, approves and
/// replies from logistics in the demo story of that centre.
/// </summary>
internal sealed record DemoTeam(
    string Centre,
    Guid CentreId,
    Guid? WorkCentreId,
    Caller Assistant,
    Caller Technician,
    Caller Supervisor,
    Caller Department,
    IReadOnlyList<Guid> Customers,
    IReadOnlyList<Guid> Organisations);
