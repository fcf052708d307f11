using Kefu.Core.Transactions;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Transactions;

/// <summary>Upload of purchase history (CUS-5): dry run or import, and the latest imports.</summary>
public sealed class ImportModel(TransactionService transactions) : KefuPageModel
{
    public IReadOnlyList<TransactionImportDto> Recent { get; private set; } = [];

    public bool CanImport => TransactionService.CanImport(Caller);

    [BindProperty]
    public string Mode { get; set; } = "all-or-nothing";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, bool dryRun, CancellationToken ct)
    {
        if (!CanImport)
        {
            return Forbid();
        }

        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", L["Transactions.FileRequired"]);
            await LoadAsync(ct);
            return Page();
        }

        var mode = TransactionsApi.ParseMode(Mode) ?? ImportMode.AllOrNothing;
        await using var stream = file.OpenReadStream();
        var result = await transactions.UploadAsync(Caller, stream, file.FileName, mode, dryRun, ct);
        if (!result.IsSuccess)
        {
            ModelState.AddModelError("file", L["Transactions.FileFormat"]);
            await LoadAsync(ct);
            return Page();
        }

        return RedirectToPage("/Transactions/ImportStatus", new { id = result.Value.Id });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var recent = await transactions.ListImportsAsync(Caller, 10, ct);
        Recent = recent.IsSuccess ? recent.Value : [];
    }
}
