using Kefu.Core.Customers;
using Kefu.Core.Data;

namespace Kefu.Core.Sla;

/// <summary>
/// A customer's SLA clocks and breaches (they follow the requests) and the supervisor's green-channel flag: the survivor keeps its
/// own flag if it has one, else takes the duplicate's. None of them stops a delete.
/// </summary>
internal sealed class SlaCustomerLinks : ICustomerLinks
{
    public string Kind => CustomerLinkKinds.Sla;

    public IReadOnlyCollection<Type> Entities { get; } = [typeof(SlaClock), typeof(SlaBreach), typeof(GreenChannelCustomer)];

    public Task<int> CountBlockingAsync(KefuDb db, Guid customerId, CancellationToken ct) => Task.FromResult(0);

    public async Task<int> MoveAsync(KefuDb db, CustomerMove move, CancellationToken ct) =>
        await move.MoveAsync<SlaClock>(ct)
        + await move.MoveAsync<SlaBreach>(ct)
        + await move.MoveAsync<GreenChannelCustomer>(ct);
}
