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
