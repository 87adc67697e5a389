using Reconcile.Ingest;

namespace Reconcile.Tests.Ingest;

/// <summary>When a bulk load rebuilds the figures' lag rows at its end rather than refreshing them per batch.</summary>
public sealed class BulkLoadTests
{
    [Theory]
    [InlineData(10_000, 0, true)]
    [InlineData(9_999, 0, false)]
    [InlineData(10_000, 80_000, true)]
    [InlineData(10_000, 80_001, false)]
    [InlineData(3_000_000, 10_000_000, true)]
    public void A_load_of_at_least_ten_thousand_records_and_an_eighth_of_the_store_is_rebuilt(long loading, long stored, bool rebuilt) =>
        Assert.Equal(rebuilt, BulkLoad.SuspendsLags(loading, stored));
}
