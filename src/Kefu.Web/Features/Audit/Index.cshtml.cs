using Kefu.Core.Audit;
using Kefu.Core.Organization;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Audit;

/// <summary>The audit log (SEC-2) for administrators, newest first.</summary>
public sealed class IndexModel(AuditService audit, OrganizationService organization) : KefuPageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Entity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<AuditEntryDto> Entries { get; private set; } = [];

    public string? Next { get; private set; }

    /// <summary>Unit names, so changes of a unit reference read as names.</summary>
    public Dictionary<string, string> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<string> KnownEntities { get; } =
        ["Customer", "CustomerContact", "CustomerAddress", "CustomerTag", "CustomerKeyDate", "CustomerGroup", "OrgUnit", "User"];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await audit.ListAsync(Caller, new AuditQuery(Entity?.Trim(), Key?.Trim(), UserName?.Trim(), Before, PageSize), ct);
        if (!result.IsSuccess)
        {
            return Fail(result.Error!);
        }

        Entries = result.Value.Items;
        Next = result.Value.Next;
        foreach (var unit in await organization.ListAsync(Caller, ct))
        {
            Names[unit.Id.ToString()] = unit.Name;
        }

        return Page();
    }
}
