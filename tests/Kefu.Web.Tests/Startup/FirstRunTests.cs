using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Kefu.Web.Tests.Startup;

/// <summary>
/// Runs the app exactly as a newcomer does, `dotnet run --project src/Kefu.Web`, on an empty SQLite file with
/// no administrator settings, and logs in with the credentials it prints.
/// </summary>
public sealed partial class FirstRunTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("kefu-first-run").FullName;
    private Process? process;

    [Fact]
    public async Task DotnetRun_OnEmptyDatabase_PrintsAdministratorWhoCanLogIn()
    {
        var port = FreePort();
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var started = new TaskCompletionSource();
        var psi = new ProcessStartInfo("dotnet", ["run", "--no-build", "--project", Path.Combine(RepoRoot(), "src", "Kefu.Web")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot(),
        };
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        psi.Environment["ConnectionStrings__Kefu"] = $"Data Source={Path.Combine(folder, "data", "kefu.db")}";
        psi.Environment["Kefu__DemoCustomers"] = "20";
        psi.Environment.Remove("KEFU_ADMIN_USER");
        psi.Environment.Remove("KEFU_ADMIN_PASSWORD");
        process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            if (e.Data.StartsWith("Kefu is running at", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var finished = await Task.WhenAny(started.Task, Task.Delay(TimeSpan.FromSeconds(90)));
        var printed = string.Join('\n', output);
        Assert.True(finished == started.Task, "The app did not start:\n" + printed);
        Assert.Contains($"http://127.0.0.1:{port}", printed, StringComparison.Ordinal);
        var user = UserLine().Match(printed).Groups[1].Value;
        var password = PasswordLine().Match(printed).Groups[1].Value;
        Assert.Equal("admin", user);
        Assert.True(password.Length >= 16, "a generated password is printed:\n" + printed);
        Assert.Contains("Demo data created", printed, StringComparison.Ordinal);

        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var login = await http.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var page = await login.Content.ReadAsStringAsync();
        var antiforgery = AntiforgeryField().Match(page).Groups[1].Value;
        Assert.NotEmpty(antiforgery);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user, ["Password"] = password, ["__RequestVerificationToken"] = antiforgery,
        });
        var signedIn = await http.PostAsync("/Account/Login", form);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var home = await http.GetAsync(signedIn.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Administrator", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.StartsWith("kefu_", (await token.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "data", "kefu.db")));
    }

    public void Dispose()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kefu.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Kefu.slnx not found above the test folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"Administrator created\. User name: (\S+)")]
    private static partial Regex UserLine();

    [GeneratedRegex(@"Password \(shown once, write it down\): (\S+)")]
    private static partial Regex PasswordLine();
}
