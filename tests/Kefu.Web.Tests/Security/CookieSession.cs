using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kefu.Web.Tests.Security;

/// <summary>
/// What a browser holds after signing in on the login page: its cookies, kept by hand so a test can copy them and
/// replay them after the server ended the session (a stolen or kept cookie). No redirects are followed.
/// </summary>
public sealed partial class CookieSession : IDisposable
{
    private readonly HttpClient http;

    private CookieSession(KefuApp app, string address, Dictionary<string, string> cookies, Uri? baseAddress = null)
    {
        http = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            HandleCookies = false, AllowAutoRedirect = false, BaseAddress = baseAddress ?? new Uri("http://localhost"),
        });
        http.DefaultRequestHeaders.Add(SecurityApp.AddressHeader, address);
        Address = address;
        Cookies = cookies;
    }

    public string Address { get; }

    public Dictionary<string, string> Cookies { get; }

    /// <summary>The Set-Cookie headers of the last response.</summary>
    public IReadOnlyList<string> LastSetCookies { get; private set; } = [];

    public static CookieSession Anonymous(KefuApp app, string address, Uri? baseAddress = null) => new(app, address, new(StringComparer.Ordinal), baseAddress);

    /// <summary>Signs in through the login page (its form and antiforgery token) and returns the signed-in browser.</summary>
    public static async Task<CookieSession> LoginAsync(KefuApp app, string userName, string password, string address, Uri? baseAddress = null)
    {
        var session = Anonymous(app, address, baseAddress);
        var response = await session.PostLoginAsync(userName, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"login of {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.True(session.Cookies.ContainsKey("kefu.auth"), "no login cookie");
        return session;
    }

    /// <summary>Posts the login form; a success is a redirect that sets the login cookie.</summary>
    public async Task<HttpResponseMessage> PostLoginAsync(string userName, string password)
    {
        var form = await SendAsync(HttpMethod.Get, "/Account/Login");
        var token = FormToken(await form.Content.ReadAsStringAsync());
        return await SendAsync(HttpMethod.Post, "/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>A copy of the cookies as they are now, to replay later.</summary>
    public CookieSession Copy(KefuApp app) => new(app, Address, new Dictionary<string, string>(Cookies, StringComparer.Ordinal));

    /// <summary>The antiforgery token of the layout's kefu-csrf meta tag, as the app's scripts send it.</summary>
    public async Task<string> AntiforgeryTokenAsync()
    {
        var page = await SendAsync(HttpMethod.Get, "/");
        var html = await page.Content.ReadAsStringAsync();
        var match = MetaToken().Match(html);
        Assert.True(match.Success, $"no kefu-csrf meta tag on / ({(int)page.StatusCode})");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public async Task LogoutAsync()
    {
        var token = await AntiforgeryTokenAsync();
        var response = await SendAsync(HttpMethod.Post, "/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    public Task<HttpResponseMessage> PostJsonAsync(string url, object body, string? antiforgeryToken = null) =>
        SendAsync(HttpMethod.Post, url, JsonContent.Create(body), antiforgeryToken);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null, string? antiforgeryToken = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        if (antiforgeryToken is not null)
        {
            request.Headers.Add("RequestVerificationToken", antiforgeryToken);
        }

        var response = await http.SendAsync(request);
        LastSetCookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? set.ToList() : [];
        foreach (var header in LastSetCookies)
        {
            var pair = header.Split(';')[0];
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = pair[..eq];
            var value = pair[(eq + 1)..];
            if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                Cookies.Remove(name);
            }
            else
            {
                Cookies[name] = value;
            }
        }

        return response;
    }

    public void Dispose() => http.Dispose();

    private static string FormToken(string html)
    {
        var match = FormTokenPattern().Match(html);
        Assert.True(match.Success, "no antiforgery field in the form");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<meta name=\"kefu-csrf\" content=\"([^\"]+)\"")]
    private static partial Regex MetaToken();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();
}
