using System.Security.Cryptography;
using System.Text;

namespace Kefu.Core.Security;

/// <summary>A revocable bearer token for the API. Only the SHA-256 of the token is stored.</summary>
public sealed class ApiToken
{
    private ApiToken()
    {
        TokenHash = "";
        Name = "";
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string Name { get; private set; }

    public string TokenHash { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    public bool IsValidAt(DateTime now) => RevokedAt is null && ExpiresAt > now;

    public void Revoke(DateTime now) => RevokedAt ??= now;

    /// <summary>Creates a token; the plain text is returned once and never stored.</summary>
    public static (ApiToken Token, string PlainText) Issue(Guid userId, string name, DateTime now, TimeSpan lifetime)
    {
        var plain = "kefu_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Name = name,
            TokenHash = Hash(plain),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        return (token, plain);
    }

    public static string Hash(string plainText) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(plainText)));
}
