using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Kefu.Core.Common;

namespace Kefu.Core.Classification;

/// <summary>A cut-off of an ABC scheme: customers whose cumulative share before them is below <see cref="UpTo"/> get <see cref="Class"/>.</summary>
public sealed record AbcCut(string Class, decimal UpTo);

/// <summary>
/// ABC (Pareto) settings. Customers are ordered by <see cref="Measure"/> (descending); a customer gets the first cut-off whose
/// <c>UpTo</c> is above the share (of value, or of count with <see cref="Basis"/> <c>count</c>) held by the customers strictly
/// before him. Equal values get the same class; customers with no positive value get <see cref="Rest"/>.
/// <see cref="WindowMonths"/>: the scheme's own window (months back from today) over which a transaction measure (revenue, purchases,
/// maxSinglePurchase) is computed directly from the transactions; null uses the shared metrics window of the cost settings.
/// </summary>
public sealed record AbcSettings(
    string Measure, string Basis, IReadOnlyList<AbcCut> Cuts, string Rest,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? WindowMonths = null)
{
    /// <summary>The measures an own window can be computed for (from transactions).</summary>
    public static readonly IReadOnlyList<string> WindowMeasures = ["revenue", "purchases", "maxSinglePurchase"];
}

/// <summary>One ordered rule of a threshold scheme: all minimums and maximums on metrics must hold.</summary>
public sealed record ThresholdRule(string Class, IReadOnlyDictionary<string, decimal>? Min, IReadOnlyDictionary<string, decimal>? Max);

/// <summary>Threshold settings (value tiers, membership levels): the first rule that holds gives the class, else <see cref="Otherwise"/>.</summary>
public sealed record ThresholdSettings(IReadOnlyList<ThresholdRule> Rules, string Otherwise);

/// <summary>
/// Lifecycle settings. potential = no purchase; new = first purchase within <see cref="NewDays"/>; lost/at-risk when the days since
/// the last purchase exceed <see cref="LostFactor"/> / <see cref="AtRiskFactor"/> × the customer's own mean interval (at least
/// <see cref="MinIntervalDays"/>; <see cref="SinglePurchaseIntervalDays"/> for one purchase); loyal = at least
/// <see cref="LoyalMinPurchases"/> purchases over at least <see cref="LoyalMinMonths"/> months; else active.
/// </summary>
public sealed record LifecycleSettings(
    int NewDays, decimal AtRiskFactor, decimal LostFactor, int MinIntervalDays, int SinglePurchaseIntervalDays, int LoyalMinPurchases,
    int LoyalMinMonths);

/// <summary>Rule scheme settings: ordered (class, expression) pairs, first match wins; customers matching none have no class.</summary>
public sealed record RuleSettings(IReadOnlyList<RuleClass> Rules);

public sealed record RuleClass(string Class, string Expression);

public sealed record CostSettingsDto(
    int WindowMonths, decimal CostPerRequest, decimal CostPerVisit, decimal CostPerComplaint, decimal CostPerItemUnit,
    IReadOnlyList<string> ComplaintTypeCodes, int Version = 0);

/// <summary>The metrics every scheme reads: API name → column of <c>customer_metrics</c>.</summary>
public static class Metrics
{
    public static readonly IReadOnlyDictionary<string, string> Columns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["revenue"] = "Revenue",
        ["purchases"] = "Purchases",
        ["maxSinglePurchase"] = "MaxSinglePurchase",
        ["lifetimeRevenue"] = "LifetimeRevenue",
        ["lifetimePurchases"] = "LifetimePurchases",
        ["daysSinceFirstPurchase"] = "DaysSinceFirstPurchase",
        ["daysSinceLastPurchase"] = "DaysSinceLastPurchase",
        ["meanIntervalDays"] = "MeanIntervalDays",
        ["requests"] = "Requests",
        ["visits"] = "Visits",
        ["complaints"] = "Complaints",
        ["itemUnits"] = "ItemUnits",
        ["costToServe"] = "CostToServe",
        ["profit"] = "Profit",
        ["consecutivePurchases"] = "ConsecutivePurchases",
    };
}

