using System.Globalization;
using System.Text;
using Kefu.Core.Classification.Rules;
using Kefu.Core.Common;

namespace Kefu.Core.Classification;

/// <summary>The SQL that assigns classes, with the parameters of any rule literals.</summary>
public sealed record AssignSql(string Sql, IReadOnlyList<RuleSqlParameter> Parameters);

public sealed record RuleCheckError(string Code, string Message, int Position, int Length, IReadOnlyList<string> Arguments);

public sealed record RuleCheckDto(bool Valid, string? Canonical, IReadOnlyList<RuleCheckError> Errors);

public sealed record VocabularyEntry(string Name, string Type, string Description);

/// <summary>
/// Rule-based classes (CLS-5): the vocabulary is the metrics table (one variable per column, snake_case) plus
/// <c>tagged('x')</c> and <c>class('scheme')</c>; expressions are parsed into a safe tree and compiled to a SQL predicate.
/// </summary>
public static class ClassificationRules
{
    private static readonly (string Name, string Column, string Description)[] Variables =
    [
        ("revenue", "Revenue", "Purchases in the metrics window (CNY)"),
        ("purchases", "Purchases", "Number of purchases in the window"),
        ("max_single_purchase", "MaxSinglePurchase", "Largest single purchase in the window"),
        ("lifetime_revenue", "LifetimeRevenue", "All purchases ever (CNY)"),
        ("lifetime_purchases", "LifetimePurchases", "Number of purchases ever"),
        ("days_since_first_purchase", "DaysSinceFirstPurchase", "Days since the first purchase (missing when none)"),
        ("days_since_last_purchase", "DaysSinceLastPurchase", "Days since the last purchase (missing when none)"),
        ("mean_interval_days", "MeanIntervalDays", "The customer's own rhythm: mean days between purchases"),
        ("requests", "Requests", "Service requests in the window"),
        ("visits", "Visits", "Requests dispatched on site in the window"),
        ("complaints", "Complaints", "Complaints in the window"),
        ("item_units", "ItemUnits", "Item quantities on requests in the window"),
        ("cost_to_serve", "CostToServe", "Cost to serve in the window (CNY)"),
        ("profit", "Profit", "Revenue minus cost to serve (CNY)"),
        ("consecutive_purchases", "ConsecutivePurchases", "Longest run of consecutive calendar months with a purchase in the window"),
    ];

    public static readonly RuleVocabulary Vocabulary = new(
        Variables.Select(v => new RuleVariable(v.Name, RuleType.Number, $"m.\"{v.Column}\"", v.Description)),
        [
            new RuleFunction("tagged", [RuleType.Text], RuleType.Boolean,
                "EXISTS (SELECT 1 FROM customer_tags t WHERE t.\"CustomerId\" = m.\"CustomerId\" AND t.\"Tag\" = {0})", "The customer carries the tag"),
            new RuleFunction("class", [RuleType.Text], RuleType.Text,
                "SELECT k.\"ClassCode\" FROM customer_classes k WHERE k.\"CustomerId\" = m.\"CustomerId\" AND k.\"SchemeCode\" = {0}",
                "The customer's current class in another scheme, e.g. class('abc') = 'A'"),
        ]);

    public static IReadOnlyList<VocabularyEntry> Entries =>
        Vocabulary.Variables.Select(v => new VocabularyEntry(v.Name, "number", v.Description))
            .Concat(Vocabulary.Functions.Select(f => new VocabularyEntry(f.Name + "(" + string.Join(", ", f.Parameters.Select(p => p.ToString().ToLowerInvariant())) + ")", f.Returns.ToString().ToLowerInvariant(), f.Description)))
            .ToList();

    public static RuleCheckDto Check(string? expression)
    {
        var parsed = RuleParser.Parse(expression ?? "", Vocabulary);
        return new RuleCheckDto(
            parsed.IsValid, parsed.Rule is null || !parsed.IsValid ? null : RuleParser.Format(parsed.Rule),
            parsed.Errors.Select(e => new RuleCheckError(e.Code, e.Message, e.Position, e.Length, e.Arguments)).ToList());
    }

    internal static void Check(RuleSettings settings, ValidationErrors e)
    {
        for (var i = 0; i < settings.Rules.Count; i++)
        {
            var rule = settings.Rules[i];
            var parsed = RuleParser.Parse(rule.Expression ?? "", Vocabulary);
            foreach (var error in parsed.Errors)
            {
                e.Add($"settings.rules[{i}].expression", $"{error.Message} (at {error.Position})");
            }
        }
    }

    /// <summary>First matching rule gives the class; customers matching none get none. Throws when a stored rule no longer parses.</summary>
    public static AssignSql Compile(RuleSettings settings)
    {
        var cases = new StringBuilder();
        var parameters = new List<RuleSqlParameter>();
        for (var i = 0; i < settings.Rules.Count; i++)
        {
            var rule = settings.Rules[i];
            var parsed = RuleParser.Parse(rule.Expression ?? "", Vocabulary);
            if (!parsed.IsValid)
            {
                throw new InvalidOperationException(
                    $"Rule {i + 1} ('{rule.Class}') is not valid against the current vocabulary: {parsed.Errors[0].Message} (at {parsed.Errors[0].Position}).");
            }

            var sql = RuleSqlCompiler.Compile(parsed.Rule!, Vocabulary, "r" + i.ToString(CultureInfo.InvariantCulture) + "_");
            cases.Append(CultureInfo.InvariantCulture, $" WHEN {sql.Sql} THEN {ClassificationSql.Text(rule.Class)}");
            parameters.AddRange(sql.Parameters);
        }

        return new AssignSql($"SELECT m.\"CustomerId\", CASE{cases} END AS cls FROM customer_metrics m", parameters);
    }
}
