using Kefu.Core.Security;

namespace Kefu.Web.Infrastructure;

/// <summary>
/// The client address of the current request: the connection's peer, or the address a trusted proxy forwarded when
/// <c>Kefu:TrustedProxies</c> is set (X-Forwarded-For is not trusted otherwise).
/// </summary>
public sealed class HttpRequestOrigin(IHttpContextAccessor http) : IRequestOrigin
{
    public string ClientAddress => Of(http.HttpContext);

    public static string Of(HttpContext? context) =>
        context?.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : "unknown";
}
