namespace Reconcile.Benchmarks.Latency;

/// <summary>
/// <c>latency webhook|click …</c>: runs one latency mode against the service as a separate process on a fresh
/// store in a temporary directory, prints what it saw and ends with one invariant line, e.g.
/// <c>latency: kind=webhook rate=300 seconds=60 sent=18000 errors=0 p50_ms=… p90_ms=… p99_ms=… max_ms=…</c>.
/// Exit code 0 when the target (p99 ≤ 50 ms, no errors) is met, 1 when not, 2 on bad arguments.
/// </summary>
internal static class LatencyEntry
{
    private const double TargetP99Ms = 50;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        LatencyOptions options;
        try
        {
            options = LatencyOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        var directory = Path.Combine(Path.GetTempPath(), "reconcile-latency", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        output.WriteLine(FormattableString.Invariant(
            $"Reconcile {options.Kind} latency: {options.Rate}/s for {options.Seconds} s (open loop, after a {options.WarmupSeconds} s warm-up), store in {directory}"));
        try
        {
            using var service = new ServiceUnderLoad(directory);
            string line;
            LatencyResult result;
            if (options.Kind == "webhook")
            {
                result = await WebhookLoad.RunAsync(service, options, output);
                line = $"latency: kind=webhook rate={options.Rate} seconds={options.Seconds} {result.Figures()}";
            }
            else
            {
                (result, var runs) = await ClickLoad.RunAsync(service, options, output);
                line = FormattableString.Invariant(
                    $"latency: kind=click button={options.Button} orders={options.Orders} rate={options.Rate} seconds={options.Seconds} {result.Figures()} runs={runs.Completed.Count} overlapped={runs.Overlapped}");
            }

            output.WriteLine(line);
            return result.Errors == 0 && result.Percentile(99) <= TargetP99Ms ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
