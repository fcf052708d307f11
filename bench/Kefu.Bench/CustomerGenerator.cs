using System.Globalization;
using Kefu.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Bench;

/// <summary>
/// Generates customers set-based: one INSERT … SELECT per table and batch over a number sequence
/// (generate_series on PostgreSQL, a recursive CTE on SQLite). Values are stored exactly as EF Core
/// stores them: enum names, upper-case GUID text and "yyyy-MM-dd HH:mm:ss" instants on SQLite.
/// </summary>
internal sealed class CustomerGenerator(KefuDb db, DatabaseProvider provider)
{
    public const int BatchSize = 50_000;
    private const string Surnames = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高";
    private const string Given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超华东燕";

    private bool Sqlite => provider == DatabaseProvider.Sqlite;

    public async Task GenerateAsync(int count, Action<int> progress)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        for (var from = 1; from <= count; from += BatchSize)
        {
            var to = Math.Min(count, from + BatchSize - 1);
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync(CustomersSql(from, to));
            await db.Database.ExecuteSqlRawAsync(ContactsSql(from, to));
            await db.Database.ExecuteSqlRawAsync(AddressesSql(from, to));
            await tx.CommitAsync();
            progress(to);
        }

        await db.Database.ExecuteSqlAsync(
            $"UPDATE number_ranges SET \"Next\" = {(long)count + 1} WHERE \"Code\" = {NumberRanges.Customer}");
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }

    private string CustomersSql(int from, int to) => $"""
        {With(from, to)}INSERT INTO customers ("Id", "Number", "Kind", "Name", "NameKey", "Nature", "OrgUnitId", "SourceChannel", "CreatedAt", "UpdatedAt", "Version")
        SELECT {Id(1)}, 'C' || {Pad("i", 8)}, CASE WHEN i % 5 = 0 THEN 'Organization' ELSE 'Person' END,
               {PersonName()} || CASE WHEN i % 5 = 0 THEN '家居有限公司' ELSE '' END,
               {PersonName()} || CASE WHEN i % 5 = 0 THEN '家居有限公司' ELSE '' END,
               CASE WHEN i % 5 = 0 THEN 'Merchant' ELSE 'Retail' END,
               (SELECT u."Id" FROM org_units u WHERE u."Code" = CASE i % 4 WHEN 0 THEN 'SH' WHEN 1 THEN 'HZ' WHEN 2 THEN 'GZ' ELSE 'SZ' END),
               CASE WHEN i % 2 = 0 THEN 'phone' ELSE 'store' END, {Created()}, {Created()}, 0
        FROM {Series(from, to)}
        """;

    private string ContactsSql(int from, int to) => $"""
        {With(from, to)}INSERT INTO customer_contacts ("Id", "CustomerId", "Name", "Phone", "PhoneDigits", "IsKeyPerson")
        SELECT {Id(2)}, {Id(1)}, {PersonName()}, {Phone()}, {Phone()}, {Bool(false)}
        FROM {Series(from, to)}
        """;

    private string AddressesSql(int from, int to) => $"""
        {With(from, to)}INSERT INTO customer_addresses ("Id", "CustomerId", "Label", "Province", "City", "District", "Street", "IsMaster")
        SELECT {Id(3)}, {Id(1)}, '家', '上海市', '上海市', '黄浦区', '南京西路' || {Text("i % 999 + 1")} || '号', {Bool(true)}
        FROM {Series(from, to)}
        """;

    private string With(int from, int to) =>
        Sqlite ? $"WITH RECURSIVE seq(i) AS (SELECT {Num(from)} UNION ALL SELECT i + 1 FROM seq WHERE i < {Num(to)}) " : "";

    private string Series(int from, int to) => Sqlite ? "seq" : $"generate_series({Num(from)}, {Num(to)}) AS seq(i)";

    /// <summary>A GUID per table (<paramref name="table"/>) and row; upper case on SQLite, as Microsoft.Data.Sqlite writes GUIDs.</summary>
    private string Id(int table) => Sqlite
        ? $"printf('{table:X8}-0000-7000-8000-%012X', i)"
        : $"('{table:X8}-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid";

    private string Pad(string expr, int width) => Sqlite ? $"printf('%0{width}d', {expr})" : $"lpad(({expr})::text, {width}, '0')";

    private string Text(string expr) => Sqlite ? $"({expr})" : $"(({expr})::text)";

    private static string PersonName() =>
        $"substr('{Surnames}', i % 20 + 1, 1) || substr('{Given}', (i / 20) % 20 + 1, 1) || substr('{Given}', (i / 400) % 20 + 1, 1)";

    /// <summary>Eleven digits, 13x–19x, spread over the range so prefixes are selective.</summary>
    private string Phone() => Sqlite
        ? "'1' || (3 + i % 7) || printf('%09d', (i * 7919) % 1000000000)"
        : "'1' || (3 + i % 7)::text || lpad(((i::bigint * 7919) % 1000000000)::text, 9, '0')";

    /// <summary>One customer a second from 2026-01-01, whole seconds so SQLite's text matches EF Core's format.</summary>
    private string Created() => Sqlite
        ? "strftime('%Y-%m-%d %H:%M:%S', '2026-01-01 00:00:00', '+' || i || ' seconds')"
        : "timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second'";

    private string Bool(bool value) => Sqlite ? (value ? "1" : "0") : (value ? "true" : "false");

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
