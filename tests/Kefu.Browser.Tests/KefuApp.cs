using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>The real app on a real socket (Kestrel on 127.0.0.1, a fresh SQLite file, demo data) and one headless Chromium.</summary>
public class KefuApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "Browser-Test-Pa55word!";

    private static readonly string[] ChromiumFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private readonly string folder = Path.Combine(Path.GetTempPath(), "kefu-browser-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? playwright;

    public KefuApp()
    {
        Directory.CreateDirectory(folder);
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumFlags,
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A fresh browser context (own cookies) with a laptop-sized window.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1366, Height = 860 },
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Saves what the user sees (the viewport, scrolled to the top) as screenshots/&lt;name&gt;.png.</summary>
    /// <summary>
    /// Fills a field and checks it kept the value. Tom Select returns focus to its own input shortly after a pick, which can
    /// swallow a fill that starts at that moment; a fill that did not stick is repeated (at most three times).
    /// </summary>
    public static async Task FillAsync(IPage page, string selector, string value)
    {
        for (var attempt = 0; ; attempt++)
        {
            await page.FillAsync(selector, value);
            if (await page.InputValueAsync(selector) == value || attempt == 2)
            {
                await Assertions.Expect(page.Locator(selector)).ToHaveValueAsync(value);
                return;
            }

            await page.WaitForTimeoutAsync(200);
        }
    }

    /// <summary>The viewport (or with <paramref name="fullPage"/> the whole page), scrolled to the top first: a full-page shot taken
    /// further down draws the sticky header where the page was scrolled to.</summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = false)
    {
        await page.EvaluateAsync("() => { document.querySelectorAll('select.tomselected').forEach(s => s.tomselect?.close()); document.activeElement?.blur(); window.scrollTo({ top: 0, left: 0, behavior: 'instant' }); }");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = fullPage });
    }

    public static async Task LoginAsync(IPage page, string user = AdminUser, string password = AdminPassword)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#UserName", user);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("[data-testid=login-submit]");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await base.DisposeAsync();
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>How many demo customers; null: the app's default, as a fresh clone's <c>dotnet run</c> has.</summary>
    protected virtual int? DemoCustomers => 20;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("ConnectionStrings:Kefu", $"Data Source={Path.Combine(folder, "kefu.db")}");
        builder.UseSetting("KEFU_ADMIN_USER", AdminUser);
        builder.UseSetting("KEFU_ADMIN_PASSWORD", AdminPassword);
        builder.UseSetting("Kefu:DemoData", "true");
        if (DemoCustomers is int customers)
        {
            builder.UseSetting("Kefu:DemoCustomers", customers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        builder.UseSetting("Kefu:LoginAttemptsPerMinute", "200");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<KefuApp>
{
    public const string Name = "browser";
}
