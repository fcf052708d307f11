using Kefu.Core.Customers;

namespace Kefu.Core.Tests.Customers;

public class CustomerValidatorTests
{
    private static readonly Guid Unit = Guid.CreateVersion7();

    private static CustomerInput Valid() => new()
    {
        Kind = "person",
        Name = "  王伟  ",
        Nature = "retail",
        OrgUnitId = Unit,
        Contacts = [new ContactInput(null, "王伟", "138-0013-8000", null, null)],
        Addresses = [new AddressInput(null, "家", "上海市", "上海市", "黄浦区", "南京西路1号", null)],
    };

    private static IReadOnlyDictionary<string, string[]> Errors(CustomerInput input)
    {
        var result = CustomerValidator.Validate(input);
        Assert.False(result.IsSuccess);
        return result.Error!.Fields!;
    }

    [Fact]
    public void Validate_ValidInput_TrimsNameAndParsesEnums()
    {
        var result = CustomerValidator.Validate(Valid());

        Assert.True(result.IsSuccess);
        Assert.Equal("王伟", result.Value.Name);
        Assert.Equal(CustomerKind.Person, result.Value.Kind);
        Assert.Equal(CustomerNature.Retail, result.Value.Nature);
        Assert.Equal(Unit, result.Value.OrgUnitId);
    }

    [Fact]
    public void Validate_EmptyInput_ReportsEveryRequiredField()
    {
        var fields = Errors(new CustomerInput());

        Assert.Equal(["kind", "name", "nature", "orgUnitId"], fields.Keys.Order(StringComparer.Ordinal));
        Assert.All(fields.Values, messages => Assert.Equal(["Required."], messages));
    }

    [Fact]
    public void Validate_NameLongerThan200_ReportsName()
    {
        var fields = Errors(Valid() with { Name = new string('名', 201) });

        Assert.Equal(["At most 200 characters."], fields["name"]);
    }

    [Theory]
    [InlineData("wedding-anniversary", KeyDateKind.WeddingAnniversary)]
    [InlineData("WEDDING_ANNIVERSARY", KeyDateKind.WeddingAnniversary)]
    [InlineData("family-birthday", KeyDateKind.FamilyBirthday)]
    [InlineData("Birthday", KeyDateKind.Birthday)]
    public void Validate_KeyDateKindInKebabOrOtherCase_ParsesEnum(string kind, KeyDateKind expected)
    {
        var result = CustomerValidator.Validate(Valid() with { KeyDates = [new KeyDateInput(null, kind, new DateOnly(1980, 5, 1), null)] });

        Assert.True(result.IsSuccess);
        Assert.Equal(expected, Assert.Single(result.Value.KeyDates).Kind);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("company")]
    public void Validate_NumericOrUnknownKind_ListsKebabCaseNames(string kind)
    {
        var fields = Errors(Valid() with { Kind = kind });

        Assert.Equal(["Must be one of: person, organization."], fields["kind"]);
    }

    [Fact]
    public void Validate_UnknownKeyDateKind_ReportsIndexedFieldWithKebabNames()
    {
        var fields = Errors(Valid() with { KeyDates = [new KeyDateInput(null, "anniversary", null, null)] });

        Assert.Contains("wedding-anniversary", Assert.Single(fields["keyDates[0].kind"]), StringComparison.Ordinal);
        Assert.Equal(["Required."], fields["keyDates[0].date"]);
    }

    [Theory]
    [InlineData("13800138000")]
    [InlineData("+86 138 0013 8000")]
    [InlineData("(021) 6234-5678")]
    [InlineData("12345")]
    public void Validate_PlausiblePhone_IsAccepted(string phone)
    {
        var result = CustomerValidator.Validate(Valid() with { Contacts = [new ContactInput(null, "王伟", phone, null, null)] });

        Assert.True(result.IsSuccess);
        Assert.Equal(phone, result.Value.Contacts[0].Phone);
    }

