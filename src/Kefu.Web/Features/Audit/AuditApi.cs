using Kefu.Core.Audit;
using Kefu.Core.Security;
using Kefu.Web.Infrastructure;

namespace Kefu.Web.Features.Audit;

public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(KefuHost.AdminPolicy)
            .MapGet("/", async (string? entity, string? entityKey, string? user, long? before, int? limit, Caller caller, AuditService audit, CancellationToken ct) =>
                (await audit.ListAsync(caller, new AuditQuery(entity, entityKey, user, before, limit ?? 50), ct)).Match(TypedResults.Ok))
            .WithSummary("Every change: who, when, entity, key, before and after (newest first; page with before=<next>)")
            .Allow(Roles.Administrator);
    }
}