/// <summary>Reads, validates and writes the settings JSON of each scheme kind.</summary>
public static partial class SchemeSettings
{
    public static readonly JsonSerializerOptions Json = JsonInput.StrictOptions(new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    });

    [GeneratedRegex("^[A-Za-z0-9_-]{1,20}$")]
    public static partial Regex CodePattern();

    public static string Serialize(object settings) => JsonSerializer.Serialize(settings, settings.GetType(), Json);

    public static Type TypeOf(SchemeKind kind) => kind switch
    {
        SchemeKind.Abc => typeof(AbcSettings),
        SchemeKind.Threshold => typeof(ThresholdSettings),
        SchemeKind.Lifecycle => typeof(LifecycleSettings),
        _ => typeof(RuleSettings),
    };

    /// <summary>Parses and checks settings of a kind; field errors are named <c>settings.…</c>.</summary>
    public static Result<object> Parse(SchemeKind kind, JsonElement? json)
    {
        if (json is not JsonElement element || element.ValueKind != JsonValueKind.Object)
        {
            return Error.Validation("settings", "Required: an object.");
        }

        object? settings;
        try
        {
            settings = element.Deserialize(TypeOf(kind), Json);
        }
        catch (JsonException ex)
        {
            return Error.Validation(
                JsonInput.FieldOf(ex, "settings"),
                ex is JsonInputException ? ex.Message.Split(" Path:")[0] : "Not valid settings for this kind of scheme: " + ex.Message);
        }

        var e = new ValidationErrors();
        switch (settings)
        {
            case AbcSettings abc:
                CheckAbc(abc, e);
                break;
            case ThresholdSettings t:
                CheckThreshold(t, e);
                break;
            case LifecycleSettings l:
                CheckLifecycle(l, e);
                break;
            case RuleSettings r:
                if (r.Rules is null || r.Rules.Count == 0)
                {
                    e.Add("settings.rules", "At least one rule.");
                }

                break;
            default:
                e.Add("settings", "Required.");
                break;
        }

        return e.Any ? Result<object>.Failure(e.ToError()) : Result<object>.Success(settings!);
    }

    public static object Read(SchemeKind kind, string json) =>
        JsonSerializer.Deserialize(json, TypeOf(kind), Json) ?? throw new InvalidOperationException("Empty scheme settings.");

    /// <summary>Class codes the settings can assign.</summary>
    public static IEnumerable<string> ClassesOf(object settings) => settings switch
    {
        AbcSettings a => a.Cuts.Select(c => c.Class).Append(a.Rest),
        ThresholdSettings t => t.Rules.Select(r => r.Class).Append(t.Otherwise),
        LifecycleSettings => Lifecycle.All,
        RuleSettings r => r.Rules.Select(x => x.Class),
        _ => [],
    };

    private static void CheckAbc(AbcSettings abc, ValidationErrors e)
    {
        if (abc.Measure is null || !Metrics.Columns.ContainsKey(abc.Measure))
        {
            e.Add("settings.measure", "One of: " + string.Join(", ", Metrics.Columns.Keys) + ".");
        }

        if (abc.Basis is not ("value" or "count"))
        {
            e.Add("settings.basis", "value or count.");
        }

        if (abc.Cuts is null || abc.Cuts.Count == 0)
        {
            e.Add("settings.cuts", "At least one cut-off.");
            return;
        }

        decimal previous = 0;
        for (var i = 0; i < abc.Cuts.Count; i++)
        {
            var cut = abc.Cuts[i];
            if (cut.UpTo <= previous || cut.UpTo > 1)
            {
                e.Add($"settings.cuts[{i}].upTo", "Shares rise from cut-off to cut-off, between 0 and 1.");
            }

            previous = cut.UpTo;
            CheckCode(cut.Class, $"settings.cuts[{i}].class", e);
        }

        CheckCode(abc.Rest, "settings.rest", e);
        if (abc.WindowMonths is int months)
        {
            if (months is < 1 or > 120)
            {
                e.Add("settings.windowMonths", "Between 1 and 120 months.");
            }
            else if (abc.Measure is not null && !AbcSettings.WindowMeasures.Contains(abc.Measure))
            {
                e.Add("settings.windowMonths", "An own window only for revenue, purchases or maxSinglePurchase; leave it empty for other measures.");
            }
        }
    }

    private static void CheckThreshold(ThresholdSettings t, ValidationErrors e)
    {
        if (t.Rules is null)
        {
            e.Add("settings.rules", "Required.");
            return;
        }

        for (var i = 0; i < t.Rules.Count; i++)
        {
            var rule = t.Rules[i];
            CheckCode(rule.Class, $"settings.rules[{i}].class", e);
            foreach (var name in (rule.Min?.Keys ?? []).Concat(rule.Max?.Keys ?? []))
            {
                if (!Metrics.Columns.ContainsKey(name))
                {
                    e.Add($"settings.rules[{i}]", $"Unknown metric '{name}'.");
                }
            }
        }

        CheckCode(t.Otherwise, "settings.otherwise", e);
    }

    private static void CheckLifecycle(LifecycleSettings l, ValidationErrors e)
    {
        if (l.NewDays < 1)
        {
            e.Add("settings.newDays", "At least 1.");
        }

        if (l.AtRiskFactor <= 1)
        {
            e.Add("settings.atRiskFactor", "Above 1.");
        }

        if (l.LostFactor <= l.AtRiskFactor)
        {
            e.Add("settings.lostFactor", "Above the at-risk factor.");
        }

        if (l.MinIntervalDays < 1)
        {
            e.Add("settings.minIntervalDays", "At least 1.");
        }

        if (l.SinglePurchaseIntervalDays < 1)
        {
            e.Add("settings.singlePurchaseIntervalDays", "At least 1.");
        }

        if (l.LoyalMinPurchases < 2)
        {
            e.Add("settings.loyalMinPurchases", "At least 2.");
        }

        if (l.LoyalMinMonths < 0)
        {
            e.Add("settings.loyalMinMonths", "Not negative.");
        }
    }

    private static void CheckCode(string? code, string field, ValidationErrors e)
    {
        if (code is null || !CodePattern().IsMatch(code))
        {
            e.Add(field, "A class code: letters, digits, '-' or '_', at most 20.");
        }
    }

    internal static string Number(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Class codes of the lifecycle scheme.</summary>
public static class Lifecycle
{
    public const string Potential = "potential";
    public const string New = "new";
    public const string Active = "active";
    public const string Loyal = "loyal";
    public const string AtRisk = "at-risk";
    public const string Lost = "lost";

    public static readonly IReadOnlyList<string> All = [Loyal, Active, New, AtRisk, Lost, Potential];
}
