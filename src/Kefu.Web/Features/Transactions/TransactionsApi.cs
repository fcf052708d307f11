using Kefu.Core.Common;
using Kefu.Core.Security;
using Kefu.Core.Transactions;
using Kefu.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kefu.Web.Features.Transactions;

/// <summary>Purchase history (CUS-5): bulk API, file imports with dry run and progress, templates, a customer's transactions.</summary>
public static class TransactionsApi
{
    public static void MapTransactionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/transactions").WithTags("Transactions").RequireAuthorization(KefuHost.StaffPolicy);
        api.MapPost("/bulk", Bulk).ProducesProblem(StatusCodes.Status413PayloadTooLarge, ProblemResults.ContentType)
            .WithSummary($"Write up to {TransactionService.MaxBulkRows} transactions all-or-nothing; 400 lists every bad row by index. An Idempotency-Key header makes retries safe")
            .Allow(TransactionService.Importers, AccessScope.Unit);
        api.MapPost("/imports", Upload).DisableAntiforgery()
            .WithSummary("Upload a CSV or .xlsx file (form fields file, dryRun, mode=all-or-nothing|skip-bad-rows); a background worker imports it")
            .Allow(TransactionService.Importers, AccessScope.Unit);
        api.MapGet("/imports", async (Caller caller, TransactionService s, int? limit, CancellationToken ct) =>
            (await s.ListImportsAsync(caller, limit ?? 20, ct)).Match(TypedResults.Ok))
            .WithSummary("The latest imports of the caller's units")
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapGet("/imports/{id:guid}", async (Guid id, Caller caller, TransactionService s, CancellationToken ct) =>
            (await s.GetImportAsync(caller, id, ct)).Match(TypedResults.Ok))
            .WithSummary("State, progress (rows processed of total) and bad rows of an import")
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapPost("/imports/{id:guid}/import", ImportChecked)
            .WithSummary("Import the file of a finished dry run (mode=all-or-nothing|skip-bad-rows) without uploading it again")
            .Allow(TransactionService.Importers, AccessScope.Unit);
        api.MapGet("/template", Template).ProducesFile("text/csv", ApiConventions.Xlsx).WithSummary("The import template: format=csv|xlsx, lang=zh|en headers")
            .Allow(Roles.Staff);

        app.MapGet("/api/v1/customers/{id:guid}/transactions", List).WithTags("Transactions")
            .WithSummary("A customer's purchases, newest first (keyset paging with after/limit)")
            .Allow(Roles.Staff, AccessScope.Unit);
        app.MapGet("/api/v1/customers/{id:guid}/transactions/totals", async (Guid id, Caller caller, TransactionService s, CancellationToken ct) =>
            (await s.TotalsAsync(caller, id, ct)).Match(TypedResults.Ok)).WithTags("Transactions")
            .WithSummary("Count, sum and last purchase date of a customer")
            .Allow(Roles.Staff, AccessScope.Unit);
    }

    public static ImportMode? ParseMode(string? mode) => mode?.Trim().ToLowerInvariant() switch
    {
        null or "" or "all-or-nothing" => ImportMode.AllOrNothing,
        "skip-bad-rows" => ImportMode.SkipBadRows,
        _ => null,
    };

    private static async Task<Results<Created<BulkResult>, ApiProblem>> Bulk(List<BulkTransactionInput?>? body, Caller caller, TransactionService s, CancellationToken ct)
    {
        if (body is { Count: > TransactionService.MaxBulkRows })
        {
            return ProblemResults.Problem(
                StatusCodes.Status413PayloadTooLarge, "Too many rows",
                $"At most {TransactionService.MaxBulkRows} rows per call ({body.Count} sent); split the upload or import a file.", "Transactions.TooManyRows");
        }

        return (await s.BulkAsync(caller, body, ct)).Match(r => TypedResults.Created($"/api/v1/transactions/imports/{r.ImportId}", r));
    }

    private static async Task<Results<Accepted<TransactionImportDto>, ApiProblem>> Upload(HttpRequest request, Caller caller, TransactionService s, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return Error.Validation("file", "Send multipart/form-data with a file.").ToProblem();
        }

        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return Error.Validation("file", "Required.").ToProblem();
        }

        if (ParseMode(form["mode"]) is not ImportMode mode)
        {
            return Error.Validation("mode", "Must be all-or-nothing or skip-bad-rows.").ToProblem();
        }

        var dryRun = bool.TryParse(form["dryRun"], out var d) && d;
        await using var stream = file.OpenReadStream();
        return (await s.UploadAsync(caller, stream, file.FileName, mode, dryRun, ct))
            .Match(i => TypedResults.Accepted($"/api/v1/transactions/imports/{i.Id}", i));
    }

    private static async Task<Results<Accepted<TransactionImportDto>, ApiProblem>> ImportChecked(Guid id, [OneOf(typeof(ImportMode))] string? mode, Caller caller, TransactionService s, CancellationToken ct) =>
        ParseMode(mode) is ImportMode m
            ? (await s.ImportCheckedAsync(caller, id, m, ct)).Match(i => TypedResults.Accepted($"/api/v1/transactions/imports/{i.Id}", i))
            : Error.Validation("mode", "Must be all-or-nothing or skip-bad-rows.").ToProblem();

    private static Results<FileContentHttpResult, ApiProblem> Template([OneOf(typeof(TransactionFileFormat))] string? format, [OneOf("zh", "en")] string? lang)
    {
        var f = format?.ToLowerInvariant() switch
        {
            null or "" or "csv" => TransactionFileFormat.Csv,
            "xlsx" => TransactionFileFormat.Xlsx,
            _ => (TransactionFileFormat?)null,
        };
        if (f is not TransactionFileFormat fmt)
        {
            return Error.Validation("format", "Must be csv or xlsx.").ToProblem();
        }

        var chinese = lang is null || !lang.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var bytes = TransactionFile.Template(fmt, chinese);
        return fmt == TransactionFileFormat.Csv
            ? TypedResults.File(bytes, "text/csv; charset=utf-8", "transactions-template.csv")
            : TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "transactions-template.xlsx");
    }

    private static async Task<Results<Ok<Page<TransactionDto>>, ApiProblem>> List(Guid id, string? after, int? limit, Caller caller, TransactionService s, CancellationToken ct) =>
        (await s.ListForCustomerAsync(caller, id, after, limit ?? 50, ct)).Match(TypedResults.Ok);
}
