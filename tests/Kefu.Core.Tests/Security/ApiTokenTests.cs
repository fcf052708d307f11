using Kefu.Core.Security;

namespace Kefu.Core.Tests.Security;

public class ApiTokenTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Issue_NewToken_StoresOnlyTheHashOfThePlainText()
    {
        var userId = Guid.CreateVersion7();

        var (token, plain) = ApiToken.Issue(userId, "ci", Now, TimeSpan.FromDays(30));

        Assert.StartsWith("kefu_", plain, StringComparison.Ordinal);
        Assert.Equal(ApiToken.Hash(plain), token.TokenHash);
        Assert.DoesNotContain(plain, token.TokenHash, StringComparison.Ordinal);
        Assert.Equal(userId, token.UserId);
        Assert.Equal("ci", token.Name);
        Assert.Equal(Now, token.CreatedAt);
        Assert.Equal(Now.AddDays(30), token.ExpiresAt);
        Assert.Null(token.RevokedAt);
    }

    [Fact]
    public void Issue_Twice_GivesDifferentUrlSafeTokens()
    {
        var a = ApiToken.Issue(Guid.CreateVersion7(), "a", Now, TimeSpan.FromHours(1)).PlainText;
        var b = ApiToken.Issue(Guid.CreateVersion7(), "b", Now, TimeSpan.FromHours(1)).PlainText;

        Assert.NotEqual(a, b);
        Assert.All([a, b], t => Assert.Matches("^kefu_[A-Za-z0-9_-]{43}$", t));
    }

    [Fact]
    public void Hash_SameInput_IsDeterministicSha256Hex()
    {
        Assert.Equal(ApiToken.Hash("kefu_x"), ApiToken.Hash("kefu_x"));
        Assert.NotEqual(ApiToken.Hash("kefu_x"), ApiToken.Hash("kefu_y"));
        // SHA-256("abc"), FIPS 180-2 test vector.
        Assert.Equal("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", ApiToken.Hash("abc"));
    }

    [Fact]
    public void IsValidAt_BeforeExpiry_ReturnsTrueAndAtExpiryFalse()
    {
        var (token, _) = ApiToken.Issue(Guid.CreateVersion7(), "t", Now, TimeSpan.FromHours(1));

        Assert.True(token.IsValidAt(Now));
        Assert.True(token.IsValidAt(Now.AddMinutes(59)));
        Assert.False(token.IsValidAt(Now.AddHours(1)));
        Assert.False(token.IsValidAt(Now.AddDays(1)));
    }

    [Fact]
    public void Revoke_ValidToken_MakesItInvalidAndKeepsFirstRevocationTime()
    {
        var (token, _) = ApiToken.Issue(Guid.CreateVersion7(), "t", Now, TimeSpan.FromHours(1));

        token.Revoke(Now.AddMinutes(5));
        token.Revoke(Now.AddMinutes(10));

        Assert.Equal(Now.AddMinutes(5), token.RevokedAt);
        Assert.False(token.IsValidAt(Now.AddMinutes(6)));
    }
}
