using Kefu.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Transactions;

/// <summary>Plausible purchase history for demo customers: a few purchases each over the last two years, some customers none.</summary>
public static class DemoTransactions
{
    private static readonly string[] Products = ["沙发", "餐桌", "餐椅", "床垫", "衣柜", "书桌", "办公椅", "茶几", "电视柜", "台灯", "地毯", "靠垫"];
    private static readonly string[] Payments = ["微信支付", "支付宝", "银联卡", "现金"];
    private static readonly string[] Promotions = ["春节促销", "618", "双11", "会员日"];

    /// <summary>Writes the purchases in bulk (untracked, so no audit row each) in the current transaction, or in one of its own.</summary>
    public static async Task<int> AddAsync(KefuDb db, IReadOnlyList<Guid> customers, Random random, DateTime now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(random);
        var today = DateOnly.FromDateTime(now);
        var rows = new List<TransactionRow>();
        foreach (var customer in customers)
        {
            var kind = random.Next(10);
            if (kind < 2)
            {
                continue; // never bought
            }

            var count = kind == 9 ? random.Next(8, 16) : random.Next(1, 6);
            var latest = kind == 2 ? random.Next(400, 700) : random.Next(0, 180); // kind 2: lapsed
            var level = 200 + random.Next(0, 4000);
            for (var i = 0; i < count; i++)
            {
                var date = today.AddDays(-Math.Min(729, latest + random.Next(0, 730 - latest)));
                var amount = Math.Round((decimal)(level * (0.3 + (random.NextDouble() * 1.7))), 2);
                rows.Add(new TransactionRow(
                    customer, date, amount, $"{Products[random.Next(Products.Length)]} x{random.Next(1, 4)}",
                    random.Next(10) < 4 ? SalesChannel.Online : SalesChannel.Offline, Payments[random.Next(Payments.Length)],
                    random.Next(5) == 0 ? Promotions[random.Next(Promotions.Length)] : null, null));
            }
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using (own)
        {
            await using (var writer = TransactionWriter.Create(db, null, now))
            {
                await writer.WriteAsync(rows, ct);
                await writer.CompleteAsync(ct);
            }

            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
        }

        return rows.Count;
    }
}
