using System.Globalization;
using System.Text;
using Kefu.Core.Common;
using Kefu.Core.Files;
using MiniExcelLibs;

namespace Kefu.Core.Transactions;

/// <summary>The columns of a purchase-history file.</summary>
public enum TransactionField
{
    CustomerNumber,
    CustomerId,
    Date,
    Amount,
    Items,
    Channel,
    PaymentMethod,
    Promotion,
    Reference,
}

public enum TransactionFileFormat
{
    Csv,
    Xlsx,
}

/// <summary>One data row of a file: its line number (the header is line 1) and its cells by field (null when the column is absent).</summary>
public sealed record SourceRow(int Line, string?[] Cells)
{
    public string? this[TransactionField field] => Cells[(int)field];
}

/// <summary>A file whose header row cannot be used: no customer column, a required column missing, an unknown column.</summary>
public sealed class TransactionFileException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// Reads purchase-history files (CSV or .xlsx) as a stream of rows. Headers are accepted in zh-CN and en
/// (<c>客户编号/customer_number</c>, <c>日期/date</c>, …) in any order; the file is never held in memory.
/// </summary>
public static class TransactionFile
{
    public static readonly IReadOnlyList<(TransactionField Field, string Zh, string En)> Columns =
    [
        (TransactionField.CustomerNumber, "客户编号", "customer_number"),
        (TransactionField.Date, "日期", "date"),
        (TransactionField.Amount, "金额", "amount"),
        (TransactionField.Items, "商品", "items"),
        (TransactionField.Channel, "渠道", "channel"),
        (TransactionField.PaymentMethod, "支付方式", "payment_method"),
        (TransactionField.Promotion, "促销", "promotion"),
        (TransactionField.Reference, "单号", "reference"),
    ];

    private static readonly Dictionary<string, TransactionField> Aliases = BuildAliases();

    public static int FieldCount { get; } = Enum.GetValues<TransactionField>().Length;

    public static TransactionFileFormat? FormatOf(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" or ".txt" => TransactionFileFormat.Csv,
            ".xlsx" => TransactionFileFormat.Xlsx,
            _ => null,
        };

    public static IEnumerable<SourceRow> Read(Stream stream, TransactionFileFormat format) =>
        format == TransactionFileFormat.Xlsx ? ReadXlsx(stream) : ReadCsv(stream);

    /// <summary>Counts the data rows (for progress) without parsing them.</summary>
    public static int CountRows(Stream stream, TransactionFileFormat format)
    {
        if (format == TransactionFileFormat.Xlsx)
        {
            return Math.Max(0, MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX).Count() - 1);
        }

