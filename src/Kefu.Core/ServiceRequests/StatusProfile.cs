using Kefu.Core.Common;
using Kefu.Core.Security;

namespace Kefu.Core.ServiceRequests;

/// <summary>System statuses every request type shares (SRQ-4); user statuses map onto them.</summary>
public enum SystemStatus
{
    Outstanding = 0,
    Postponed = 1,
    InProcess = 2,
    Completed = 3,
}

/// <summary>
/// A user status of a request type: its code (e.g. KCJS), labels, the system status it implies, and the roles that
/// may set it (empty: any staff). <see cref="WaitsForCustomer"/> pauses SLA clocks; reaching an <see cref="OnSite"/> status meets
/// the on-site arrival target.
/// </summary>
public sealed record StatusDefinition(
    string Code,
    string LabelZh,
    string LabelEn,
    SystemStatus SystemStatus,
    IReadOnlySet<string> Roles,
    bool IsInitial = false,
    bool WaitsForCustomer = false,
    bool OnSite = false)
{
    public bool MaySet(Caller caller) => Roles.Count == 0 || caller.IsAdministrator || caller.IsInAny(Roles);
}

public sealed record TransitionDefinition(string From, string To);

/// <summary>
/// The status machine of one request type, as data (SRQ-4). This class is the only interpreter of it:
/// it answers which statuses come next and refuses transitions that are not allowed, or not for the caller's role.
/// </summary>
public sealed class StatusProfile
{
    private readonly Dictionary<string, StatusDefinition> byCode;
    private readonly ILookup<string, string> next;

    private StatusProfile(IReadOnlyList<StatusDefinition> statuses, IReadOnlyList<TransitionDefinition> transitions)
    {
        Statuses = statuses;
        Transitions = transitions;
        byCode = statuses.ToDictionary(s => s.Code, StringComparer.Ordinal);
        next = transitions.ToLookup(t => t.From, t => t.To, StringComparer.Ordinal);
        Initial = statuses.Single(s => s.IsInitial);
    }

    public IReadOnlyList<StatusDefinition> Statuses { get; }

    public IReadOnlyList<TransitionDefinition> Transitions { get; }

    public StatusDefinition Initial { get; }

    public StatusDefinition? Find(string code) => byCode.GetValueOrDefault(code);

    /// <summary>Checks a profile as an administrator edits it; field names match the request-type API.</summary>
    public static Result<StatusProfile> Create(IReadOnlyList<StatusDefinition> statuses, IReadOnlyList<TransitionDefinition> transitions)
    {
        var e = new ValidationErrors();
        if (statuses.Count == 0)
        {
            e.Add("statuses", "A profile needs at least one status.");
        }

        for (var i = 0; i < statuses.Count; i++)
        {
            var s = statuses[i];
            if (string.IsNullOrWhiteSpace(s.Code) || s.Code.Length > 10 || !s.Code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
            {
                e.Add($"statuses[{i}].code", "1 to 10 letters, digits or '_'.");
            }

            e.Required($"statuses[{i}].labelZh", s.LabelZh, 50);
            e.Required($"statuses[{i}].labelEn", s.LabelEn, 50);
            if (s.Roles.FirstOrDefault(r => !Security.Roles.IsKnown(r)) is string role)
            {
                e.Add($"statuses[{i}].roles", $"Unknown role '{role}'.");
            }
        }

        if (statuses.GroupBy(s => s.Code, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } dup)
        {
            e.Add("statuses", $"Status '{dup.Key}' is defined twice.");
        }

        if (statuses.Count(s => s.IsInitial) != 1)
        {
            e.Add("statuses", "Exactly one status is the initial status.");
        }

        var codes = statuses.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < transitions.Count; i++)
        {
            var t = transitions[i];
            if (!codes.Contains(t.From) || !codes.Contains(t.To))
            {
                e.Add($"transitions[{i}]", $"'{t.From} → {t.To}' names a status that is not in the profile.");
            }
            else if (t.From == t.To)
            {
                e.Add($"transitions[{i}]", "A status cannot lead to itself.");
            }
        }

        return e.Any ? e.ToError() : new StatusProfile(statuses, transitions.Distinct().ToList());
    }

    /// <summary>The statuses the caller may move a request to from <paramref name="current"/>.</summary>
    public IReadOnlyList<StatusDefinition> NextFor(string current, Caller caller) =>
        next[current].Select(code => byCode[code]).Where(s => s.MaySet(caller)).ToList();

    /// <summary>Allows or refuses <paramref name="current"/> → <paramref name="target"/> for the caller, with a clear reason.</summary>
    public Result<StatusDefinition> Check(string current, string target, Caller caller)
    {
        if (!byCode.TryGetValue(target, out var to))
        {
            return Error.Validation("to", $"'{target}' is not a status of this request type.");
        }

        if (!next[current].Contains(target, StringComparer.Ordinal))
        {
            var allowed = string.Join(", ", next[current]);
            return new Error(
                ErrorKind.Conflict,
                "Transition.NotAllowed",
                allowed.Length == 0
                    ? $"A request in status {current} cannot change status."
                    : $"A request in status {current} cannot go to {target}; allowed: {allowed}.");
        }

        if (!to.MaySet(caller))
        {
            return new Error(
                ErrorKind.Forbidden,
                "Transition.RoleNotAllowed",
                $"Only {string.Join(", ", to.Roles)} may set status {target}.");
        }

        return to;
    }
}
