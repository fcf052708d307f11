using System.Text;
using Kefu.Core.Files;
using Kefu.Core.Transactions;

namespace Kefu.Core.Tests.Transactions;

public class TransactionFileTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static List<SourceRow> ReadCsv(string text) =>
        TransactionFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), TransactionFileFormat.Csv).ToList();

    private static (ParsedRow? Row, List<RowError> Errors) Parse(SourceRow row)
    {
        var errors = new List<RowError>();
        return (TransactionRows.Parse(row, Today, errors), errors);
    }

    [Fact]
    public void ChineseHeaders_WithBom_AreMappedInAnyOrder()
    {
        var rows = ReadCsv("\uFEFF金额,客户编号,日期,商品,渠道,支付方式,促销,单号\r\n1280.00,C00000001,2026-01-15,沙发 x1,线下,微信支付,春节促销,SO-1\r\n");

        var (row, errors) = Parse(Assert.Single(rows));

        Assert.Empty(errors);
        Assert.Equal(2, row!.Line);
        Assert.Equal("C00000001", row.CustomerNumber);
        Assert.Equal(new DateOnly(2026, 1, 15), row.Date);
        Assert.Equal(1280.00m, row.Amount);
        Assert.Equal(SalesChannel.Offline, row.Channel);
        Assert.Equal("微信支付", row.PaymentMethod);
        Assert.Equal("春节促销", row.Promotion);
        Assert.Equal("SO-1", row.Reference);
    }

    [Fact]
    public void EnglishHeaders_QuotedCells_AndLineNumbersAcrossMultilineCells()
    {
        var rows = ReadCsv("Customer Number,Date,Amount,Items,Channel,Payment_Method\nC1,2026/3/5,\"1,099.50\",\"sofa, \"\"grey\"\"\nand table\",Online,card\n\nC2,20260306,¥12,lamp,offline,cash\n");

        Assert.Equal(2, rows.Count);
        var (first, errors) = Parse(rows[0]);
        Assert.Empty(errors);
        Assert.Equal("sofa, \"grey\"\nand table", first!.Items);
        Assert.Equal(1099.50m, first.Amount);
        Assert.Equal(SalesChannel.Online, first.Channel);
        Assert.Equal(new DateOnly(2026, 3, 5), first.Date);
        Assert.Equal(5, rows[1].Line);
        Assert.Equal(12m, Parse(rows[1]).Row!.Amount);
    }

    [Theory]
    [InlineData("C1,2026-02-30,10,x,线上,现金", "bad-date", "date")]
    [InlineData("C1,15.01.2026,10,x,线上,现金", "bad-date", "date")]
    [InlineData("C1,2027-01-01,10,x,线上,现金", "bad-date", "date")]
    [InlineData("C1,2026-01-15,abc,x,线上,现金", "bad-amount", "amount")]
    [InlineData("C1,2026-01-15,10.005,x,线上,现金", "bad-amount", "amount")]
    [InlineData("C1,2026-01-15,0,x,线上,现金", "bad-amount", "amount")]
    [InlineData("C1,2026-01-15,10,x,电话,现金", "bad-channel", "channel")]
    [InlineData("C1,2026-01-15,10,,线上,现金", "missing-field", "items")]
    [InlineData(",2026-01-15,10,x,线上,现金", "missing-field", "customerNumber")]
    [InlineData("C1,,10,x,线上,现金", "missing-field", "date")]
    [InlineData("C1,2026-01-15,10,x,线上,", "missing-field", "paymentMethod")]
    public void BadField_IsReportedWithLineCodeAndField(string line, string code, string field)
    {
        var rows = ReadCsv("客户编号,日期,金额,商品,渠道,支付方式\nC0,2026-01-01,1,x,线上,现金\n" + line + "\n");

        var (row, errors) = Parse(rows[1]);

        Assert.Null(row);
        var error = Assert.Single(errors);
        Assert.Equal((3, code, field), (error.Line, error.Code, error.Field));
    }

    [Theory]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData("1990-01-01", 1990, 1, 1)]
    [InlineData("2026-12-31", 2026, 12, 31)]
    public void IsoDate_ReadsValidDates(string text, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), TransactionRows.IsoDate(text));

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2026-13-01")]
    [InlineData("2026-00-10")]
    [InlineData("2026-01-00")]
    [InlineData("0000-01-01")]
    [InlineData("2026-1-15")]
    [InlineData("2026/01/15")]
    [InlineData("2026-01-1x")]
    [InlineData("２０２６-01-15")]
    public void IsoDate_LeavesEverythingElseToTheGeneralParse(string text) => Assert.Null(TransactionRows.IsoDate(text));

    [Theory]
    [InlineData(" 线上 ", SalesChannel.Online)]
    [InlineData("ONLINE", SalesChannel.Online)]
    [InlineData("电商", SalesChannel.Online)]
    [InlineData("网店", SalesChannel.Online)]
    [InlineData("Offline", SalesChannel.Offline)]
    [InlineData("门店", SalesChannel.Offline)]
    [InlineData("Store", SalesChannel.Offline)]
    [InlineData("线下", SalesChannel.Offline)]
    public void Channel_WordsInEitherLanguageAndAnyCase(string text, SalesChannel expected)
    {
        Assert.True(TransactionRows.TryParseChannel(text, out var channel));
        Assert.Equal(expected, channel);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("电话")]
    [InlineData("on line")]
    public void Channel_AnythingElseIsRefused(string? text) => Assert.False(TransactionRows.TryParseChannel(text, out _));

    [Fact]
    public void SeveralBadFields_AreAllReported()
    {
        var (_, errors) = Parse(ReadCsv("客户编号,日期,金额,商品,渠道,支付方式\nC1,x,y,z,w,v\n")[0]);
        Assert.Equal(["bad-date", "bad-amount", "bad-channel"], errors.Select(e => e.Code));
    }

    [Theory]
    [InlineData("客户编号,日期,金额,商品,渠道", "missing-column")]
    [InlineData("日期,金额,商品,渠道,支付方式", "missing-column")]
    [InlineData("客户编号,日期,金额,商品,渠道,支付方式,颜色", "unknown-column")]
    [InlineData("客户编号,日期,date,金额,商品,渠道,支付方式", "duplicate-column")]
    [InlineData("", "empty-file")]
    public void UnusableHeader_FailsTheWholeFile(string header, string code)
    {
        var ex = Assert.Throws<TransactionFileException>(() => ReadCsv(header.Length == 0 ? "" : header + "\nC1,2026-01-01,1,x,线上,现金\n"));
        Assert.Equal(code, ex.Code);
    }

    [Fact]
    public void CustomerId_IsAcceptedInsteadOfNumber()
    {
        var id = Guid.CreateVersion7();
        var (row, errors) = Parse(ReadCsv($"customer_id,date,amount,items,channel,payment_method\n{id},2026-01-01,-5.5,退货,offline,cash\n")[0]);
        Assert.Empty(errors);
        Assert.Equal(id, row!.CustomerId);
        Assert.Equal(-5.5m, row.Amount);
    }

    [Theory]
    [InlineData(TransactionFileFormat.Csv, true)]
    [InlineData(TransactionFileFormat.Xlsx, false)]
    public void Template_ReadsBackWithoutErrors_AndCountsItsRow(TransactionFileFormat format, bool chinese)
    {
        var bytes = TransactionFile.Template(format, chinese);

        var row = Assert.Single(TransactionFile.Read(new MemoryStream(bytes), format).ToList());
        Assert.Empty(Parse(row).Errors);
        Assert.Equal(1, TransactionFile.CountRows(new MemoryStream(bytes), format));
    }

    private const string ChineseHeader = "客户编号,日期,金额,商品,渠道,支付方式,促销\r\n";

    private static List<SourceRow> ReadBytes(byte[] bytes) => TransactionFile.Read(new MemoryStream(bytes), TransactionFileFormat.Csv).ToList();

    [Fact]
    public void Gb18030File_AsChineseExcelSavesIt_IsReadWithoutBeingTold()
    {
        var bytes = TextFiles.Gb18030.GetBytes(ChineseHeader + "C1,2026-01-15,\"1,280.00\",\"沙发, 灰色\",线下,微信支付,春节促销\r\n");
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes)); // not UTF-8

        var (row, errors) = Parse(Assert.Single(ReadBytes(bytes)));

        Assert.Empty(errors);
        Assert.Equal(("沙发, 灰色", "微信支付", "春节促销", 1280.00m, 2), (row!.Items, row.PaymentMethod, row.Promotion, row.Amount, row.Line));
    }

    [Fact]
    public void Utf16FileWithBom_IsRead()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(ChineseHeader + "C1,2026-01-15,10,台灯,线上,现金,\r\n")).ToArray();
        Assert.Equal("台灯", Parse(Assert.Single(ReadBytes(bytes))).Row!.Items);
    }

    [Fact]
    public void Utf8File_WithAChineseCharacterCutByTheSniffedPrefix_IsStillUtf8()
    {
        const string plain = "C1,2026-01-15,10,x,online,cash,\r\n";
        const string start = "C2,2026-01-15,10,";
        var before = (TextFiles.SniffBytes - Encoding.UTF8.GetByteCount(ChineseHeader) - 500) / plain.Length;
        var pad = TextFiles.SniffBytes - 1 - Encoding.UTF8.GetByteCount(ChineseHeader) - (before * plain.Length) - start.Length;
        var text = ChineseHeader + string.Concat(Enumerable.Repeat(plain, before)) + start + new string('x', pad) + "沙发,线上,现金,\r\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(0xE6, bytes[TextFiles.SniffBytes - 1]); // the sniffed 64 KiB end with the first of 沙's three bytes

        var last = ReadBytes(bytes)[^1];
        Assert.Equal((before + 2, new string('x', pad) + "沙发"), (last.Line, Parse(last).Row!.Items));
    }

    [Fact]
    public void ErrorLines_CountTheLinesInsideQuotedCells_InAGb18030File()
    {
        var text = ChineseHeader + "C1,2026-01-15,10,\"沙发\r\n两件\r\n三件\",线上,现金,\r\nC2,2026-01-15,abc,灯,线上,现金,\r\n";
        var rows = ReadBytes(TextFiles.Gb18030.GetBytes(text));

        Assert.Equal([2, 5], rows.Select(r => r.Line));
        Assert.Equal((5, "bad-amount"), (Parse(rows[1]).Errors[0].Line, Parse(rows[1]).Errors[0].Code));
    }
}
