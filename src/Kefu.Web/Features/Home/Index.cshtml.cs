using Kefu.Core.Common;
using Kefu.Core.Customers;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Kefu.Web.Features.Shared;

namespace Kefu.Web.Features.Home;

public sealed class IndexModel(CustomerService customers, OrganizationService organization, UserService users) : KefuPageModel
{
    public IReadOnlyList<CustomerListItem> Recent { get; private set; } = [];

    public int? UnitCount { get; private set; }

    public int? UserCount { get; private set; }

    public bool CanEdit => Caller.IsInAny(Roles.CustomerEditors);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var recent = await customers.ListAsync(Caller, new CustomerQuery(Sort: "-created", Limit: 8), ct);
        if (recent.IsSuccess)
        {
            Recent = recent.Value.Items;
        }

        if (Caller.IsAdministrator)
        {
            UnitCount = (await organization.ListAsync(Caller, ct)).Count;
            var all = await users.ListAsync(Caller, null, ct);
            UserCount = all.IsSuccess ? all.Value.Count : null;
        }
    }
}
