using Kefu.Core.Common;
using Kefu.Core.Transactions;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Transactions;

/// <summary>The purchase history card of a customer (loaded into the customer page by htmx, paged by keyset).</summary>
public sealed class CustomerHistoryModel(TransactionService transactions) : KefuPageModel
{
    public const int PageSize = 20;

    public Guid CustomerId { get; private set; }

    public TransactionTotals Totals { get; private set; } = new(0, 0, null);

    public Page<TransactionDto> Rows { get; private set; } = new([], null);

    public bool IsContinuation { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid customerId, string? after, CancellationToken ct)
    {
        CustomerId = customerId;
        IsContinuation = after is not null;
        var totals = await transactions.TotalsAsync(Caller, customerId, ct);
        if (!totals.IsSuccess)
        {
            return NotFound();
        }

        var rows = await transactions.ListForCustomerAsync(Caller, customerId, after, PageSize, ct);
        if (!rows.IsSuccess)
        {
            return BadRequest();
        }

        Totals = totals.Value;
        Rows = rows.Value;
        return Page();
    }
}
