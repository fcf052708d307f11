using System.Text;

namespace Kefu.Core.Common;

/// <summary>An opaque keyset cursor: a sort key and a unique tie-breaker, base64url-encoded.</summary>
public static class KeysetCursor
{
    public static string Encode(string key, string tieBreaker) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(key + "\u001f" + tieBreaker)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static (string Key, string TieBreaker)? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 400)
        {
            return null;
        }

        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(b64)).Split('\u001f');
            return parts.Length == 2 ? (parts[0], parts[1]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
