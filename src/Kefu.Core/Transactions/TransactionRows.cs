using System.Globalization;
using Kefu.Core.Common;

namespace Kefu.Core.Transactions;

/// <summary>
/// Why a row was refused. <see cref="Line"/> is the file line (header = 1) or, for the bulk API, the array index. <see cref="Message"/>
/// is English; pages word it in their language from <see cref="Reason"/> (the code when null) and <see cref="Value"/> (the text
/// refused, or the limit it broke).
/// </summary>
public sealed record RowError(int Line, string Code, string Field, string Message, string? Value = null, string? Reason = null)
{
    /// <summary>An excerpt of the refused text (<see cref="Refused.ExcerptLength"/> characters at most): a refusal keeps no more.</summary>
    public string? Value { get; init; } = Refused.ExcerptOrNull(Value);
}

/// <summary>A row whose fields are well-formed; the customer is not resolved yet.</summary>
public sealed record ParsedRow(
    int Line, string? CustomerNumber, Guid? CustomerId, DateOnly Date, decimal Amount, string Items, SalesChannel Channel,
    string PaymentMethod, string? Promotion, string? Reference);

/// <summary>Parses and checks the fields of one row, without the database (unknown customers and duplicates are checked later).</summary>
public static class TransactionRows
{
    public const int ItemsMax = 1000;
    public const int PaymentMethodMax = 40;
    public const int PromotionMax = 100;
    public const int ReferenceMax = 60;
    public const int CustomerNumberMax = 20;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyyMMdd", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm:ss", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>Parses a row; returns null and adds to <paramref name="errors"/> when a field is bad (every bad field is reported).</summary>
    public static ParsedRow? Parse(SourceRow row, DateOnly today, List<RowError> errors) =>
        Parse(row.Line, row[TransactionField.CustomerNumber], row[TransactionField.CustomerId], row[TransactionField.Date],
            row[TransactionField.Amount], row[TransactionField.Items], row[TransactionField.Channel], row[TransactionField.PaymentMethod],
            row[TransactionField.Promotion], row[TransactionField.Reference], today, errors);

    public static ParsedRow? Parse(
        int line, string? customerNumber, string? customerId, string? date, string? amount, string? items, string? channel,
        string? paymentMethod, string? promotion, string? reference, DateOnly today, List<RowError> errors)
    {
        var before = errors.Count;
        if (HasNul(customerNumber) || HasNul(customerId) || HasNul(date) || HasNul(amount) || HasNul(items) || HasNul(channel)
            || HasNul(paymentMethod) || HasNul(promotion) || HasNul(reference))
        {
            RefuseNul(line, errors, ("customerNumber", customerNumber), ("customerId", customerId), ("date", date), ("amount", amount),
                ("items", items), ("channel", channel), ("paymentMethod", paymentMethod), ("promotion", promotion), ("reference", reference));
            return null;
        }

        customerNumber = Clean(customerNumber);
        customerId = Clean(customerId);
        Guid? id = null;
        if (customerId is not null)
        {
            if (Guid.TryParse(customerId, out var g))
            {
                id = g;
            }
            else
            {
                errors.Add(new RowError(line, "bad-customer", "customerId", $"\"{Refused.Excerpt(customerId)}\" is not a customer id.", customerId));
            }
        }
        else if (customerNumber is null)
        {
            errors.Add(new RowError(line, "missing-field", "customerNumber", "The customer number is missing."));
        }
        else if (customerNumber.Length > CustomerNumberMax)
        {
            errors.Add(new RowError(line, "unknown-customer", "customerNumber", $"No customer {Refused.Excerpt(customerNumber)}.", customerNumber));
        }

        var parsedDate = ParseDate(line, Clean(date), today, errors);
        var parsedAmount = ParseAmount(line, Clean(amount), errors);
        var parsedChannel = ParseChannel(line, Clean(channel), errors);
        items = Required(line, "items", Clean(items), ItemsMax, errors);
        paymentMethod = Required(line, "paymentMethod", Clean(paymentMethod), PaymentMethodMax, errors);
        promotion = Optional(line, "promotion", Clean(promotion), PromotionMax, errors);
        reference = Optional(line, "reference", Clean(reference), ReferenceMax, errors);
        return errors.Count > before
            ? null
            : new ParsedRow(line, customerNumber, id, parsedDate, parsedAmount, items!, parsedChannel, paymentMethod!, promotion, reference);
    }

    public static bool TryParseChannel(string? text, out SalesChannel channel)
    {
        // Without lower-casing a copy of every row's text: this runs once per imported row.
        var t = text?.Trim();
        if (t is "线上" or "网店" or "电商" || string.Equals(t, "online", StringComparison.OrdinalIgnoreCase))
        {
            channel = SalesChannel.Online;
            return true;
        }

        if (t is "线下" or "门店" || string.Equals(t, "offline", StringComparison.OrdinalIgnoreCase) || string.Equals(t, "store", StringComparison.OrdinalIgnoreCase))
        {
            channel = SalesChannel.Offline;
            return true;
        }

        channel = default;
        return false;
    }

