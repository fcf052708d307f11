using Kefu.Core.Sla;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Sla;

/// <summary>The SLA panel of the request page: level, green channel, and each target's due time, remaining time and state.</summary>
public sealed class SlaPanelViewComponent(SlaReads reads) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string number)
    {
        var result = await reads.ForRequestAsync(HttpContext.Caller(), number, HttpContext.RequestAborted);
        return View("/Features/Sla/_SlaPanel.cshtml", result.IsSuccess ? result.Value : null);
    }
}

/// <summary>Colours and texts of SLA states, shared by the list, the panel and the dashboard.</summary>
public static class SlaLabels
{
    public static string Badge(SlaState? state) => state switch
    {
        SlaState.OnTrack => "text-bg-success",
        SlaState.Warning => "text-bg-warning",
        SlaState.Breached => "text-bg-danger",
        SlaState.Paused => "text-bg-secondary",
        SlaState.Met => "text-bg-light border",
        _ => "text-bg-light border text-body-secondary",
    };

    public static string ClockBadge(SlaClockState state, bool warned) => state switch
    {
        SlaClockState.Running => warned ? "text-bg-warning" : "text-bg-success",
        SlaClockState.Paused => "text-bg-secondary",
        SlaClockState.Met => "text-bg-light border",
        _ => "text-bg-danger",
    };

    /// <summary>Working minutes as "2d 3h 10m" (a working day of the calendar is not assumed: days only above 24 h).</summary>
    public static string Duration(int minutes)
    {
        var t = TimeSpan.FromMinutes(Math.Abs(minutes));
        var text = t.TotalDays >= 1 ? $"{(int)t.TotalDays}d {t.Hours}h" : t.TotalHours >= 1 ? $"{t.Hours}h {t.Minutes}m" : $"{t.Minutes}m";
        return minutes < 0 ? "-" + text : text;
    }

    /// <summary>Wall-clock time until (or since, negative) a due time, for lists.</summary>
    public static string Until(DateTime due, TimeProvider time) => Duration((int)Math.Round((due - time.GetUtcNow().UtcDateTime).TotalMinutes));
}
