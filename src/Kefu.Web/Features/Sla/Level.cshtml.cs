using Kefu.Core.ServiceRequests;
using Kefu.Core.Sla;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Sla;

/// <summary>Edits one service level (administrators): names, targets per urgency, types, warning threshold and green channel.</summary>
public sealed class LevelModel(ServiceLevelService levels) : KefuPageModel
{
    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty]
    public LevelForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Caller.IsAdministrator)
        {
            return Forbid();
        }

        var level = await levels.GetAsync(Code, ct);
        if (!level.IsSuccess)
        {
            return Fail(level.Error!);
        }

        Input = LevelForm.From(level.Value);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Caller.IsAdministrator)
        {
            return Forbid();
        }

        var result = await levels.UpdateAsync(Caller, Code, Input.ToInput(), ct);
        if (result.IsSuccess)
        {
            Flash("Sla.Saved", Code);
            return RedirectToPage("/Sla/Levels");
        }

        return Fail(result.Error!);
    }
}

public sealed class LevelForm
{
    public string? NameZh { get; set; }

    public string? NameEn { get; set; }

    public bool IsActive { get; set; }

    /// <summary>Rows in urgency order Low, Normal, High, Emergency.</summary>
    public List<TargetRow> Targets { get; set; } = [];

    public string? CoveredTypes { get; set; }

    public string? DefaultForTypes { get; set; }

    public int? WarningPercent { get; set; }

    public int? GreenChannelPercent { get; set; }

    public bool GreenSkipsApproval { get; set; }

    public int? Version { get; set; }

    public static LevelForm From(ServiceLevelDto l) => new()
    {
        NameZh = l.NameZh,
        NameEn = l.NameEn,
        IsActive = l.IsActive,
        Targets = l.Targets.Select(t => new TargetRow
        {
            Urgency = t.Urgency, FirstResponse = t.FirstResponseMinutes, Arrival = t.ArrivalMinutes, Resolution = t.ResolutionMinutes,
        }).ToList(),
        CoveredTypes = string.Join(",", l.CoveredTypes),
        DefaultForTypes = string.Join(",", l.DefaultForTypes),
        WarningPercent = l.WarningPercent,
        GreenChannelPercent = l.GreenChannelPercent,
        GreenSkipsApproval = l.GreenSkipsApproval,
        Version = l.Version,
    };

    public ServiceLevelInput ToInput() => new(
        null, NameZh, NameEn, IsActive,
        Targets.Select(t => new UrgencyTargets(t.Urgency, t.FirstResponse, t.Arrival, t.Resolution)).ToList(),
        Split(CoveredTypes), Split(DefaultForTypes), WarningPercent, GreenChannelPercent, GreenSkipsApproval, Version);

    private static List<string> Split(string? codes) =>
        (codes ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.ToUpperInvariant()).ToList();
}

public sealed class TargetRow
{
    public Urgency Urgency { get; set; }

    public int? FirstResponse { get; set; }

    public int? Arrival { get; set; }

    public int? Resolution { get; set; }
}
