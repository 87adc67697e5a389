using System.Globalization;

namespace Reconcile.Benchmarks;

/// <summary>
/// Usage: dotnet run -c Release --project tests/Reconcile.Benchmarks -- [--orders 1000000] [--changes 10000]
/// [--database FILE [--incremental-only [--repeats 3]]] for the run benchmark (a FILE that exists is reused, a new one
/// kept; with --incremental-only only incremental runs after changes are timed, on a FILE that has had a full run), -- latency webhook|click [--rate N] [--seconds S] for request latency under load, or
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
        var (path, kept) = DatabasePath(args, "bench.db");
        var output = Console.Out;
        output.WriteLine(FormattableString.Invariant($"Reconcile run benchmark: {orders:N0} orders, {changes:N0} changes, {Environment.ProcessorCount} cores"));
        try
        {
            using var benchmark = new RunBenchmark(orders, changes, path);
            if (args.Contains("--incremental-only"))
            {
                if (!File.Exists(path))
                {
                    throw new ArgumentException("--incremental-only needs --database FILE naming a file that has had a full run");
                }

                await benchmark.IncrementalOnlyAsync(output, Argument(args, "--repeats", 3));
            }
            else
            {
                await benchmark.ExecuteAsync(output);
            }
        }
        finally
        {
            Cleanup(path, kept);
        }

        return 0;
    }

    private static async Task<int> MetricsAsync(string[] args, int orders)
    {
        var (path, kept) = DatabasePath(args, "metrics.db");
        Console.Out.WriteLine(FormattableString.Invariant($"Reconcile metrics benchmark: {orders:N0} orders, {path}, {Environment.ProcessorCount} cores"));
        try
        {
            using var benchmark = new MetricsBenchmark(path);
            await benchmark.ExecuteAsync(orders, Console.Out);
        }
        finally
        {
            Cleanup(path, kept);
        }

        return 0;
    }

    /// <summary>The --database file (kept afterwards), else a new file in a directory of its own (deleted afterwards).</summary>
    private static (string Path, bool Kept) DatabasePath(string[] args, string name)
    {
        var index = Array.IndexOf(args, "--database");
        var kept = index >= 0 && index + 1 < args.Length;
        var path = kept ? Path.GetFullPath(args[index + 1]) : Path.Combine(Path.GetTempPath(), "reconcile-bench", Guid.NewGuid().ToString("N"), name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return (path, kept);
    }

    private static void Cleanup(string path, bool kept)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!kept)
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    private static int Argument(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
