using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Reconciliation;

/// <summary>GET /metrics through OpenTelemetry's Prometheus exporter.</summary>
[Collection(MetricsScrapes.Name)]
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
        Assert.Contains("flow=\"promo-to-billing\",owner=\"crm-owner\",type=\"missing_in_target\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("flow=\"promo-to-billing\",owner=\"finance-ops\",type=\"missing_in_target\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("reconcile_last_run_match_rate{otel_scope_name=\"Reconcile\",flow=\"promo-to-billing\"} 0", text, StringComparison.Ordinal);
        Assert.Contains("reconcile_slack_outbox{otel_scope_name=\"Reconcile\",status=\"pending\"}", text, StringComparison.Ordinal);
        // Counters are process-wide (other tests' hosts add to them too), so each must be at least what this test caused.
        Assert.True(MetricsText.Value(text, "reconcile_records_received_total", "system=\"shop\"", "path=\"api\"", "outcome=\"accepted\"") >= 1, text);
        Assert.True(MetricsText.Value(text, "reconcile_runs_total", "flow=\"promo-to-billing\"", "status=\"completed\"") >= 1, text);
        Assert.True(MetricsText.Value(text, "reconcile_findings_total", "flow=\"promo-to-billing\"", "type=\"missing_in_target\"") >= 2, text);
        Assert.Equal(0, MetricsText.Value(text, "reconcile_last_run_circuit_breaker_tripped", "flow=\"promo-to-billing\""));
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
        Assert.DoesNotContain(text.Split('\n'), line => line.StartsWith("reconcile_exceptions_open{", StringComparison.Ordinal) && !line.Contains("} 0", StringComparison.Ordinal));
        Assert.Contains("reconcile_last_run_match_rate{otel_scope_name=\"Reconcile\",flow=\"promo-to-billing\"} 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_expose_the_runtimes_gc_pauses_and_thread_pool_queue_beside_reconciles_own()
    {
        using var factory = new ReconcileFactory();
        using var client = factory.CreateClient();

        var text = await MetricsAsync(client);

        Assert.Contains("# TYPE dotnet_gc_pause_time_seconds_total counter", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total{otel_scope_name=\"System.Runtime\",gc_heap_generation=\"gen0\"}", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_thread_pool_queue_length_total{otel_scope_name=\"System.Runtime\"}", text, StringComparison.Ordinal);
    }

    private static async Task<string> MetricsAsync(HttpClient client) =>
        await (await client.GetAsync(new Uri("/metrics", UriKind.Relative))).Content.ReadAsStringAsync();
}
