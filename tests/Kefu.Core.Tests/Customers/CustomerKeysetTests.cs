using System.Globalization;
using System.Text;
using Kefu.Core.Customers;

namespace Kefu.Core.Tests.Customers;

public class CustomerKeysetTests
{
    private static readonly DateTime Created = new(2026, 11, 24, 8, 30, 15, 123, DateTimeKind.Utc);

    private static CustomerListItem Item(string name = "Alice Trading", string number = "C00000042") =>
        new(Guid.CreateVersion7(), number, name, CustomerKind.Organization, CustomerNature.Merchant, Guid.CreateVersion7(), null, null, null, null, Created, 0);

    [Theory]
    [InlineData("created")]
    [InlineData("-created")]
    public void EncodeDecode_CreatedSort_RoundTripsInstantAndNumber(string sort)
    {
        var cursor = CustomerKeyset.Decode(CustomerKeyset.Encode(sort, Item()), sort);

        Assert.NotNull(cursor);
        Assert.Equal("C00000042", cursor.Number);
        var instant = DateTime.Parse(cursor.Key, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        Assert.Equal(Created, instant);
        Assert.Equal(DateTimeKind.Utc, instant.Kind);
    }

    [Fact]
    public void EncodeDecode_NameSort_RoundTripsLowerCasedName()
    {
        var cursor = CustomerKeyset.Decode(CustomerKeyset.Encode("-name", Item("Alice 王 Trading")), "-name");

        Assert.Equal(new CustomerKeyset.Cursor("alice 王 trading", "C00000042"), cursor);
    }

    [Fact]
    public void Encode_AnyItem_IsUrlSafeWithoutPadding()
    {
        var cursor = CustomerKeyset.Encode("name", Item(new string('?', 50) + "~~~>>>"));

        Assert.DoesNotContain('+', cursor);
        Assert.DoesNotContain('/', cursor);
        Assert.DoesNotContain('=', cursor);
        Assert.NotNull(CustomerKeyset.Decode(cursor, "name"));
    }

    [Theory]
    [InlineData("!!!not base64!!!")]
    [InlineData("a")]
    [InlineData("bm8gc2VwYXJhdG9y")] // "no separator"
    public void Decode_Garbage_ReturnsNull(string after) => Assert.Null(CustomerKeyset.Decode(after, "number"));

    [Fact]
    public void Decode_NameCursorUsedForCreatedSort_ReturnsNull()
    {
        var nameCursor = CustomerKeyset.Encode("name", Item());

        Assert.Null(CustomerKeyset.Decode(nameCursor, "-created"));
    }

    [Fact]
    public void Decode_OverlongNumber_ReturnsNull()
    {
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes("\u001f" + new string('9', 21)));

        Assert.Null(CustomerKeyset.Decode(forged, "number"));
    }

    [Fact]
    public void Decode_EmptyOrNull_ReturnsNullMeaningFirstPage()
    {
        Assert.Null(CustomerKeyset.Decode(null, "number"));
        Assert.Null(CustomerKeyset.Decode("", "number"));
    }
}
