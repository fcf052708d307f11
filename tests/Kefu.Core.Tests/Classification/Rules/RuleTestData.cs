using Kefu.Core.Classification.Rules;

namespace Kefu.Core.Tests.Classification.Rules;

/// <summary>A customer's aggregates as the test table <c>m</c> holds them, with tags and current classes.</summary>
public sealed record TestCustomer(
    int Id, decimal? MaxSinglePurchase, int? PurchaseCount, int? ConsecutivePurchases, decimal? TotalSpent,
    string? Region, string? Level, bool? IsMember, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, string> Classes);

public static class RuleTestData
{
    public const string InjectionTag = "x') or 1=1 --";

    public static RuleVocabulary Vocabulary { get; } = new(
        [
            new RuleVariable("max_single_purchase", RuleType.Number, "m.max_single_purchase", "Largest single purchase"),
            new RuleVariable("purchase_count", RuleType.Number, "m.purchase_count", "Number of purchases"),
            new RuleVariable("consecutive_purchases", RuleType.Number, "m.consecutive_purchases", "Purchases in a row"),
            new RuleVariable("total_spent", RuleType.Number, "m.total_spent", "Total spent"),
            new RuleVariable("region", RuleType.Text, "m.region", "Region"),
            new RuleVariable("level", RuleType.Text, "m.level", "Membership level"),
            new RuleVariable("is_member", RuleType.Boolean, "m.is_member", "Is a member"),
        ],
        [
            new RuleFunction("tagged", [RuleType.Text], RuleType.Boolean,
                "EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = m.customer_id AND t.tag = {0})", "Has the tag"),
            new RuleFunction("class", [RuleType.Text], RuleType.Text,
                "SELECT c.class_code FROM customer_classes c WHERE c.customer_id = m.customer_id AND c.scheme = {0}",
                "Current class in a scheme"),
            new RuleFunction("abs", [RuleType.Number], RuleType.Number, "ABS({0})", "Absolute value"),
        ]);

    public static IReadOnlyList<string> Regions { get; } = ["north", "south", "东区", "o'neil", ""];

    public static IReadOnlyList<string> Levels { get; } = ["A", "B", "C"];

    public static IReadOnlyList<string> TagNames { get; } = ["potential", "vip", "lost", InjectionTag];

    public static IReadOnlyList<string> Schemes { get; } = ["abc", "rfm"];

    /// <summary>60 customers with every kind of value, including missing ones; fixed seed.</summary>
    public static IReadOnlyList<TestCustomer> SampleCustomers { get; } = MakeCustomers();

    private static List<TestCustomer> MakeCustomers()
    {
        var random = new Random(20261125);
        T? Maybe<T>(Func<T> value) where T : struct => random.Next(7) == 0 ? null : value();
        string? MaybeText(IReadOnlyList<string> values) => random.Next(6) == 0 ? null : values[random.Next(values.Count)];
        var customers = new List<TestCustomer>();
        for (var id = 1; id <= 60; id++)
        {
            var tags = TagNames.Where(_ => random.Next(3) == 0).ToList();
            var classes = Schemes.Where(_ => random.Next(4) != 0)
                .ToDictionary(s => s, _ => Levels[random.Next(Levels.Count)]);
            customers.Add(new TestCustomer(
                id,
                Maybe(() => random.Next(0, 10001) / 2m),
                Maybe(() => random.Next(0, 11)),
                Maybe(() => random.Next(0, 6)),
                Maybe(() => random.Next(0, 80001) / 4m),
                MaybeText(Regions),
                MaybeText(Levels),
                Maybe(() => random.Next(2) == 0),
                tags,
                classes));
        }

        return customers;
    }

    public static object? Variable(TestCustomer customer, string name) => name switch
    {
        "max_single_purchase" => customer.MaxSinglePurchase,
        "purchase_count" => customer.PurchaseCount,
        "consecutive_purchases" => customer.ConsecutivePurchases,
        "total_spent" => customer.TotalSpent,
        "region" => customer.Region,
        "level" => customer.Level,
        "is_member" => customer.IsMember,
        _ => throw new ArgumentException(name, nameof(name)),
    };

    public static object? Function(TestCustomer customer, string name, object?[] arguments) => name switch
    {
        "tagged" => arguments[0] is string tag ? customer.Tags.Contains(tag) : null,
        "class" => arguments[0] is string scheme ? customer.Classes.GetValueOrDefault(scheme) : null,
        "abs" => arguments[0] is decimal value ? Math.Abs(value) : null,
        _ => throw new ArgumentException(name, nameof(name)),
    };

    public static bool Evaluate(RuleNode rule, TestCustomer customer) =>
        RuleEvaluator.Evaluate(rule, name => Variable(customer, name), (name, args) => Function(customer, name, args));

    public static RuleNode Parse(string text)
    {
        var result = RuleParser.Parse(text, Vocabulary);
        Assert.True(result.IsValid, text + ": " + string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Rule!;
    }
}
