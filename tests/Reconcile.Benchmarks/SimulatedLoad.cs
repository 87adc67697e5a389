using System.Diagnostics;
using System.Globalization;

namespace Reconcile.Benchmarks;

/// <summary>Loads simulated orders with the product's own `simulate` verb in another process, so this process's memory is the measured work's alone.</summary>
internal static class SimulatedLoad
{
    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "appsettings.sample.json");

    /// <summary>Loads <paramref name="orders"/> orders × 3 systems (seed 7) into the database; throws when the verb fails.</summary>
    public static async Task LoadAsync(string connection, int orders)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Reconcile.dll"), "simulate", "--orders", orders.ToString(CultureInfo.InvariantCulture), "--seed", "7" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Database__ConnectionString"] = connection;
        start.Environment["RECONCILE_CONFIG"] = SamplePath;
        // A heap limit set to measure the runs (DOTNET_GCHeapHardLimit) is not meant for loading the data.
        start.Environment.Remove("DOTNET_GCHeapHardLimit");
        using var process = Process.Start(start)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"simulate exited with {process.ExitCode}");
        }
    }
}
