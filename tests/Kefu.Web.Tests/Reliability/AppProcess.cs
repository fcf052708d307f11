using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kefu.Web.Tests.Reliability;

/// <summary>
/// The built app (<c>dotnet src/Kefu.Web/bin/…/Kefu.Web.dll</c>) as a separate process in Production mode on a free
/// 127.0.0.1 port, so a test can kill it with SIGKILL and start it again on the same database. Its output is kept for
/// failure messages.
/// </summary>
public sealed class AppProcess(IReadOnlyDictionary<string, string> settings) : IAsyncDisposable
{
    private const int KeptLines = 200;

    private readonly ConcurrentQueue<string> output = new();
    private Process? process;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public int Starts { get; private set; }

    /// <summary>The last lines the app wrote (stdout and stderr).</summary>
    public string Output => string.Join('\n', output);

    /// <summary>Kefu.Web.dll of the same configuration as the test assembly, built by the solution.</summary>
    public static string WebDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Kefu.slnx")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Kefu.slnx not found above " + AppContext.BaseDirectory),
            "src", "Kefu.Web", "bin", configuration, framework, "Kefu.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first (dotnet build Kefu.slnx).", dll);
    }

    public async Task StartAsync(TimeSpan timeout)
    {
        var dll = WebDll();
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        Starts++;
        Keep($"--- start {Starts} on {BaseAddress}");
        process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var health = await http.GetAsync("/health");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The app did not answer /health within {timeout.TotalSeconds:0} s:\n{Output}");
    }

    /// <summary>SIGKILL (Process.Kill on Unix): no shutdown hooks, no flushing, transactions in flight die with it.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
            Keep($"--- killed (exit code {process.ExitCode})");
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > KeptLines && output.TryDequeue(out _))
        {
        }
    }
}
