namespace Reconcile.Reporting;

/// <summary>Mean, median and percentiles over durations, in hours.</summary>
public static class Statistics
{
    public static double? MeanHours(IReadOnlyCollection<TimeSpan> values) =>
        values.Count == 0 ? null : values.Average(v => v.TotalHours);

    public static double? MedianHours(IReadOnlyCollection<TimeSpan> values) => PercentileHours(values, 0.5);

    /// <summary>
    /// Linear interpolation between closest ranks (Excel's PERCENTILE.INC): rank = p·(n−1) over the sorted
    /// values, so p50 is the usual median and p95 of few values lies between the two largest.
    /// </summary>
    public static double? PercentileHours(IReadOnlyCollection<TimeSpan> values, double p)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Select(v => v.TotalHours).Order().ToArray();
        var rank = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + ((rank - lower) * (sorted[upper] - sorted[lower]));
    }
}
