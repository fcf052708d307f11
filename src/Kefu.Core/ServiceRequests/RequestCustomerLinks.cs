using Kefu.Core.Customers;
using Kefu.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.ServiceRequests;

/// <summary>A customer's service requests (as customer or ship-to) with their items, log, status changes and attachments.</summary>
internal sealed class RequestCustomerLinks : ICustomerLinks
{
    public string Kind => CustomerLinkKinds.Requests;

    public IReadOnlyCollection<Type> Entities { get; } =
        [typeof(ServiceRequest), typeof(ServiceRequestItem), typeof(ServiceRequestLogEntry), typeof(ServiceRequestStatusChange), typeof(ServiceRequestAttachment)];

    public Task<int> CountBlockingAsync(KefuDb db, Guid customerId, CancellationToken ct) =>
        db.ServiceRequests.CountAsync(r => r.CustomerId == customerId || r.ShipToCustomerId == customerId, ct);

    public async Task<int> MoveAsync(KefuDb db, CustomerMove move, CancellationToken ct) =>
        await move.MoveAsync<ServiceRequest>(ct)
        + await move.MoveAsync<ServiceRequest>(ct, nameof(ServiceRequest.ShipToCustomerId))
        + await move.MoveAsync<ServiceRequestItem>(ct)
        + await move.MoveAsync<ServiceRequestLogEntry>(ct)
        + await move.MoveAsync<ServiceRequestStatusChange>(ct)
        + await move.MoveAsync<ServiceRequestAttachment>(ct);
}
