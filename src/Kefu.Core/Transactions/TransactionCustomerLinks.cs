using Kefu.Core.Customers;
using Kefu.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Transactions;

/// <summary>
/// A customer's purchase history (CUS-5): it stops a delete and follows the customer into the survivor of a merge, with one
/// set-based statement however many purchases there are. No foreign key (ADR-0003): the merge's lock on both customers keeps a
/// running import from adding purchases to the duplicate behind it.
/// </summary>
internal sealed class TransactionCustomerLinks : ICustomerLinks
{
    public string Kind => CustomerLinkKinds.Transactions;

    public IReadOnlyCollection<Type> Entities { get; } = [typeof(CustomerTransaction)];

    public Task<int> CountBlockingAsync(KefuDb db, Guid customerId, CancellationToken ct) =>
        db.Transactions.CountAsync(t => t.CustomerId == customerId, ct);

    public Task<int> MoveAsync(KefuDb db, CustomerMove move, CancellationToken ct) => move.MoveAsync<CustomerTransaction>(ct);
}
