using Kefu.Core.Customers;

namespace Kefu.Core.Tests.Customers;

public class PhonesTests
{
    [Theory]
    [InlineData("+86 (138) 0013-8000", "8613800138000")]
    [InlineData("021 6234 5678", "02162345678")]
    [InlineData("13800138000", "13800138000")]
    public void Digits_FormattedNumber_KeepsOnlyAsciiDigits(string phone, string expected) =>
        Assert.Equal(expected, Phones.Digits(phone));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("no digits")]
    [InlineData("１２３")]
    public void Digits_NoAsciiDigits_ReturnsNull(string? phone) => Assert.Null(Phones.Digits(phone));
}

public sealed class PrefixRangeTests
{
    [Theory]
    [InlineData("139", "139", "13:")]
    [InlineData("C0000012", "C0000012", "C0000013")]
    [InlineData("Z1-", "Z1-", "Z1.")]
    public void PrefixRange_IsTheHalfOpenRangeOfStringsWithThePrefix(string prefix, string from, string to)
    {
        var range = Kefu.Core.Customers.CustomerService.PrefixRange(prefix);
        Assert.Equal((from, to), range);
        Assert.True(string.CompareOrdinal(prefix + "99999", range.To) < 0);
        Assert.True(string.CompareOrdinal(prefix, range.From) >= 0);
    }
}
