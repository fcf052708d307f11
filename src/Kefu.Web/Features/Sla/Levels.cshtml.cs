using Kefu.Core.Sla;
using Kefu.Web.Features.Shared;

namespace Kefu.Web.Features.Sla;

/// <summary>The service levels (SLA-1) with their targets; administrators open one to edit it.</summary>
public sealed class LevelsModel(ServiceLevelService levels) : KefuPageModel
{
    public IReadOnlyList<ServiceLevelDto> Levels { get; private set; } = [];

    public bool CanEdit => Caller.IsAdministrator;

    public async Task OnGetAsync(CancellationToken ct) => Levels = await levels.ListAsync(ct);
}
