using Kefu.Core.Common;
using Kefu.Core.Organization;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Organization;

/// <summary>The organisation tree (SEC-1): company → region → responsibility centre → work centre.</summary>
public sealed class IndexModel(OrganizationService organization) : KefuPageModel
{
    [BindProperty]
    public UnitForm Input { get; set; } = new();

    /// <summary>The unit being renamed (inline form).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Edit { get; set; }

    /// <summary>The unit whose deletion is being confirmed.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Delete { get; set; }

    public IReadOnlyList<OrgUnitDto> Units { get; private set; } = [];

    public ILookup<Guid?, OrgUnitDto> Children { get; private set; } = Array.Empty<OrgUnitDto>().ToLookup(u => u.ParentId);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Edit is Guid id && Units.FirstOrDefault(u => u.Id == id) is { } unit)
        {
            Input = new UnitForm { Code = unit.Code, Name = unit.Name, Version = unit.Version };
        }
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var result = await organization.CreateAsync(
            Caller, new OrgUnitInput(Input.Code, Input.Name, Input.Kind, Input.ParentId), ct);
        if (result.IsSuccess)
        {
            Flash("Org.Created", result.Value.Name);
            return RedirectToPage();
        }

        await LoadAsync(ct);
        return Fail(result.Error!);
    }

    public async Task<IActionResult> OnPostRenameAsync(Guid id, CancellationToken ct)
    {
        var result = await organization.UpdateAsync(Caller, id, Input.Version, new OrgUnitInput(Input.Code, Input.Name, null, null), ct);
        if (result.IsSuccess)
        {
            Flash("Org.Renamed", result.Value.Name);
            return RedirectToPage();
        }

        Edit = id;
        await LoadAsync(ct);
        return Fail(result.Error!);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, int version, CancellationToken ct)
    {
        var result = await organization.DeleteAsync(Caller, id, version, ct);
        if (result.IsSuccess)
        {
            Flash("Org.Deleted");
            return RedirectToPage();
        }

        if (result.Error!.Kind == ErrorKind.Conflict)
        {
            FlashDanger(result.Error.Code);
            return RedirectToPage();
        }

        Delete = null;
        await LoadAsync(ct);
        return Fail(result.Error);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Units = await organization.ListAsync(Caller, ct);
        var ids = Units.Select(u => u.Id).ToHashSet();
        // Units whose parent is not visible are shown as roots.
        Children = Units.ToLookup(u => u.ParentId is Guid p && ids.Contains(p) ? p : (Guid?)null);
    }
}

public sealed class UnitForm
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public string? Kind { get; set; }

    public Guid? ParentId { get; set; }

    public int Version { get; set; }
}
