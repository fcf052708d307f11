using Kefu.Core.Transactions;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Transactions;

/// <summary>One import: its progress (polled with htmx while it runs), its outcome and bad rows, and the import after a dry run.</summary>
public sealed class ImportStatusModel(TransactionService transactions) : KefuPageModel
{
    public TransactionImportDto Import { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var result = await transactions.GetImportAsync(Caller, id, ct);
        if (!result.IsSuccess)
        {
            return Fail(result.Error!);
        }

        Import = result.Value;
        return Page();
    }

    public async Task<IActionResult> OnGetProgressAsync(Guid id, CancellationToken ct)
    {
        var result = await transactions.GetImportAsync(Caller, id, ct);
        return result.IsSuccess ? Partial("_ImportProgress", result.Value) : NotFound();
    }

    public async Task<IActionResult> OnPostImportAsync(Guid id, string? mode, CancellationToken ct)
    {
        var result = await transactions.ImportCheckedAsync(Caller, id, TransactionsApi.ParseMode(mode) ?? ImportMode.AllOrNothing, ct);
        if (!result.IsSuccess)
        {
            FlashDanger("Transactions.NotImportable");
            return RedirectToPage(new { id });
        }

        return RedirectToPage(new { id = result.Value.Id });
    }
}
