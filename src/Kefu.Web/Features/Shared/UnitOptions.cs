using Kefu.Core.Organization;
using Kefu.Core.Security;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Kefu.Web.Features.Shared;

/// <summary>Select options for the caller's responsibility centres and work centres.</summary>
public static class UnitOptions
{
    public static async Task FillAsync(
        OrganizationService organization, Caller caller, List<SelectListItem> centres, List<SelectListItem> workCentres, CancellationToken ct)
    {
        foreach (var unit in await organization.ListAsync(caller, ct))
        {
            var item = new SelectListItem($"{unit.Name} ({unit.Code})", unit.Id.ToString());
            if (unit.Kind == OrgUnitKind.ResponsibilityCentre)
            {
                centres.Add(item);
            }
            else if (unit.Kind == OrgUnitKind.WorkCentre)
            {
                workCentres.Add(item);
            }
        }
    }
}
