using Kefu.Core.Customers;
using Kefu.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Contracts;

/// <summary>A customer's maintenance contracts and every row under them; contracts stop a delete.</summary>
internal sealed class ContractCustomerLinks : ICustomerLinks
{
    public string Kind => CustomerLinkKinds.Contracts;

    public IReadOnlyCollection<Type> Entities { get; } =
        [typeof(MaintenanceContract), typeof(CoveredObject), typeof(MeterReading), typeof(PreventiveSchedule), typeof(PreventiveOccurrence), typeof(ContractReminder)];

    public Task<int> CountBlockingAsync(KefuDb db, Guid customerId, CancellationToken ct) =>
        db.Set<MaintenanceContract>().CountAsync(c => c.CustomerId == customerId, ct);

    public async Task<int> MoveAsync(KefuDb db, CustomerMove move, CancellationToken ct) =>
        await move.MoveAsync<MaintenanceContract>(ct)
        + await move.MoveAsync<CoveredObject>(ct)
        + await move.MoveAsync<MeterReading>(ct)
        + await move.MoveAsync<PreventiveSchedule>(ct)
        + await move.MoveAsync<PreventiveOccurrence>(ct)
        + await move.MoveAsync<ContractReminder>(ct);
}
