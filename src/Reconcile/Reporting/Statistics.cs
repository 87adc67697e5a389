namespace Reconcile.Reporting;

/// <summary>Mean, median and percentiles over durations, in hours.</summary>
public static class Statistics
{
    public static double? MeanHours(IReadOnlyCollection<TimeSpan> values) =>
        values.Count == 0 ? null : values.Average(v => v.TotalHours);

    public static double? MedianHours(IReadOnlyCollection<TimeSpan> values) => PercentileHours(values, 0.5);

    /// <summary>
    /// Linear interpolation between closest ranks (Excel's PERCENTILE.INC): rank = p·(n−1) over the sorted
    /// values, so p50 is the usual median and p95 of few values lies between the two largest. The two values at the
    /// ranks around p·(n−1) are found by selection on a copy (linear time on average), not by sorting: a week can hold a million lags.
    /// </summary>
    public static double? PercentileHours(IReadOnlyCollection<TimeSpan> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        var ticks = new long[values.Count];
        var i = 0;
        foreach (var value in values)
        {
            ticks[i++] = value.Ticks;
        }

        var rank = p * (ticks.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        var low = TimeSpan.FromTicks(Select(ticks, lower)).TotalHours;
        // After selection every value right of the rank is at least as large: the next rank's value is their minimum.
        var high = upper == lower ? low : TimeSpan.FromTicks(Min(ticks.AsSpan(upper))).TotalHours;
        return low + ((rank - lower) * (high - low));
    }

    /// <summary>
    /// The k-th smallest (0-based) of <paramref name="values"/>, rearranging them so that none left of k is larger and
    /// none right of k is smaller (Hoare's selection, median-of-three pivots).
    /// </summary>
    private static long Select(long[] values, int k)
    {
        var (left, right) = (0, values.Length - 1);
        while (left < right)
        {
            var pivot = MedianOfThree(values[left], values[left + ((right - left) / 2)], values[right]);
            var (i, j) = (left, right);
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }

    private static long MedianOfThree(long a, long b, long c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));

    private static long Min(ReadOnlySpan<long> values)
    {
        var min = long.MaxValue;
        foreach (var value in values)
        {
            min = Math.Min(min, value);
        }

        return min;
    }
}
