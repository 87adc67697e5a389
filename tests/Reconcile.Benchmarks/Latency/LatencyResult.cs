using System.Globalization;

namespace Reconcile.Benchmarks.Latency;

/// <summary>
/// What an open-loop load measured: one latency per request (milliseconds from its scheduled send time to the
/// end of its answer, so a stall counts fully) and how many failed (a non-2xx answer, a transport error or a timeout).
/// </summary>
internal sealed record LatencyResult(int Sent, int Errors, double[] LatenciesMs, IReadOnlyDictionary<string, int> ErrorKinds)
{
    /// <summary>The nearest-rank percentile (0–100) of the latencies, in ms; 0 when nothing was sent.</summary>
    public double Percentile(double percent)
    {
        if (LatenciesMs.Length == 0)
        {
            return 0;
        }

        var sorted = LatenciesMs.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public double Max => LatenciesMs.Length == 0 ? 0 : LatenciesMs.Max();

    /// <summary>The invariant figures, e.g. <c>sent=18000 errors=0 p50_ms=2.1 p90_ms=3.4 p99_ms=9.8 max_ms=41.0</c>.</summary>
    public string Figures() => string.Create(CultureInfo.InvariantCulture,
        $"sent={Sent} errors={Errors} p50_ms={Percentile(50):F1} p90_ms={Percentile(90):F1} p99_ms={Percentile(99):F1} max_ms={Max:F1}");

    /// <summary>The errors by kind (status code or exception type), for the lines before the summary.</summary>
    public string ErrorBreakdown() =>
        ErrorKinds.Count == 0 ? "none" : string.Join(", ", ErrorKinds.OrderByDescending(e => e.Value).Select(e => $"{e.Key}×{e.Value}"));
}
