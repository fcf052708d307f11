using Kefu.Core.Customers;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Customers;

/// <summary>
/// Merge two customers (CUS-6) from one of them: choose the other (a duplicate candidate or a number), choose which one stays, see what
/// will move per kind, confirm.
/// </summary>
public sealed class MergeModel(CustomerService customers) : KefuPageModel
{
    public CustomerDetail Customer { get; private set; } = null!;

    public IReadOnlyList<DuplicateCandidate> Candidates { get; private set; } = [];

    /// <summary>The other customer, chosen from the candidates.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Other { get; set; }

    /// <summary>The other customer, typed as its number.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Number { get; set; }

    /// <summary>Which of the two stays: <c>this</c> (default) or <c>other</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Keep { get; set; }

    public MergePreview? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var loaded = await LoadAsync(id, ct);
        if (loaded is not null)
        {
            return loaded;
        }

        if (Other is null && !string.IsNullOrWhiteSpace(Number))
        {
            var found = await customers.ListAsync(Caller, new CustomerQuery(Number.Trim(), Limit: 5), ct);
            Other = found.IsSuccess ? found.Value.Items.FirstOrDefault(c => string.Equals(c.Number, Number.Trim(), StringComparison.OrdinalIgnoreCase))?.Id : null;
            if (Other is null)
            {
                ModelState.AddModelError(nameof(Number), L["Customers.Merge.NoSuchNumber", Number.Trim()]);
                return Page();
            }
        }

        if (Other is Guid other)
        {
            var (survivor, duplicate) = Keep == "other" ? (other, id) : (id, other);
            var preview = await customers.PreviewMergeAsync(Caller, survivor, duplicate, ct);
            if (!preview.IsSuccess)
            {
                return Fail(preview.Error!, mapField: _ => nameof(Number));
            }

            Preview = preview.Value;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid survivorId, Guid duplicateId, CancellationToken ct)
    {
        var result = await customers.MergeAsync(Caller, survivorId, duplicateId, ct);
        if (result.IsSuccess)
        {
            Flash("Customers.Merged", result.Value.Number);
            return RedirectToPage("/Customers/Details", new { id = result.Value.Id });
        }

        var loaded = await LoadAsync(id, ct);
        return loaded ?? Fail(result.Error!, mapField: _ => nameof(Number));
    }

    /// <summary>This customer and its duplicate candidates; a result when the page cannot show (not found, not allowed).</summary>
    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!Caller.IsInAny(Kefu.Core.Security.Roles.CustomerEditors))
        {
            return Forbid();
        }

        var customer = await customers.GetAsync(Caller, id, ct);
        if (!customer.IsSuccess)
        {
            return Fail(customer.Error!);
        }

        Customer = customer.Value;
        var c = customer.Value;
        var input = new CustomerInput
        {
            Name = c.Name,
            Contacts = c.Contacts.Select(k => new ContactInput(null, k.Name, k.Phone, k.Email, k.WeChatId)).ToList(),
            Addresses = c.Addresses.Select(a => new AddressInput(null, a.Label, a.Province, a.City, a.District, a.Street, a.PostalCode)).ToList(),
        };
        Candidates = await customers.FindDuplicatesAsync(Caller, input, id, ct);
        return null;
    }
}
