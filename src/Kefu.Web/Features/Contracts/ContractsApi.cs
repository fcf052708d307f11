using Kefu.Core.Common;
using Kefu.Core.Contracts;
using Kefu.Core.Security;
using Kefu.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Contracts;

public static class ContractsApi
{
    public static void MapContractsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/contracts").WithTags("Contracts").RequireAuthorization(KefuHost.StaffPolicy);
        api.MapGet("/", List)
            .WithSummary("List contracts (filters customerId, state, expiringWithin days); ordered by end date, keyset paging with after/limit")
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapPost("/", async (ContractInput body, Caller caller, ContractService s, CancellationToken ct) =>
                (await s.CreateAsync(caller, body, ct)).Match(c => TypedResults.Created($"/api/v1/contracts/{c.Number}", c)))
            .WithSummary("Create a draft contract (supervisors, administrators); the number comes from the contract number range")
            .Allow(ContractService.Editors, AccessScope.Unit);
        api.MapGet("/{number}", async (string number, Caller caller, ContractService s, CancellationToken ct) =>
                (await s.GetAsync(caller, number, ct)).Match(TypedResults.Ok))
            .WithSummary("A contract with its objects, schedules, generated requests and reminders sent")
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapPut("/{number}", async (string number, ContractUpdate body, Caller caller, ContractService s, CancellationToken ct) =>
                body.Contract is null
                    ? Error.Validation("contract", "Required.").ToProblem()
                    : body.Version is null
                        ? Error.Validation("version", "Required: the version you read.").ToProblem()
                        : (await s.UpdateAsync(caller, number, body.Version, body.Contract, ct)).Match(TypedResults.Ok))
            .WithSummary("Edit a draft or active contract; send the version you read (409 when stale or when the contract ended)")
            .Allow(ContractService.Editors, AccessScope.Unit);
        api.MapPost("/{number}/activate", async (string number, VersionInput body, Caller caller, ContractService s, CancellationToken ct) =>
                (await s.ActivateAsync(caller, number, body.Version, ct)).Match(TypedResults.Ok))
            .WithSummary("Put a draft in force")
            .Allow(ContractService.Editors, AccessScope.Unit);
        api.MapPost("/{number}/terminate", async (string number, TerminationInput body, Caller caller, ContractService s, CancellationToken ct) =>
                (await s.TerminateAsync(caller, number, body, ct)).Match(TypedResults.Ok))
            .WithSummary("End a draft or active contract early (on, reason)")
            .Allow(ContractService.Editors, AccessScope.Unit);
        api.MapPost("/{number}/objects", async (string number, CoveredObjectInput body, Caller caller, ContractService s, CancellationToken ct) =>
                (await s.AddObjectAsync(caller, number, body, ct)).Match(o => TypedResults.Created($"/api/v1/contracts/{number}/objects/{o.Id}", o)))
            .WithSummary("Add a covered object (no street: the customer's master address)")
            .Allow(ContractService.Editors, AccessScope.Unit);
        api.MapPut("/{number}/objects/{id:guid}", async (string number, Guid id, CoveredObjectInput body, Caller caller, ContractService s, CancellationToken ct) =>
                (await s.UpdateObjectAsync(caller, number, id, body, ct)).Match(TypedResults.Ok))
            .WithSummary("Edit a covered object (with its version)")
            .Allow(ContractService.Editors, AccessScope.Unit);
        api.MapDelete("/{number}/objects/{id:guid}", async (string number, Guid id, Caller caller, ContractService s, CancellationToken ct) =>
                (await s.DeleteObjectAsync(caller, number, id, ct)).Match(_ => TypedResults.NoContent()))
            .WithSummary("Remove a covered object; 409 while a schedule follows it")
            .Allow(ContractService.Editors, AccessScope.Unit);
        api.MapGet("/{number}/objects/{id:guid}/readings", async (string number, Guid id, Caller caller, ContractService s, CancellationToken ct) =>
                (await s.ReadingsAsync(caller, number, id, ct)).Match(TypedResults.Ok))
            .WithSummary("Meter readings of an object, newest first")
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapPost("/{number}/objects/{id:guid}/readings", async (string number, Guid id, MeterReadingInput body, Caller caller, ContractService s, CancellationToken ct) =>
                (await s.AddReadingAsync(caller, number, id, body, ct)).Match(r => TypedResults.Created($"/api/v1/contracts/{number}/objects/{id}/readings", r)))
            .WithSummary("Record a meter reading (readOn, value); meter schedules of the object are re-predicted")
            .Allow(ContractService.ReadingRecorders, AccessScope.Unit);
        api.MapPost("/{number}/schedules", async (string number, ScheduleInput body, Caller caller, ContractService s, CancellationToken ct) =>
                (await s.AddScheduleAsync(caller, number, body, ct)).Match(x => TypedResults.Created($"/api/v1/contracts/{number}/schedules/{x.Id}", x)))
            .WithSummary("Add a preventive schedule: kind interval (intervalMonths, anchorDate) or meter (coveredObjectId, meterInterval); leadDays, requestType (default MNT)")
            .Allow(ContractService.Editors, AccessScope.Unit);
        api.MapPut("/{number}/schedules/{id:guid}", async (string number, Guid id, ScheduleInput body, Caller caller, ContractService s, CancellationToken ct) =>
                (await s.UpdateScheduleAsync(caller, number, id, body, ct)).Match(TypedResults.Ok))
            .WithSummary("Edit a schedule (with its version); isActive false pauses it")
            .Allow(ContractService.Editors, AccessScope.Unit);
        api.MapDelete("/{number}/schedules/{id:guid}", async (string number, Guid id, Caller caller, ContractService s, CancellationToken ct) =>
                (await s.DeleteScheduleAsync(caller, number, id, ct)).Match(_ => TypedResults.NoContent()))
            .WithSummary("Delete a schedule that has not created requests yet (409 otherwise: deactivate it)")
            .Allow(ContractService.Editors, AccessScope.Unit);

        app.MapGet("/api/v1/customers/{id:guid}/contracts", async (Guid id, Caller caller, ContractService s, CancellationToken ct) =>
                (await s.ForCustomerAsync(caller, id, ct)).Match(TypedResults.Ok))
            .WithTags("Contracts")
            .WithSummary("The customer's contracts the caller may see, newest first")
            .Allow(Roles.Staff, AccessScope.Unit);
    }

    private static async Task<Results<Ok<Page<ContractListItem>>, ApiProblem>> List(
        Caller caller, ContractService s, Guid? customerId, [OneOf(typeof(ContractState))] string? state, [FromQuery(Name = "expiringWithin")] int? expiringWithin, string? after, int? limit,
        CancellationToken ct)
    {
        ContractState? parsed = null;
        if (state is not null)
        {
            var normalized = state.Replace("-", "", StringComparison.Ordinal);
            if (int.TryParse(normalized, out _) || !Enum.TryParse<ContractState>(normalized, ignoreCase: true, out var value))
            {
                return Error.Validation("state", "Must be one of: draft, active, expired, terminated.").ToProblem();
            }

            parsed = value;
        }

        return (await s.ListAsync(caller, new ContractQuery(customerId, parsed, expiringWithin, after, limit ?? 50), ct)).Match(TypedResults.Ok);
    }
}
