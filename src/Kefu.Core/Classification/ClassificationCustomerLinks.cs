using Kefu.Core.Customers;
using Kefu.Core.Data;

namespace Kefu.Core.Classification;

/// <summary>
/// A customer's classes, class history and churn record. The history moves whole; of the current class per scheme and the
/// churn record the survivor keeps its own and takes the duplicate's only where it has none. None of them stops a delete.
/// </summary>
internal sealed class ClassificationCustomerLinks : ICustomerLinks
{
    public string Kind => CustomerLinkKinds.Classification;

    public IReadOnlyCollection<Type> Entities { get; } = [typeof(CustomerClass), typeof(ClassChange), typeof(CustomerChurn)];

    public Task<int> CountBlockingAsync(KefuDb db, Guid customerId, CancellationToken ct) => Task.FromResult(0);

    public async Task<int> MoveAsync(KefuDb db, CustomerMove move, CancellationToken ct) =>
        await move.MoveAsync<CustomerClass>(ct)
        + await move.MoveAsync<ClassChange>(ct)
        + await move.MoveAsync<CustomerChurn>(ct);
}
