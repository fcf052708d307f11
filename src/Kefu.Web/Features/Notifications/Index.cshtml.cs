using Kefu.Core.Notifications;
using Kefu.Core.Security;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Notifications;

/// <summary>The caller's in-app notices (emergencies, approvals, hand-overs) with mark-read.</summary>
public sealed class IndexModel(NotificationService notifications) : KefuPageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Unread { get; set; }

    public NotificationList List { get; private set; } = new(0, []);

    /// <summary>Where a notice leads: a local path as is, a request number (the notices of requests carry it) to the request.</summary>
    public static string? Href(string? link) => link switch
    {
        null or "" => null,
        _ when link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) => link,
        _ when link.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') => "/ServiceRequests/Details?number=" + Uri.EscapeDataString(link),
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Caller.IsInAny(Roles.Staff))
        {
            return Forbid();
        }

        List = await notifications.ListAsync(Caller, Unread, 100, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReadAsync(Guid? id, CancellationToken ct)
    {
        if (!Caller.IsInAny(Roles.Staff))
        {
            return Forbid();
        }

        var result = await notifications.MarkReadAsync(Caller, id, ct);
        if (!result.IsSuccess)
        {
            return Fail(result.Error!);
        }

        Flash(id is null ? "Notifications.AllRead" : "Notifications.MarkedRead");
        return RedirectToPage(new { unread = Unread ? true : (bool?)null });
    }
}
