using System.Globalization;

namespace Reconcile.Benchmarks;

/// <summary>
/// Usage: dotnet run -c Release --project tests/Reconcile.Benchmarks -- [--orders 1000000] [--changes 10000] for the
/// run benchmark, -- latency webhook|click [--rate N] [--seconds S] for request latency under load, or
/// -- metrics [--orders N] [--database FILE] for the figures' answer time (a FILE that exists is reused; see README).
/// </summary>
internal static class BenchmarkEntry
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "latency")
        {
            return await Latency.LatencyEntry.RunAsync(args, Console.Out);
        }

        var orders = Argument(args, "--orders", 1_000_000);
        if (args.Length > 0 && args[0] == "metrics")
        {
            return await MetricsAsync(args, orders);
        }

        var changes = Argument(args, "--changes", 10_000);
        var directory = Path.Combine(Path.GetTempPath(), "reconcile-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var output = Console.Out;
        output.WriteLine(FormattableString.Invariant($"Reconcile run benchmark: {orders:N0} orders, {changes:N0} changes, {Environment.ProcessorCount} cores"));
        try
        {
            using var benchmark = new RunBenchmark(orders, changes, directory);
            await benchmark.ExecuteAsync(output);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }

        return 0;
    }

    private static async Task<int> MetricsAsync(string[] args, int orders)
    {
        var index = Array.IndexOf(args, "--database");
        var kept = index >= 0 && index + 1 < args.Length;
        var path = kept ? Path.GetFullPath(args[index + 1]) : Path.Combine(Path.GetTempPath(), "reconcile-bench", Guid.NewGuid().ToString("N"), "metrics.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Console.Out.WriteLine(FormattableString.Invariant($"Reconcile metrics benchmark: {orders:N0} orders, {path}, {Environment.ProcessorCount} cores"));
        try
        {
            using var benchmark = new MetricsBenchmark(path);
            await benchmark.ExecuteAsync(orders, Console.Out);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (!kept)
            {
                Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
            }
        }

        return 0;
    }

    private static int Argument(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
