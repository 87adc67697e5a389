using OpenTelemetry.Exporter;
using Reconcile.Data;

namespace Reconcile.Reporting;

/// <summary>
/// GET /metrics: OpenTelemetry's Prometheus exporter (text exposition format), for alerting beside Slack (no token:
/// scrapers are inside the cluster). Before each scrape the live gauges are refreshed from the database.
/// </summary>
public static class PrometheusEndpoint
{
    public const string Route = "/metrics";

    public static WebApplication MapPrometheus(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(context => context.Request.Path.Equals(Route, StringComparison.Ordinal), scrape => scrape.Use(async (context, next) =>
        {
            var services = context.RequestServices;
            await services.GetRequiredService<LiveMetrics>().RefreshAsync(
                services.GetRequiredService<ReconcileDbContext>(), services.GetRequiredService<TimeProvider>().GetUtcNow(), context.RequestAborted);
            await next(context);
        }));
        // Each scrape collects afresh: the refresh above must show in the answer, not a cached earlier one.
        app.MapPrometheusScrapingEndpoint(Route);
        return app;
    }

    /// <summary>The exporter's options for the scrape endpoint: no response cache.</summary>
    public static void Configure(PrometheusAspNetCoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ScrapeResponseCacheDurationMilliseconds = 0;
    }
}
