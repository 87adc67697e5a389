using System.Globalization;

namespace Reconcile.Hosting.CommandLine;

/// <summary>
/// Progress for redirected output (CI logs, cron mail, <c>2&gt; file</c>): one line at most every
/// <c>interval</c>, e.g. <c>import: 40,000 of 100,000 rows (40%), 8,000 rows/s, about 8 s left</c>,
/// and a last line when the work finishes. No cursor tricks, so the log stays readable.
/// </summary>
public sealed class PlainProgress(TextWriter output, string label, string unit, TimeProvider time, TimeSpan interval) : IProgress<WorkProgress>
{
    private readonly object _lock = new();
    private readonly long _started = time.GetTimestamp();
    private long _lastLine = time.GetTimestamp();
    private WorkProgress _latest;

    public void Report(WorkProgress value)
    {
        lock (_lock)
        {
            _latest = value;
            var now = time.GetTimestamp();
            if (time.GetElapsedTime(_lastLine, now) < interval)
            {
                return;
            }

            _lastLine = now;
            var elapsed = time.GetElapsedTime(_started, now);
            var rate = Rate(value.Done, elapsed);
            var remaining = rate > 0 && value.Total > value.Done ? TimeSpan.FromSeconds((value.Total - value.Done) / rate) : TimeSpan.Zero;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: {value.Done:N0} of {value.Total:N0} {unit} ({Share(value) * 100:0}%), {rate:N0} {unit}/s, about {Duration(remaining)} left"));
        }
    }

    /// <summary>The closing line: how much, how long, how fast.</summary>
    public void Finish()
    {
        lock (_lock)
        {
            var elapsed = time.GetElapsedTime(_started);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: {_latest.Done:N0} of {_latest.Total:N0} {unit} done in {Duration(elapsed)} ({Rate(_latest.Done, elapsed):N0} {unit}/s)"));
        }
    }

    private static double Rate(long done, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? done / elapsed.TotalSeconds : 0;

    private static double Share(WorkProgress value) => value.Total > 0 ? (double)value.Done / value.Total : 0;

    private static string Duration(TimeSpan span) => span.TotalSeconds < 60
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s");
}
