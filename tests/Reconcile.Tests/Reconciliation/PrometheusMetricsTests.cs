using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Reconciliation;

public sealed class PrometheusMetricsTests
{
    [Fact]
    public async Task Metrics_expose_open_exceptions_by_owner_and_type_and_the_last_match_rate()
    {
        using var factory = new ReconcileFactory();
        using var client = factory.CreateClient();
        var shop = """{"orderId":"9001","currency":"USD","total":10.00,"updatedAt":"2026-11-23T12:00:00Z"}""";
        await client.PostJsonAsync("/api/systems/shop/records", $$"""{"records":[{{shop}}]}""");
        factory.Time.Advance(TimeSpan.FromMinutes(30));
        await RunDriver.RunAsync(client);

        var text = await (await client.GetAsync(new Uri("/metrics", UriKind.Relative))).Content.ReadAsStringAsync();

        Assert.Contains("# TYPE reconcile_exceptions_open gauge", text, StringComparison.Ordinal);
        Assert.Contains("reconcile_exceptions_open{flow=\"promo-to-billing\",owner=\"crm-owner\",type=\"missing_in_target\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("reconcile_exceptions_open{flow=\"promo-to-billing\",owner=\"finance-ops\",type=\"missing_in_target\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("reconcile_last_run_match_rate{flow=\"promo-to-billing\"} 0", text, StringComparison.Ordinal);
        Assert.Contains("reconcile_slack_outbox{status=\"pending\"}", text, StringComparison.Ordinal);
    }
}
