using Kefu.Core.Common;
using Kefu.Core.Customers;
using Kefu.Core.Security;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Customers;

public sealed class IndexModel(CustomerService customers, Kefu.Core.Classification.ClassificationService classification) : KefuPageModel
{
    public const int PageSize = 25;

    /// <summary>The sorts <see cref="CustomerService.ListAsync"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Sorts = ["number", "-number", "name", "-name", "created", "-created"];

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public CustomerNature? Nature { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    /// <summary>Class filter <c>scheme:class</c> (CLS-6), e.g. from the pyramid.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Class { get; set; }

    /// <summary>The schemes whose classes the filter offers (enabled ones, and the one filtered by).</summary>
    public IReadOnlyList<Kefu.Core.Classification.SchemeDto> Schemes { get; private set; } = [];

    public IReadOnlyDictionary<Guid, IReadOnlyList<Kefu.Core.Classification.ClassBadge>> Badges { get; private set; } =
        new Dictionary<Guid, IReadOnlyList<Kefu.Core.Classification.ClassBadge>>();

    /// <summary>Rows per page (10 to 200); the default is <see cref="PageSize"/>.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Limit { get; set; }

    public int CurrentLimit => Limit is int l ? Math.Clamp(l, 10, CustomerService.MaxLimit) : PageSize;

    public IReadOnlyList<CustomerListItem> Items { get; private set; } = [];

    public string? Next { get; private set; }

    public string? Problem { get; private set; }

    public bool CanEdit => Caller.IsInAny(Roles.CustomerEditors);

    public string CurrentSort => Sort is { Length: > 0 } s && Sorts.Contains(s) ? s : "-created";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Schemes = await Classification.ClassFilterOptions.LoadAsync(classification, Caller, Class, ct);

        var result = await customers.ListAsync(Caller, new CustomerQuery(Q, CurrentSort, After, CurrentLimit, Nature, null, string.IsNullOrWhiteSpace(Class) ? null : Class), ct);
        if (!result.IsSuccess)
        {
            if (result.Error!.Kind == ErrorKind.Forbidden)
            {
                return Forbid();
            }

            Problem = L["Customers.BadQuery"];
            return Page();
        }

        Items = result.Value.Items;
        Next = result.Value.Next;
        Badges = await classification.BadgesAsync(Items.Select(i => i.Id).ToList(), ct);
        return Page();
    }

    /// <summary>The sort to link from a column header: ascending first, then toggled.</summary>
    public string SortFor(string column) => CurrentSort == column ? "-" + column : column;

    public string SortIcon(string column) =>
        CurrentSort == column ? "bi-sort-up" : CurrentSort == "-" + column ? "bi-sort-down" : "bi-arrow-down-up opacity-25";
}
