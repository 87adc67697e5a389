using Reconcile.Reporting;

namespace Reconcile.Tests.Reporting;

/// <summary>Percentiles are found by selection, not sorting; they must equal PERCENTILE.INC over the sorted values.</summary>
public sealed class StatisticsTests
{
    [Fact]
    public void Percentiles_interpolate_between_closest_ranks()
    {
        TimeSpan[] lags = [TimeSpan.FromHours(4), TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(2)];

        Assert.Equal(2.5, Statistics.PercentileHours(lags, 0.5));
        Assert.Equal(3.85, Statistics.PercentileHours(lags, 0.95)!.Value, 12);
        Assert.Equal(1.0, Statistics.PercentileHours(lags, 0));
        Assert.Equal(4.0, Statistics.PercentileHours(lags, 1));
        Assert.Null(Statistics.PercentileHours([], 0.5));
        // The caller's values are copied, never reordered.
        Assert.Equal(TimeSpan.FromHours(4), lags[0]);
    }

    [Fact]
    public void Selection_gives_what_sorting_gives_over_random_and_repeated_values()
    {
        var random = new Random(20261201);
        foreach (var count in new[] { 1, 2, 3, 7, 20, 101, 1000, 25_000 })
        {
            foreach (var spread in new[] { 3, 1_000, int.MaxValue })
            {
                var lags = Enumerable.Range(0, count).Select(_ => TimeSpan.FromTicks(random.Next(spread))).ToList();
                var sorted = lags.Select(l => l.TotalHours).Order().ToArray();
                foreach (var p in new[] { 0, 0.05, 0.5, 0.9, 0.95, 0.99, 1 })
                {
                    var rank = p * (sorted.Length - 1);
                    var (lower, upper) = ((int)Math.Floor(rank), (int)Math.Ceiling(rank));
                    var expected = sorted[lower] + ((rank - lower) * (sorted[upper] - sorted[lower]));
                    Assert.Equal(expected, Statistics.PercentileHours(lags, p));
                }
            }
        }
    }
}
