using System.Globalization;
using Kefu.Core.Transactions;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Bench;

/// <summary>A generated purchase, with the customer's number for files and its id for direct writes.</summary>
internal readonly record struct GeneratedTransaction(string CustomerNumber, TransactionRow Row);

/// <summary>
/// Realistic purchase history for classification and import benchmarks, deterministic for a seed:
/// <list type="bullet">
/// <item>about 15 % of customers never buy; about 20 % are lapsed (their last purchase is 13–30 months old);</item>
/// <item>the number of purchases per customer is Pareto-distributed (a few heavy buyers, a long tail of one-off buyers);</item>
/// <item>each buyer has a rhythm: purchases spread over their active span with jittered gaps;</item>
/// <item>the basket value is log-normal around a per-customer level that is itself skewed, so spend is Pareto-like;</item>
/// <item>channels, payment methods and promotions are mixed as in a furniture retailer; 2 % of rows are returns (negative).</item>
/// </list>
/// <see cref="FillAsync"/> writes through the same bulk writer as the import (COPY on PostgreSQL, prepared INSERT on SQLite),
/// so 10,000,000 rows for 1,000,000 customers take minutes, not hours.
/// </summary>
internal static class TransactionGenerator
{
    private static readonly string[] Products =
        ["沙发", "餐桌", "餐椅", "床", "床垫", "衣柜", "书桌", "办公椅", "茶几", "电视柜", "书架", "鞋柜", "台灯", "地毯", "窗帘", "靠垫", "儿童床", "梳妆台"];

    private static readonly string[] Payments = ["微信支付", "支付宝", "银联卡", "现金", "信用卡分期"];

    private static readonly string[] Promotions = ["春节促销", "618", "双11", "会员日", "以旧换新"];

    /// <summary>Streams <paramref name="count"/> purchases over <paramref name="customers"/>, customer by customer.</summary>
    public static IEnumerable<GeneratedTransaction> Generate(
        IReadOnlyList<(Guid Id, string Number)> customers, int count, DateOnly today, int seed, string referencePrefix = "G")
    {
        var r = new Random(seed);
        // Per customer: buyer or not, and a Pareto weight for the number of purchases.
        var weights = new double[customers.Count];
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = r.NextDouble() < 0.15 ? 0 : Math.Min(200, 1 / Math.Pow(1 - r.NextDouble(), 1 / 1.3));
            total += weights[i];
        }

        var counts = new int[customers.Count];
        var buyers = new List<int>();
        var sum = 0;
        for (var i = 0; i < weights.Length && total > 0; i++)
        {
            if (weights[i] > 0)
            {
                counts[i] = (int)(count * weights[i] / total);
                sum += counts[i];
                buyers.Add(i);
            }
        }

        for (var deficit = count - sum; deficit > 0 && buyers.Count > 0; deficit--)
        {
            counts[buyers[r.Next(buyers.Count)]]++;
        }

        for (var i = 0; i < customers.Count; i++)
        {
            var n = counts[i];
            if (n == 0)
            {
                continue;
            }

            var (id, number) = customers[i];
            var lapsed = r.NextDouble() < 0.2;
            var end = lapsed ? today.AddDays(-r.Next(395, 900)) : today.AddDays(-r.Next(0, 60));
            var spanDays = Math.Max(1, Math.Min(n * r.Next(20, 120), 1000));
            var start = end.AddDays(-spanDays);
            var level = Math.Exp(5.5 + (1.2 * Gaussian(r)));
            var gap = spanDays / (double)n;
            var day = 0.0;
            for (var k = 0; k < n; k++)
            {
                var date = start.AddDays((int)Math.Min(spanDays, day));
                day += gap * (0.3 + (1.4 * r.NextDouble()));
                var amount = Math.Round((decimal)Math.Min(500_000, level * Math.Exp(0.6 * Gaussian(r))), 2);
                var items = Products[r.Next(Products.Length)] + " x" + r.Next(1, 4).ToString(CultureInfo.InvariantCulture);
                if (r.NextDouble() < 0.02)
                {
                    amount = -amount;
                    items = "退货: " + items;
                }

                yield return new GeneratedTransaction(number, new TransactionRow(
                    id, date, amount == 0 ? 1 : amount, items, r.NextDouble() < 0.4 ? SalesChannel.Online : SalesChannel.Offline,
                    Payments[r.Next(Payments.Length)], r.NextDouble() < 0.2 ? Promotions[r.Next(Promotions.Length)] : null,
                    $"{referencePrefix}{i}-{k}"));
            }
        }
    }

    /// <summary>Writes <paramref name="count"/> generated purchases for the first <paramref name="customerCount"/> customers, committing every batch.</summary>
    public static async Task<int> FillAsync(
        DbContext db, int customerCount, int count, DateOnly today, int seed, Action<int> progress, int batch = 200_000)
    {
        var customers = await db.Set<Kefu.Core.Customers.Customer>().AsNoTracking().OrderBy(c => c.Number).Take(customerCount)
            .Select(c => new { c.Id, c.Number }).ToListAsync();
        var list = customers.Select(c => (c.Id, c.Number)).ToList();
        var now = DateTime.SpecifyKind(today.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc);
        var written = 0;
        var rows = new List<TransactionRow>(batch);
        foreach (var chunk in Generate(list, count, today, seed).Chunk(batch))
        {
            rows.Clear();
            rows.AddRange(chunk.Select(c => c.Row));
            await using var tx = await db.Database.BeginTransactionAsync();
            await using (var writer = TransactionWriter.Create(db, null, now))
            {
                await writer.WriteAsync(rows, CancellationToken.None);
                await writer.CompleteAsync(CancellationToken.None);
            }

            await tx.CommitAsync();
            written += rows.Count;
            progress(written);
        }

        return written;
    }

    private static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
