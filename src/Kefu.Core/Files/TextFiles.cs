using System.Text;
using nietras.SeparatedValues;

namespace Kefu.Core.Files;

/// <summary>One CSV record: the number of the line it starts on (1-based) and its cells, unquoted.</summary>
public readonly record struct CsvRecord(int Line, string[] Cells)
{
    public bool IsBlank => Cells.Length == 0 || (Cells.Length == 1 && string.IsNullOrWhiteSpace(Cells[0]));
}

/// <summary>
/// Reads uploaded text files whatever their encoding: a UTF-8 or UTF-16 byte order mark decides; without one the file is UTF-8
/// when its first <see cref="SniffBytes"/> are valid UTF-8, else GB18030 (what Excel saves as "CSV" on a Chinese Windows; GB18030
/// is a superset of GBK and GB2312).
/// </summary>
public static class TextFiles
{
    /// <summary>How much of a file decides its encoding.</summary>
    public const int SniffBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Encoding Gb18030 { get; } = CodePage(54936);

    /// <summary>The encoding of a file that starts with <paramref name="prefix"/>; <paramref name="complete"/>: the prefix is the
    /// whole file (otherwise a character cut at its end is not held against UTF-8).</summary>
    public static Encoding Detect(ReadOnlySpan<byte> prefix, bool complete)
    {
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8;
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode;
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode;
        }

        return IsUtf8(prefix, complete) ? Encoding.UTF8 : Gb18030;
    }

    /// <summary>The text of a whole file, without its byte order mark.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var encoding = Detect(bytes, complete: true);
        var preamble = encoding.Preamble;
        return encoding.GetString(bytes.StartsWith(preamble) ? bytes[preamble.Length..] : bytes);
    }

    /// <summary>A reader of the stream's text in its detected encoding; the stream is left open.</summary>
    public static TextReader OpenText(Stream stream)
    {
        var prefix = new byte[SniffBytes];
        var length = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        var encoding = Detect(prefix.AsSpan(0, length), complete: length < prefix.Length);
        return new StreamReader(new PrefixedStream(prefix, length, stream), encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    /// <summary>
    /// The records of a CSV text (RFC 4180: quoted cells may hold commas, doubled quotes and line breaks; rows may differ in
    /// length; cells are not trimmed unless <paramref name="trim"/>).
    /// </summary>
    public static IEnumerable<CsvRecord> ReadCsv(TextReader text, bool trim = false)
    {
        using var reader = Sep.Reader(o => o with
        {
            Sep = new Sep(','),
            HasHeader = false,
            Unescape = true,
            DisableColCountCheck = true,
            Trim = trim ? SepTrim.All : SepTrim.None,
        }).From(text);

        var line = 1;
        while (reader.MoveNext())
        {
            var (record, next) = Record(reader.Current, line);
            line = next;
            yield return record;
        }
    }

    /// <summary>The record and the line after it. Sep numbers the first row's lines from 2, so a record's start is counted here:
    /// the line after the previous record ends.</summary>
    private static (CsvRecord Record, int NextLine) Record(SepReader.Row row, int line)
    {
        var cells = new string[row.ColCount];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = row[i].ToString();
        }

        return (new CsvRecord(line, cells), row.LineNumberToExcl);
    }

    private static Encoding CodePage(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage);
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes, bool complete)
    {
        try
        {
            StrictUtf8.GetDecoder().GetCharCount(bytes, flush: complete);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The bytes already read to sniff the encoding, then the rest of the stream.</summary>
    private sealed class PrefixedStream(byte[] prefix, int length, Stream rest) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (position < length)
            {
                var n = Math.Min(buffer.Length, length - position);
                prefix.AsSpan(position, n).CopyTo(buffer);
                position += n;
                return n;
            }

            return rest.Read(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            position < length ? Read(buffer.Span) : await rest.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
