using Kefu.Core.Common;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Kefu.Web.Infrastructure;

namespace Kefu.Web.Features.Organization;

public sealed record OrgUnitRequest(string? Code, string? Name, [property: OneOf(typeof(OrgUnitKind))] string? Kind, Guid? ParentId, int? Version, bool IsLogistics = false);

public static class OrganizationApi
{
    public static void MapOrganizationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/org-units").WithTags("Organisation").RequireAuthorization(KefuHost.StaffPolicy);
        api.MapGet("/", async (Caller caller, OrganizationService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(caller, ct)))
            .WithSummary("Organisation units: company → region → responsibility centre → work centre")
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapGet("/{id:guid}", async (Guid id, Caller caller, OrganizationService s, CancellationToken ct) =>
            (await s.GetAsync(caller, id, ct)).Match(TypedResults.Ok))
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapPost("/", async (OrgUnitRequest body, Caller caller, OrganizationService s, CancellationToken ct) =>
            (await s.CreateAsync(caller, new OrgUnitInput(body.Code, body.Name, body.Kind, body.ParentId, body.IsLogistics), ct))
                .Match(u => TypedResults.Created($"/api/v1/org-units/{u.Id}", u)))
            .Allow(Roles.Administrator, AccessScope.Unit);
        api.MapPut("/{id:guid}", async (Guid id, OrgUnitRequest body, Caller caller, OrganizationService s, CancellationToken ct) =>
            body.Version is int v
                ? (await s.UpdateAsync(caller, id, v, new OrgUnitInput(body.Code, body.Name, body.Kind, body.ParentId, body.IsLogistics), ct)).Match(TypedResults.Ok)
                : Error.Validation("version", "Required: the version you read.").ToProblem())
            .Allow(Roles.Administrator, AccessScope.Unit);
        api.MapDelete("/{id:guid}", async (Guid id, int? version, Caller caller, OrganizationService s, CancellationToken ct) =>
            version is int v
                ? (await s.DeleteAsync(caller, id, v, ct)).Match(_ => TypedResults.NoContent())
                : Error.Validation("version", "Required: the version you read.").ToProblem())
            .Allow(Roles.Administrator, AccessScope.Unit);
    }
}
