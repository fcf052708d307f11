using System.Globalization;
using System.Text.RegularExpressions;
using Kefu.Core.Common;
using Kefu.Core.ServiceRequests;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.RequestTypes;

/// <summary>
/// One request type and its user-status profile (SRQ-2, SRQ-4): names, statuses (rows; two blank rows add statuses),
/// the allowed transitions as a from × to grid, and the initial status.
/// </summary>
public sealed partial class EditModel(RequestTypeService types) : KefuPageModel
{
    /// <summary>Blank rows offered for new statuses; rows left blank are ignored.</summary>
    public const int BlankRows = 2;

    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        ["A profile needs at least one status."] = "RequestTypes.Error.NoStatus",
        ["1 to 10 letters, digits or '_'."] = "RequestTypes.Error.Code",
        ["Exactly one status is the initial status."] = "RequestTypes.Error.OneInitial",
        ["A status cannot lead to itself."] = "RequestTypes.Error.SelfTransition",
    };

    [BindProperty]
    public RequestTypeForm Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    public RequestTypeDto? Type { get; private set; }

    /// <summary>Rows that existed when the form was read: the transition grid is drawn over them.</summary>
    public IReadOnlyList<int> GridRows => Enumerable.Range(0, Input.Statuses.Count).Where(i => !Input.Statuses[i].IsNew).ToList();

    public static string Cell(int from, int to) => string.Create(CultureInfo.InvariantCulture, $"{from}-{to}");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await types.GetAsync(Code, ct);
        if (!result.IsSuccess)
        {
            return Fail(result.Error!);
        }

        Type = result.Value;
        Input = RequestTypeForm.From(Type);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var current = await types.GetAsync(Code, ct);
        if (!current.IsSuccess)
        {
            return Fail(current.Error!);
        }

        Type = current.Value;

        // Row index in the form of each status sent to Core (removed and blank rows are left out).
        var kept = Enumerable.Range(0, Input.Statuses.Count)
            .Where(i => !Input.Statuses[i].Remove && !Input.Statuses[i].IsBlank)
            .ToList();
        var statuses = kept.Select(i => Input.Statuses[i]).Select((s, n) => new StatusDefinitionDto(
            s.Code ?? "", s.LabelZh ?? "", s.LabelEn ?? "", s.SystemStatus, s.Roles, kept[n] == Input.InitialRow, s.WaitsForCustomer, s.OnSite)).ToList();
        var transitions = Input.Grid
            .Select(ParseCell)
            .Where(c => c is not null && kept.Contains(c.Value.From) && kept.Contains(c.Value.To))
            .Select(c => new TransitionDefinition(Input.Statuses[c!.Value.From].Code?.Trim() ?? "", Input.Statuses[c.Value.To].Code?.Trim() ?? ""))
            .ToList();

        var result = await types.UpdateAsync(
            Caller, Code, new RequestTypeInput(Input.NameZh, Input.NameEn, Input.IsActive, statuses, transitions, Input.Version), ct);
        if (result.IsSuccess)
        {
            Flash("RequestTypes.Saved", result.Value.Code);
            return RedirectToPage(new { code = result.Value.Code });
        }

        var error = result.Error!;
        if (error.Kind != ErrorKind.Validation || error.Fields is not { Count: > 0 } fields)
        {
            return Fail(error);
        }

        foreach (var (field, messages) in fields)
        {
            var mapped = MapField(field, kept);
            var row = StatusIndex().Match(mapped);
            var key = ModelKey("Input", mapped);
            foreach (var message in messages)
            {
                // Row errors say which row they belong to, so that the summary alone is clear.
                ModelState.AddModelError(key, row.Success
                    ? L["RequestTypes.RowError", int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture) + 1, Translate(message)]
                    : Translate(message));
            }
        }

        return Page();
    }

    /// <summary><c>statuses[2].code</c> names the third status sent; the page shows it on the row it came from.</summary>
    private static string MapField(string field, List<int> kept)
    {
        if (field.StartsWith("transitions", StringComparison.Ordinal))
        {
            return "transitions";
        }

        var m = StatusIndex().Match(field);
        return m.Success && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) is var n && n < kept.Count
            ? string.Create(CultureInfo.InvariantCulture, $"statuses[{kept[n]}]{field[m.Length..]}")
            : field;
    }

    private string Translate(string message)
    {
        if (Messages.TryGetValue(message, out var key))
        {
            return L[key];
        }

        var twice = DefinedTwice().Match(message);
        return twice.Success ? L["RequestTypes.Error.Duplicate", twice.Groups[1].Value] : Labels.Message(L, message);
    }

    private static (int From, int To)? ParseCell(string cell)
    {
        var parts = cell.Split('-');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var to)
            ? (from, to)
            : null;
    }

    [GeneratedRegex(@"^statuses\[(\d+)\]")]
    private static partial Regex StatusIndex();

    [GeneratedRegex(@"^Status '(.*)' is defined twice\.$")]
    private static partial Regex DefinedTwice();
}

public sealed class RequestTypeForm
{
    public string? NameZh { get; set; }

    public string? NameEn { get; set; }

    public bool IsActive { get; set; }

    public List<StatusRow> Statuses { get; set; } = [];

    /// <summary>The row index of the initial status.</summary>
    public int? InitialRow { get; set; }

    /// <summary>Checked cells of the transition grid as <c>fromRow-toRow</c>.</summary>
    public List<string> Grid { get; set; } = [];

    public int? Version { get; set; }

    public static RequestTypeForm From(RequestTypeDto t)
    {
        var rows = t.Statuses.Select(s => new StatusRow
        {
            Code = s.Code,
            LabelZh = s.LabelZh,
            LabelEn = s.LabelEn,
            SystemStatus = s.SystemStatus,
            Roles = s.Roles.ToList(),
            WaitsForCustomer = s.WaitsForCustomer,
            OnSite = s.OnSite,
        }).ToList();
        var index = t.Statuses.Select((s, i) => (s.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        var form = new RequestTypeForm
        {
            NameZh = t.NameZh,
            NameEn = t.NameEn,
            IsActive = t.IsActive,
            InitialRow = t.Statuses.Select((s, i) => (s, i)).Where(x => x.s.IsInitial).Select(x => (int?)x.i).FirstOrDefault(),
            Grid = t.Transitions.Where(x => index.ContainsKey(x.From) && index.ContainsKey(x.To))
                .Select(x => EditModel.Cell(index[x.From], index[x.To])).ToList(),
            Version = t.Version,
        };
        for (var i = 0; i < EditModel.BlankRows; i++)
        {
            rows.Add(new StatusRow { IsNew = true });
        }

        form.Statuses = rows;
        return form;
    }
}

public sealed class StatusRow
{
    public string? Code { get; set; }

    public string? LabelZh { get; set; }

    public string? LabelEn { get; set; }

    public SystemStatus SystemStatus { get; set; }

    public List<string> Roles { get; set; } = [];

    public bool WaitsForCustomer { get; set; }

    /// <summary>Reaching the status meets the SLA on-site arrival target.</summary>
    public bool OnSite { get; set; }

    /// <summary>A row added on this page (not part of the transition grid yet).</summary>
    public bool IsNew { get; set; }

    public bool Remove { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Code) && string.IsNullOrWhiteSpace(LabelZh) && string.IsNullOrWhiteSpace(LabelEn);
}
