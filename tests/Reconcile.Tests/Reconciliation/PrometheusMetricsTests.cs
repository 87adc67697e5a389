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

    [Fact]
    public async Task A_series_whose_exceptions_all_resolved_disappears_instead_of_keeping_its_last_value()
    {
        using var factory = new ReconcileFactory();
        using var client = factory.CreateClient();
        var order = """{"orderId":"9002","currency":"USD","total":10.00,"updatedAt":"2026-11-23T12:00:00Z"}""";
        await client.PostJsonAsync("/api/systems/shop/records", $$"""{"records":[{{order}}]}""");
        factory.Time.Advance(TimeSpan.FromMinutes(30));
        await RunDriver.RunAsync(client);
        Assert.Contains("owner=\"crm-owner\"", await MetricsAsync(client), StringComparison.Ordinal);

        await client.PostJsonAsync("/api/systems/crm/records", $$"""{"records":[{{order}}]}""");
        await client.PostJsonAsync("/api/systems/billing/records", $$"""{"records":[{{order}}]}""");
        factory.Time.Advance(TimeSpan.FromMinutes(30));
        await RunDriver.RunAsync(client);
        var text = await MetricsAsync(client);

        Assert.Contains("# TYPE reconcile_exceptions_open gauge", text, StringComparison.Ordinal);
        Assert.DoesNotContain("reconcile_exceptions_open{", text, StringComparison.Ordinal);
        Assert.Contains("reconcile_last_run_match_rate{flow=\"promo-to-billing\"} 1", text, StringComparison.Ordinal);
    }

    private static async Task<string> MetricsAsync(HttpClient client) =>
        await (await client.GetAsync(new Uri("/metrics", UriKind.Relative))).Content.ReadAsStringAsync();
}
