using Microsoft.AspNetCore.Http.HttpResults;
using Reconcile.Data;

namespace Reconcile.Reporting;

/// <summary>GET /metrics: the live state in Prometheus text format, for alerting beside Slack (no token: scrapers are inside the cluster).</summary>
public static class PrometheusEndpoint
{
    public const string Route = "/metrics";

    /// <summary>The content type of the Prometheus text exposition format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static WebApplication MapPrometheus(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Route, WriteAsync);
        return app;
    }

    private static async Task<PushStreamHttpResult> WriteAsync(LiveMetrics metrics, ReconcileDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        await metrics.RefreshAsync(db, time.GetUtcNow(), cancellationToken);
        return TypedResults.Stream(stream => metrics.ExportAsync(stream, cancellationToken), ContentType);
    }
}
