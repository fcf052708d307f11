using Kefu.Core.Customers;

namespace Kefu.Core.Tests.Customers;

public class EnumNamesTests
{
    [Theory]
    [InlineData("WeddingAnniversary", "wedding-anniversary")]
    [InlineData("Person", "person")]
    [InlineData("ResponsibilityCentre", "responsibility-centre")]
    [InlineData("x", "x")]
    public void ToApi_PascalCaseName_ReturnsKebabCase(string name, string expected) =>
        Assert.Equal(expected, EnumNames.ToApi(name));

    [Fact]
    public void ToApi_EnumValue_ReturnsKebabCaseOfItsName()
    {
        Assert.Equal("family-birthday", EnumNames.ToApi(KeyDateKind.FamilyBirthday));
        Assert.Equal("distributor", EnumNames.ToApi(CustomerNature.Distributor));
    }
}
