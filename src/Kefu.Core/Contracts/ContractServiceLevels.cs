using Kefu.Core.Data;
using Kefu.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Contracts;

/// <summary>
/// SLA-4 as the first source of a request's service level: the level of the customer's contract in force on the day
/// (activated, not a draft; between start and end, or up to the termination day) that covers the request type (a contract
/// without listed types covers all). Overlapping contracts are allowed; the one that started last wins (then the higher number).
/// </summary>
public sealed class ContractServiceLevels(KefuDb db) : IContractServiceLevels
{
    public async Task<string?> ContractLevelAsync(Guid customerId, string requestTypeCode, DateOnly on, CancellationToken cancellationToken)
    {
        var code = "," + requestTypeCode + ",";
        return await db.Set<MaintenanceContract>().AsNoTracking()
            .Where(c => c.CustomerId == customerId && c.State != ContractState.Draft && c.StartDate <= on && c.EndDate >= on
                && (c.TerminatedOn == null || c.TerminatedOn >= on)
                && (c.CoveredTypes == "" || c.CoveredTypes.Contains(code)))
            .OrderByDescending(c => c.StartDate).ThenByDescending(c => c.Number)
            .Select(c => c.ServiceLevelCode)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
