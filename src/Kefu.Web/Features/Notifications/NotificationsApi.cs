using Kefu.Core.Notifications;
using Kefu.Core.Security;
using Kefu.Web.Infrastructure;

namespace Kefu.Web.Features.Notifications;

public static class NotificationsApi
{
    public static void MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization();
        api.MapGet("/", async (bool? unreadOnly, int? limit, Caller caller, NotificationService s, CancellationToken ct) =>
                TypedResults.Ok(await s.ListAsync(caller, unreadOnly ?? false, limit ?? 50, ct)))
            .WithSummary("The caller's notifications, newest first, with the unread count")
            .AllowSignedIn(AccessScope.Own);
        api.MapPost("/{id:guid}/read", async (Guid id, Caller caller, NotificationService s, CancellationToken ct) =>
            (await s.MarkReadAsync(caller, id, ct)).Match(_ => TypedResults.NoContent()))
            .AllowSignedIn(AccessScope.Own);
        api.MapPost("/read-all", async (Caller caller, NotificationService s, CancellationToken ct) =>
            (await s.MarkReadAsync(caller, null, ct)).Match(_ => TypedResults.NoContent()))
            .AllowSignedIn(AccessScope.Own);
    }
}
