using Kefu.Core.Security;
using Kefu.Core.Sla;
using Kefu.Web.Infrastructure;

namespace Kefu.Web.Features.Sla;

public sealed record GreenChannelInput(bool GreenChannel);

public static class SlaApi
{
    public static void MapSlaApi(this IEndpointRouteBuilder app)
    {
        var levels = app.MapGroup("/api/v1/service-levels").WithTags("SLA").RequireAuthorization(KefuHost.StaffPolicy);
        levels.MapGet("/", async (ServiceLevelService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)))
            .WithSummary("Service levels (SLA-1) with targets per urgency in working minutes, covered request types and default-for types")
            .Allow(Roles.Staff);
        levels.MapGet("/{code}", async (string code, ServiceLevelService s, CancellationToken ct) => (await s.GetAsync(code, ct)).Match(TypedResults.Ok))
            .Allow(Roles.Staff);
        levels.MapPost("/", async (ServiceLevelInput body, Caller caller, ServiceLevelService s, CancellationToken ct) =>
                (await s.CreateAsync(caller, body, ct)).Match(l => TypedResults.Created($"/api/v1/service-levels/{l.Code}", l)))
            .WithSummary("Create a service level")
            .Allow(Roles.Administrator);
        levels.MapPut("/{code}", async (string code, ServiceLevelInput body, Caller caller, ServiceLevelService s, CancellationToken ct) =>
                (await s.UpdateAsync(caller, code, body, ct)).Match(TypedResults.Ok))
            .WithSummary("Edit a service level; send the version you read (409 when stale). Applies to requests recorded afterwards")
            .Allow(Roles.Administrator);

        var sla = app.MapGroup("/api/v1").WithTags("SLA").RequireAuthorization(KefuHost.StaffPolicy);
        sla.MapGet("/service-requests/{number}/sla", async (string number, Caller caller, SlaReads s, CancellationToken ct) =>
                (await s.ForRequestAsync(caller, number, ct)).Match(TypedResults.Ok))
            .WithSummary("A request's SLA: level, green channel, state, and each clock's due time, remaining working minutes and pauses")
            .Allow(Roles.Staff, AccessScope.Unit);
        sla.MapGet("/sla/breaches", async (DateOnly? from, DateOnly? to, Caller caller, SlaReads s, CancellationToken ct) =>
                (await s.BreachesAsync(caller, from, to, ct)).Match(TypedResults.Ok))
            .WithSummary("Recorded SLA breaches of the caller's units (from/to: UTC dates, inclusive), newest first, up to 1,000")
            .Allow(Roles.Staff, AccessScope.Unit);
        sla.MapGet("/customers/{id:guid}/green-channel", async (Guid id, Caller caller, ServiceLevelService s, CancellationToken ct) =>
                (await s.GreenChannelAsync(caller, id, ct)).Match(TypedResults.Ok))
            .WithSummary("Whether a customer is on the green channel (SLA-5), by class or by a supervisor's flag")
            .Allow(Roles.Staff, AccessScope.Unit);
        sla.MapPut("/customers/{id:guid}/green-channel", async (Guid id, GreenChannelInput body, Caller caller, ServiceLevelService s, CancellationToken ct) =>
                (await s.SetGreenChannelAsync(caller, id, body.GreenChannel, ct)).Match(TypedResults.Ok))
            .WithSummary("Supervisor: put a customer on the green channel or take it off (requests recorded afterwards)")
            .Allow(ServiceLevelService.GreenChannelSetters, AccessScope.Unit);
    }
}
