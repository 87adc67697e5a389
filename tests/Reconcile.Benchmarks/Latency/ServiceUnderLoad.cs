using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reconcile.Benchmarks.Latency;

/// <summary>
/// The built Reconcile.dll serving on Kestrel as a process of its own (<c>dotnet Reconcile.dll</c>), on a fresh
/// SQLite file in <paramref name="directory"/>, configured through the environment like an operator's deployment
/// with the example topology as <c>RECONCILE_CONFIG</c>. The driver and the service share the machine, not a process.
/// </summary>
internal sealed class ServiceUnderLoad(string directory) : IDisposable
{
    public const string AdminToken = "latency-admin-token-7781";
    private readonly StringBuilder _log = new();
    private Process? _process;

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public string DatabasePath => Path.Combine(directory, "reconcile.db");

    /// <summary>Settings every invocation gets: the store, no schedule (runs start when the driver says), the admin token.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Loads <paramref name="orders"/> simulated orders × 3 systems (seed 7, 5% faults) with the <c>simulate</c> verb.</summary>
    public async Task SimulateAsync(int orders)
    {
        using var process = Process.Start(Start(["simulate", "--orders", orders.ToString(CultureInfo.InvariantCulture), "--seed", "7"], Base()))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"simulate exited with {process.ExitCode}: {await error}{await output}");
        }
    }

    /// <summary>Starts the service with <see cref="Environment"/> on a free loopback port; returns once /healthz answers 200.</summary>
    public async Task StartAsync()
    {
        Address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var environment = Base();
        foreach (var (key, value) in Environment)
        {
            environment[key] = value;
        }

        environment["ASPNETCORE_URLS"] = Address.AbsoluteUri.TrimEnd('/');
        _process = new Process { StartInfo = Start([], environment) };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Reconcile exited with {_process.ExitCode} before it was healthy:\n{Log()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Reconcile did not answer /healthz within 120 s:\n{Log()}");
    }

    /// <summary>The last lines the service printed (warnings and errors at the default log level).</summary>
    public string Log(int lines = 30)
    {
        lock (_log)
        {
            return string.Join('\n', _log.ToString().Split('\n').TakeLast(lines));
        }
    }

    /// <summary>Where the service's whole output is kept after the store is deleted (beside the temporary stores).</summary>
    public static string LogPath => Path.Combine(Path.GetTempPath(), "reconcile-latency", "service.log");

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        lock (_log)
        {
            File.WriteAllText(LogPath, _log.ToString());
        }
    }

    private Dictionary<string, string> Base() => new(StringComparer.Ordinal)
    {
        ["Database__ConnectionString"] = $"Data Source={DatabasePath}",
        ["RECONCILE_CONFIG"] = Path.Combine(AppContext.BaseDirectory, "appsettings.sample.json"),
        ["Scheduling__Enabled"] = "false",
        ["Api__AdminToken"] = AdminToken,
    };

    private ProcessStartInfo Start(string[] args, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Reconcile.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
            if (_log.Length > 20_000_000)
            {
                _log.Remove(0, 10_000_000);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