        var lines = 0;
        var last = (byte)'\n';
        var buffer = new byte[1 << 16];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var span = buffer.AsSpan(0, n);
            lines += span.Count((byte)'\n');
            last = span[^1];
        }

        if (last != '\n')
        {
            lines++;
        }

        return Math.Max(0, lines - 1);
    }

    /// <summary>Maps header cells to fields; throws <see cref="TransactionFileException"/> when the header cannot be used.</summary>
    public static int[] MapHeader(IReadOnlyList<string?> header)
    {
        var map = new int[header.Count];
        var seen = new HashSet<TransactionField>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = Normalize(header[i]);
            if (name.Length == 0)
            {
                map[i] = -1;
                continue;
            }

            if (!Aliases.TryGetValue(name, out var field))
            {
                throw new TransactionFileException("unknown-column", $"Unknown column \"{Refused.Excerpt(header[i] ?? "")}\" (column {i + 1}).");
            }

            if (!seen.Add(field))
            {
                throw new TransactionFileException("duplicate-column", $"The column \"{Refused.Excerpt(header[i] ?? "")}\" appears twice.");
            }

            map[i] = (int)field;
        }

        if (!seen.Contains(TransactionField.CustomerNumber) && !seen.Contains(TransactionField.CustomerId))
        {
            throw new TransactionFileException("missing-column", "The file has no customer column (客户编号/customer_number or customer_id).");
        }

        foreach (var required in new[] { TransactionField.Date, TransactionField.Amount, TransactionField.Items, TransactionField.Channel, TransactionField.PaymentMethod })
        {
            if (!seen.Contains(required))
            {
                var names = Columns.First(c => c.Field == required);
                throw new TransactionFileException("missing-column", $"The file has no {names.Zh}/{names.En} column.");
            }
        }

        return map;
    }

    /// <summary>A template with both header languages explained by one example row.</summary>
    public static byte[] Template(TransactionFileFormat format, bool chinese)
    {
        var header = Columns.Select(c => chinese ? c.Zh : c.En).ToArray();
        string[] example = ["C00000001", "2026-01-15", "1280.00", chinese ? "沙发 x1; 靠垫 x2" : "sofa x1; cushion x2",
            chinese ? "线下" : "offline", chinese ? "微信支付" : "wechat-pay", chinese ? "春节促销" : "spring-sale", "SO-2026-0001"];
        if (format == TransactionFileFormat.Csv)
        {
            var sb = new StringBuilder();
            sb.AppendLine(string.Join(",", header.Select(Quote)));
            sb.AppendLine(string.Join(",", example.Select(Quote)));
            return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
        }

        var row = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            row[header[i]] = example[i];
        }

        using var ms = new MemoryStream();
        ms.SaveAs(new[] { row }, excelType: ExcelType.XLSX);
        return ms.ToArray();
    }

    public static string Quote(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static IEnumerable<SourceRow> ReadCsv(Stream stream)
    {
        using var text = TextFiles.OpenText(stream);
        int[]? map = null;
        foreach (var record in TextFiles.ReadCsv(text))
        {
            if (map is null)
            {
                map = MapHeader(record.Cells);
                continue;
            }

            if (!record.IsBlank)
            {
                yield return ToRow(record.Line, record.Cells, map);
            }
        }

        if (map is null)
        {
            throw new TransactionFileException("empty-file", "The file is empty: it has no header row.");
        }
    }

    private static IEnumerable<SourceRow> ReadXlsx(Stream stream)
    {
        int[]? map = null;
        var line = 0;
        var fields = new List<string?>(16);
        foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            line++;
            fields.Clear();
            fields.AddRange(row.Values.Select(CellText));
            if (map is null)
            {
                while (fields.Count > 0 && string.IsNullOrWhiteSpace(fields[^1]))
                {
                    fields.RemoveAt(fields.Count - 1);
                }

                map = MapHeader(fields);
                continue;
            }

            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            yield return ToRow(line, fields, map);
        }

        if (map is null)
        {
            throw new TransactionFileException("empty-file", "The file is empty: it has no header row.");
        }
    }

    private static string? CellText(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static SourceRow ToRow(int line, IReadOnlyList<string?> fields, int[] map)
    {
        var cells = new string?[FieldCount];
        for (var i = 0; i < map.Length && i < fields.Count; i++)
        {
            if (map[i] >= 0)
            {
                cells[map[i]] = fields[i];
            }
        }

        return new SourceRow(line, cells);
    }

    private static string Normalize(string? header) =>
        new((header ?? "").Trim().TrimStart('\uFEFF').ToLowerInvariant().Where(ch => ch is not (' ' or '_' or '-')).ToArray());

    private static Dictionary<string, TransactionField> BuildAliases()
    {
        var aliases = new Dictionary<string, TransactionField>(StringComparer.Ordinal);
        foreach (var (field, zh, en) in Columns)
        {
            aliases[Normalize(zh)] = field;
            aliases[Normalize(en)] = field;
        }

        aliases[Normalize("customer_id")] = TransactionField.CustomerId;
        aliases[Normalize("客户ID")] = TransactionField.CustomerId;
        aliases[Normalize("number")] = TransactionField.CustomerNumber;
        aliases[Normalize("客户号")] = TransactionField.CustomerNumber;
        aliases[Normalize("付款方式")] = TransactionField.PaymentMethod;
        aliases[Normalize("订单号")] = TransactionField.Reference;
        return aliases;
    }
}
