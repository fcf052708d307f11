using Kefu.Core.Common;
using Kefu.Core.Contracts;
using Kefu.Core.Security;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Contracts;

/// <summary>The contract list: filters state / expiring within, ordered by end date, keyset paging.</summary>
public sealed class IndexModel(ContractService contracts) : KefuPageModel
{
    [BindProperty(SupportsGet = true)]
    public ContractState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? ExpiringWithin { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? CustomerId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<ContractListItem> Items { get; private set; } = [];

    public string? Next { get; private set; }

    public string? Problem { get; private set; }

    public bool CanEdit => Caller.IsInAny(ContractService.Editors);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Caller.IsInAny(Roles.Staff))
        {
            return Forbid();
        }

        var result = await contracts.ListAsync(Caller, new ContractQuery(CustomerId, State, ExpiringWithin, After, 50), ct);
        if (!result.IsSuccess)
        {
            Problem = result.Error!.Fields is { } f ? string.Join(" ", f.SelectMany(x => x.Value.Select(m => Labels.Message(L, m)))) : Labels.Message(L, result.Error.Code, result.Error.Message);
            return Page();
        }

        Items = result.Value.Items;
        Next = result.Value.Next;
        return Page();
    }

    public static string StateBadge(ContractState state) => state switch
    {
        ContractState.Active => "text-bg-success",
        ContractState.Draft => "text-bg-secondary",
        ContractState.Expired => "text-bg-light border",
        _ => "text-bg-dark",
    };
}
