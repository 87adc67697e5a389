using System.Diagnostics;

namespace Reconcile.Tests.Infrastructure;

/// <summary>Runs the real Reconcile binary, as an operator would, and captures what it prints.</summary>
public static class ReconcileProcess
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Task<Result> RunAsync(string workingDirectory, IDictionary<string, string> environment, params string[] args) =>
        RunAsync(workingDirectory, environment, interruptAt: null, args);

    /// <summary>
    /// Runs the binary and, at the first line it prints (out or error) that <paramref name="interruptAt"/> accepts,
    /// sends it SIGINT, as Ctrl+C in a terminal does (Linux and macOS: through <c>kill</c>).
    /// </summary>
    public static async Task<Result> RunAsync(string workingDirectory, IDictionary<string, string> environment, Func<string, bool>? interruptAt, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Reconcile.dll");
        // A job started in the background by a non-interactive shell (a CI script's `&`) ignores SIGINT, and so does
        // every process it starts; the runtime then leaves Ctrl+C ignored, as a shell's background job should. The
        // binary is given the default disposition back, as a terminal's foreground process has it.
        var restoreInterrupt = interruptAt is not null && OperatingSystem.IsLinux();
        var start = new ProcessStartInfo(restoreInterrupt ? "env" : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (restoreInterrupt)
        {
            start.ArgumentList.Add("--default-signal=INT");
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        // The example topology, as an operator's RECONCILE_CONFIG file; a test may name its own file instead.
        start.Environment["RECONCILE_CONFIG"] = TestConfiguration.SamplePath;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var interrupted = 0;
        var output = ReadAsync(process.StandardOutput, Watch);
        var error = ReadAsync(process.StandardError, Watch);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180)); // generous: a loaded 2-core CI machine runs the whole demo here
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);

        void Watch(string line)
        {
            if (interruptAt is not null && interruptAt(line) && Interlocked.Exchange(ref interrupted, 1) == 0)
            {
                using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                kill.WaitForExit();
            }
        }
    }

    private static async Task<string> ReadAsync(StreamReader reader, Action<string> watch)
    {
        var text = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            text.AppendLine(line);
            watch(line);
        }

        return text.ToString();
    }
}
