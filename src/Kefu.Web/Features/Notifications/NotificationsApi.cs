using Kefu.Core.Notifications;
using Kefu.Web.Features.Shared;
using Kefu.Web.Infrastructure;

namespace Kefu.Web.Features.Notifications;

public static class NotificationsApi
{
    public static void MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization();
        api.MapGet("/", async (bool? unreadOnly, int? limit, HttpContext http, NotificationService s, CancellationToken ct) =>
                TypedResults.Ok(await s.ListAsync(http.Caller(), unreadOnly ?? false, limit ?? 50, ct)))
            .WithSummary("The caller's notifications, newest first, with the unread count");
        api.MapPost("/{id:guid}/read", async (Guid id, HttpContext http, NotificationService s, CancellationToken ct) =>
            (await s.MarkReadAsync(http.Caller(), id, ct)).Match(_ => TypedResults.NoContent()));
        api.MapPost("/read-all", async (HttpContext http, NotificationService s, CancellationToken ct) =>
            (await s.MarkReadAsync(http.Caller(), null, ct)).Match(_ => TypedResults.NoContent()));
    }
}