    private static DateOnly ParseDate(int line, string? text, DateOnly today, List<RowError> errors)
    {
        if (text is null)
        {
            errors.Add(new RowError(line, "missing-field", "date", "The date is missing."));
            return default;
        }

        DateOnly d;
        if (IsoDate(text) is DateOnly iso)
        {
            d = iso;
        }
        else if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
        {
            d = DateOnly.FromDateTime(dt);
        }
        else
        {
            errors.Add(new RowError(line, "bad-date", "date", $"\"{Refused.Excerpt(text)}\" is not a date (use YYYY-MM-DD).", text));
            return default;
        }

        if (d > today)
        {
            errors.Add(new RowError(line, "bad-date", "date", $"{d:yyyy-MM-dd} is in the future.", $"{d:yyyy-MM-dd}", "future-date"));
        }
        else if (d.Year < 1990)
        {
            errors.Add(new RowError(line, "bad-date", "date", $"{d:yyyy-MM-dd} is too far in the past.", $"{d:yyyy-MM-dd}", "old-date"));
        }

        return d;
    }

    /// <summary>YYYY-MM-DD, the usual form, read digit by digit (a million rows through <c>TryParseExact</c> with several formats
    /// cost ~1.5 s of an import); null for anything else, which the general parse then reads or refuses.</summary>
    internal static DateOnly? IsoDate(string text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            return null;
        }

        var value = 0;
        foreach (var i in (ReadOnlySpan<int>)[0, 1, 2, 3, 5, 6, 8, 9])
        {
            var c = text[i];
            if (c is < '0' or > '9')
            {
                return null;
            }

            value = (value * 10) + (c - '0');
        }

        int year = value / 10000, month = value / 100 % 100, day = value % 100;
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    private static decimal ParseAmount(int line, string? text, List<RowError> errors)
    {
        if (text is null)
        {
            errors.Add(new RowError(line, "missing-field", "amount", "The amount is missing."));
            return 0;
        }

        var cleaned = text.TrimStart('¥', '￥').Replace(",", "", StringComparison.Ordinal).Trim();
        if (!decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new RowError(line, "bad-amount", "amount", $"\"{Refused.Excerpt(text)}\" is not an amount.", text));
            return 0;
        }

        if (decimal.Round(value, 2) != value || Math.Abs(value) >= 1_000_000_000_000m)
        {
            errors.Add(new RowError(line, "bad-amount", "amount", $"\"{Refused.Excerpt(text)}\" is not an amount in yuan with at most two decimals.", text, "amount-precision"));
        }
        else if (value == 0)
        {
            errors.Add(new RowError(line, "bad-amount", "amount", "The amount is zero.", text, "zero-amount"));
        }

        return value;
    }

    private static SalesChannel ParseChannel(int line, string? text, List<RowError> errors)
    {
        if (text is null)
        {
            errors.Add(new RowError(line, "missing-field", "channel", "The channel is missing."));
            return default;
        }

        if (!TryParseChannel(text, out var channel))
        {
            errors.Add(new RowError(line, "bad-channel", "channel", $"\"{Refused.Excerpt(text)}\" is not a channel (线上/线下, online/offline).", text));
        }

        return channel;
    }

    private static string? Required(int line, string field, string? text, int max, List<RowError> errors)
    {
        if (text is null)
        {
            errors.Add(new RowError(line, "missing-field", field, $"The {field} field is missing."));
            return null;
        }

        return Optional(line, field, text, max, errors);
    }

    private static string? Optional(int line, string field, string? text, int max, List<RowError> errors)
    {
        if (text is not null && text.Length > max)
        {
            errors.Add(new RowError(line, "too-long", field, $"The {field} field is longer than {max} characters.", max.ToString(CultureInfo.InvariantCulture)));
        }

        return text;
    }

    private static bool HasNul(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);

    /// <summary>A NUL character (U+0000) is refused in every field (PostgreSQL cannot store it, and no input means it).</summary>
    private static void RefuseNul(int line, List<RowError> errors, params (string Field, string? Text)[] fields)
    {
        foreach (var (field, text) in fields)
        {
            if (HasNul(text))
            {
                errors.Add(new RowError(line, "nul-character", field, $"The {field} field contains a NUL character (U+0000).", text));
            }
        }
    }

    private static string? Clean(string? text)
    {
        var t = text?.Trim();
        return string.IsNullOrEmpty(t) ? null : t;
    }
}