    [Theory]
    [InlineData("1234")]
    [InlineData("138abc00138")]
    [InlineData("138.0013.8000")]
    [InlineData("123456789012345678901")]
    public void Validate_ImplausiblePhone_ReportsContactPhone(string phone)
    {
        var fields = Errors(Valid() with { Contacts = [new ContactInput(null, "王伟", phone, null, null)] });

        Assert.Equal(["Not a phone number."], fields["contacts[0].phone"]);
    }

    [Fact]
    public void Validate_MixedCaseEmail_IsStoredLowerCase()
    {
        var result = CustomerValidator.Validate(Valid() with { Contacts = [new ContactInput(null, "王伟", null, " Wang.Wei@Example.CN ", null)] });

        Assert.True(result.IsSuccess);
        Assert.Equal("wang.wei@example.cn", result.Value.Contacts[0].Email);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("wang@localhost")]
    [InlineData("Wang <wang@example.cn>")]
    public void Validate_InvalidEmail_ReportsContactEmail(string email)
    {
        var fields = Errors(Valid() with { Contacts = [new ContactInput(null, "王伟", null, email, null)] });

        Assert.Equal(["Not an e-mail address."], fields["contacts[0].email"]);
    }

    [Fact]
    public void Validate_ContactWithoutAnyChannel_ReportsContact()
    {
        var fields = Errors(Valid() with { Contacts = [new ContactInput(null, "王伟", " ", null, "")] });

        Assert.Equal(["Give a phone, an e-mail or a WeChat id."], fields["contacts[0]"]);
    }

    [Fact]
    public void Validate_TwoMasterAddresses_ReportsAddresses()
    {
        var fields = Errors(Valid() with
        {
            Addresses =
            [
                new AddressInput(null, "家", null, null, null, "南京西路1号", null, IsMaster: true),
                new AddressInput(null, "店", null, null, null, "淮海中路2号", null, IsMaster: true),
            ],
        });

        Assert.Equal(["Only one address can be the master address."], fields["addresses"]);
    }

    [Fact]
    public void Validate_NoMasterAddress_MakesFirstTheMaster()
    {
        var result = CustomerValidator.Validate(Valid() with
        {
            Addresses = [new AddressInput(null, "家", null, null, null, "南京西路1号", null), new AddressInput(null, "店", null, null, null, "淮海中路2号", null)],
        });

        Assert.True(result.IsSuccess);
        Assert.Equal([true, false], result.Value.Addresses.Select(a => a.IsMaster));
    }

    [Fact]
    public void Validate_SecondAddressIsMaster_KeepsItTheOnlyMaster()
    {
        var result = CustomerValidator.Validate(Valid() with
        {
            Addresses = [new AddressInput(null, "家", null, null, null, "南京西路1号", null), new AddressInput(null, "店", null, null, null, "淮海中路2号", null, IsMaster: true)],
        });

        Assert.True(result.IsSuccess);
        Assert.Equal([false, true], result.Value.Addresses.Select(a => a.IsMaster));
    }

    [Fact]
    public void Validate_AddressWithoutStreet_ReportsIndexedStreet()
    {
        var fields = Errors(Valid() with { Addresses = [new AddressInput(null, "家", "上海市", null, null, "  ", null)] });

        Assert.Equal(["Required."], fields["addresses[0].street"]);
    }

    [Fact]
    public void Validate_DuplicateAndPaddedTags_AreTrimmedAndDeduplicated()
    {
        var result = CustomerValidator.Validate(Valid() with { Tags = [" 老客户 ", "老客户", "高端"] });

        Assert.True(result.IsSuccess);
        Assert.Equal(["老客户", "高端"], result.Value.Tags);
    }

    [Fact]
    public void Validate_BlankOrTooLongTag_ReportsIndexedTag()
    {
        var fields = Errors(Valid() with { Tags = ["ok", " ", new string('x', 31)] });

        Assert.Equal(["tags[1]", "tags[2]"], fields.Keys.Where(k => k.StartsWith("tags", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(["A tag has 1 to 30 characters."], fields["tags[2]"]);
    }
}
