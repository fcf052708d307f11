using System.Text;
using Kefu.Core.Files;

namespace Kefu.Core.Tests.Files;

public sealed class TextFilesTests
{
    private const string Text = "日期,类型,名称\n2026-10-01,休,国庆节\n";

    public static TheoryData<string, byte[]> Files() => new()
    {
        { "utf-8", Encoding.UTF8.GetBytes(Text) },
        { "utf-8 with BOM", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Text)] },
        { "utf-16le with BOM", [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(Text)] },
        { "utf-16be with BOM", [.. Encoding.BigEndianUnicode.Preamble, .. Encoding.BigEndianUnicode.GetBytes(Text)] },
        { "gb18030", TextFiles.Gb18030.GetBytes(Text) },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Decode_DetectsTheEncoding_AndDropsTheBom(string encoding, byte[] bytes) =>
        Assert.True(Text == TextFiles.Decode(bytes), encoding);

    [Theory]
    [MemberData(nameof(Files))]
    public void OpenText_ReadsTheSameTextAsDecode(string encoding, byte[] bytes)
    {
        using var reader = TextFiles.OpenText(new MemoryStream(bytes));
        Assert.True(Text == reader.ReadToEnd(), encoding);
    }

    [Fact]
    public void OpenText_OfAFileLongerThanTheSniffedPrefix_ReadsItAll()
    {
        var text = string.Concat(Enumerable.Repeat("客户,金额\n", 20_000));
        using var reader = TextFiles.OpenText(new MemoryStream(TextFiles.Gb18030.GetBytes(text)));
        Assert.Equal(text, reader.ReadToEnd());
    }

    [Fact]
    public void ReadCsv_QuotedCommasQuotesAndLineBreaks_WithTheLineEachRecordStartsOn()
    {
        var records = TextFiles.ReadCsv(new StringReader("a,b\r\n\"x, y\",\"say \"\"hi\"\"\r\nagain\"\r\n\r\nlast,row,longer\r\n")).ToList();

        Assert.Equal([1, 2, 4, 5], records.Select(r => r.Line));
        Assert.Equal(["x, y", "say \"hi\"\r\nagain"], records[1].Cells);
        Assert.True(records[2].IsBlank);
        Assert.Equal(3, records[3].Cells.Length);
    }
}
