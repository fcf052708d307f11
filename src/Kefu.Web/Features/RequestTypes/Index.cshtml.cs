using Kefu.Core.ServiceRequests;
using Kefu.Web.Features.Shared;

namespace Kefu.Web.Features.RequestTypes;

/// <summary>The request types (SRQ-2); each opens its status profile for editing.</summary>
public sealed class IndexModel(RequestTypeService types) : KefuPageModel
{
    public IReadOnlyList<RequestTypeDto> Types { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Types = await types.ListAsync(ct);
}
