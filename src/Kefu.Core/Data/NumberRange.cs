using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.Data;

/// <summary>A number range (号码范围): the next number for customers, and later per request type.</summary>
public sealed class NumberRange
{
    public string Code { get; set; } = "";

    public string Prefix { get; set; } = "";

    public int Width { get; set; } = 8;

    public long Next { get; set; } = 1;
}

internal sealed class NumberRangeConfiguration : IEntityTypeConfiguration<NumberRange>
{
    public void Configure(EntityTypeBuilder<NumberRange> b)
    {
        b.ToTable("number_ranges");
        b.HasKey(n => n.Code);
        b.Property(n => n.Code).HasMaxLength(32);
        b.Property(n => n.Prefix).HasMaxLength(10);
        b.HasData(new NumberRange { Code = NumberRanges.Customer, Prefix = "C", Width = 8, Next = 1 });
    }
}

public static class NumberRanges
{
    public const string Customer = "customer";

    /// <summary>
    /// Takes the next number atomically: one UPDATE … RETURNING works on SQLite (3.35+) and PostgreSQL,
    /// and the row lock serialises concurrent callers without gaps inside a committed transaction.
    /// </summary>
    public static async Task<string> TakeAsync(KefuDb db, string code, CancellationToken ct = default)
    {
        var taken = await db.Database
            .SqlQuery<NumberRangeTaken>($"UPDATE number_ranges SET \"Next\" = \"Next\" + 1 WHERE \"Code\" = {code} RETURNING \"Prefix\", \"Width\", \"Next\" - 1 AS \"Value\"")
            .ToListAsync(ct);
        if (taken.Count == 0)
        {
            throw new InvalidOperationException($"Number range '{code}' does not exist.");
        }

        var t = taken[0];
        return t.Prefix + t.Value.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(t.Width, '0');
    }

    /// <summary>Takes <paramref name="count"/> consecutive numbers in one statement, for bulk work.</summary>
    public static async Task<IReadOnlyList<string>> TakeBlockAsync(KefuDb db, string code, int count, CancellationToken ct = default)
    {
        var taken = await db.Database
            .SqlQuery<NumberRangeTaken>($"UPDATE number_ranges SET \"Next\" = \"Next\" + {count} WHERE \"Code\" = {code} RETURNING \"Prefix\", \"Width\", \"Next\" - {count} AS \"Value\"")
            .ToListAsync(ct);
        if (taken.Count == 0)
        {
            throw new InvalidOperationException($"Number range '{code}' does not exist.");
        }

        var t = taken[0];
        return Enumerable.Range(0, count)
            .Select(i => t.Prefix + (t.Value + i).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(t.Width, '0'))
            .ToList();
    }

    private sealed class NumberRangeTaken
    {
        public string Prefix { get; set; } = "";

        public int Width { get; set; }

        public long Value { get; set; }
    }
}
