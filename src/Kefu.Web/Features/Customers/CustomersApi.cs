using Kefu.Core.Audit;
using Kefu.Core.Common;
using Kefu.Core.Customers;
using Kefu.Core.Security;
using Kefu.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kefu.Web.Features.Customers;

public sealed record CustomerUpdateRequest(int? Version, CustomerInput Customer);

public sealed record MergeRequest(Guid? DuplicateId);

public sealed record GroupRequest(string? Name);

public static class CustomersApi
{
    public static void MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/customers").WithTags("Customers").RequireAuthorization(KefuHost.StaffPolicy);
        api.MapGet("/", List).WithSummary("List customers (q searches number, name and phone; keyset paging with after/limit)")
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapGet("/{id:guid}", Get)
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapPost("/", Create)
            .WithSummary("Create a customer; the number is given by the system. An Idempotency-Key header makes retries safe")
            .Allow(Roles.CustomerEditors, AccessScope.Unit);
        api.MapPut("/{id:guid}", Update).WithSummary("Replace a customer; send the version you read (409 when stale)")
            .Allow(Roles.CustomerEditors, AccessScope.Unit);
        api.MapDelete("/{id:guid}", Delete)
            .Allow(Roles.CustomerEditors, AccessScope.Unit);
        api.MapGet("/{id:guid}/history", History).WithSummary("Audit trail of the customer and its contacts, addresses, tags, dates")
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapPost("/duplicates", Duplicates).WithSummary("Possible duplicates of an unsaved customer (same phone, e-mail, or name and address)")
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapGet("/{id:guid}/merge-preview", MergePreview)
            .WithSummary("What merging the duplicate into this customer would move: rows per kind (requests, contracts, SLA, purchases, classification)")
            .Allow(Roles.CustomerEditors, AccessScope.Unit);
        api.MapPost("/{id:guid}/merge", Merge).WithSummary("Merge a duplicate into this customer, keeping every linked record")
            .Allow(Roles.CustomerEditors, AccessScope.Unit);

        var groups = app.MapGroup("/api/v1/customer-groups").WithTags("Customers").RequireAuthorization(KefuHost.StaffPolicy);
        groups.MapGet("/", async (CustomerService s, CancellationToken ct) => TypedResults.Ok(await s.ListGroupsAsync(ct)))
            .Allow(Roles.Staff);
        groups.MapPost("/", async (GroupRequest body, Caller caller, CustomerService s, CancellationToken ct) =>
            (await s.CreateGroupAsync(caller, body.Name, ct)).Match(g => TypedResults.Created($"/api/v1/customer-groups/{g.Id}", g)))
            .Allow(Roles.CustomerEditors);
    }

    private static async Task<Results<Ok<Page<CustomerListItem>>, ApiProblem>> List(
        Caller caller, CustomerService customers, string? q, [OneOf(typeof(CustomerService), nameof(CustomerService.Sorts))] string? sort, string? after, int? limit, CustomerNature? nature, Guid? orgUnitId,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "class")] string? cls, CancellationToken ct) =>
        (await customers.ListAsync(caller, new CustomerQuery(q, sort, after, limit ?? 50, nature, orgUnitId, cls), ct)).Match(TypedResults.Ok);

    private static async Task<Results<Ok<CustomerDetail>, ApiProblem>> Get(Guid id, Caller caller, CustomerService customers, CancellationToken ct) =>
        (await customers.GetAsync(caller, id, ct)).Match(TypedResults.Ok);

    private static async Task<Results<Created<CustomerDetail>, ApiProblem>> Create(CustomerInput body, Caller caller, CustomerService customers, CancellationToken ct) =>
        (await customers.CreateAsync(caller, body, ct)).Match(c => TypedResults.Created($"/api/v1/customers/{c.Id}", c));

    private static async Task<Results<Ok<CustomerDetail>, ApiProblem>> Update(Guid id, CustomerUpdateRequest body, Caller caller, CustomerService customers, CancellationToken ct)
    {
        if (body.Version is not int version || body.Customer is null)
        {
            var fields = new Dictionary<string, string[]>();
            if (body.Version is null)
            {
                fields["version"] = ["Required: the version you read."];
            }

            if (body.Customer is null)
            {
                fields["customer"] = ["Required."];
            }

            return Error.Validation(fields).ToProblem();
        }

        return (await customers.UpdateAsync(caller, id, version, body.Customer, ct)).Match(TypedResults.Ok);
    }

    private static async Task<Results<NoContent, ApiProblem>> Delete(Guid id, int? version, Caller caller, CustomerService customers, CancellationToken ct) =>
        (await customers.DeleteAsync(caller, id, version, ct)).Match(_ => TypedResults.NoContent());

    private static async Task<Results<Ok<Page<AuditEntryDto>>, ApiProblem>> History(Guid id, long? before, int? limit, Caller caller, AuditService audit, CancellationToken ct) =>
        (await audit.ForCustomerAsync(caller, id, before, limit ?? 50, ct)).Match(TypedResults.Ok);

    private static async Task<Ok<IReadOnlyList<DuplicateCandidate>>> Duplicates(CustomerInput body, Guid? excludeId, Caller caller, CustomerService customers, CancellationToken ct) =>
        TypedResults.Ok(await customers.FindDuplicatesAsync(caller, body, excludeId, ct));

    private static async Task<Results<Ok<MergePreview>, ApiProblem>> MergePreview(
        Guid id, Guid? duplicateId, Caller caller, CustomerService customers, CancellationToken ct) =>
        duplicateId is Guid dup
            ? (await customers.PreviewMergeAsync(caller, id, dup, ct)).Match(TypedResults.Ok)
            : Error.Validation("duplicateId", "Required.").ToProblem();

    private static async Task<Results<Ok<CustomerDetail>, ApiProblem>> Merge(Guid id, MergeRequest body, Caller caller, CustomerService customers, CancellationToken ct) =>
        body.DuplicateId is Guid dup
            ? (await customers.MergeAsync(caller, id, dup, ct)).Match(TypedResults.Ok)
            : Error.Validation("duplicateId", "Required.").ToProblem();
}
