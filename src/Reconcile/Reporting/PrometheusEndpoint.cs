using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;

namespace Reconcile.Reporting;

/// <summary>GET /metrics: the live state in Prometheus text format, for alerting beside Slack.</summary>
public static class PrometheusEndpoint
{
    public const string Route = "/metrics";

    public static WebApplication MapPrometheus(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Route, WriteAsync);
        return app;
    }

    private static async Task<IResult> WriteAsync(ReconcileDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = await db.Exceptions.AsNoTracking().Where(e => e.State != "resolved")
            .Select(e => new { e.Flow, e.Owner, e.Type, e.SlaDueAt, e.ValueAtRisk }).ToListAsync(cancellationToken);
        var lastRuns = await db.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatus.Completed
                && r.Id == db.Runs.Where(x => x.Flow == r.Flow && x.Status == RunStatus.Completed).Max(x => x.Id))
            .ToListAsync(cancellationToken);
        var pending = await db.SlackOutbox.CountAsync(o => o.Status == OutboxStatus.Pending, cancellationToken);
        var failed = await db.SlackOutbox.CountAsync(o => o.Status == OutboxStatus.Failed, cancellationToken);

        var text = new StringBuilder();
        Metric(text, "reconcile_exceptions_open", "Unresolved exceptions.", "gauge",
            open.GroupBy(e => (e.Flow, e.Owner, e.Type)).Select(g => ($"flow=\"{g.Key.Flow}\",owner=\"{g.Key.Owner}\",type=\"{g.Key.Type}\"", (decimal)g.Count())));
        Metric(text, "reconcile_exceptions_overdue", "Unresolved exceptions past their SLA.", "gauge",
            open.Where(e => e.SlaDueAt < now).GroupBy(e => (e.Flow, e.Owner)).Select(g => ($"flow=\"{g.Key.Flow}\",owner=\"{g.Key.Owner}\"", (decimal)g.Count())));
        Metric(text, "reconcile_value_at_risk", "Value at risk of unresolved exceptions.", "gauge",
            open.GroupBy(e => e.Flow).Select(g => ($"flow=\"{g.Key}\"", g.Sum(e => e.ValueAtRisk))));
        // A run that compared nothing has no match rate: no sample, rather than a 100% nobody measured.
        Metric(text, "reconcile_last_run_match_rate", "Match rate (matched / compared) of the last completed run.", "gauge",
            lastRuns.Where(r => r.OrdersExamined > 0).Select(r => ($"flow=\"{r.Flow}\"", (decimal)r.OrdersMatched / r.OrdersExamined)));
        Metric(text, "reconcile_last_run_orders_pending", "Orders inside the lag window at the last completed run.", "gauge",
            lastRuns.Select(r => ($"flow=\"{r.Flow}\"", (decimal)r.OrdersPending)));
        Metric(text, "reconcile_last_run_end_timestamp_seconds", "When the last completed run ended.", "gauge",
            lastRuns.Select(r => ($"flow=\"{r.Flow}\"", (decimal)(r.EndedAt ?? r.StartedAt).ToUnixTimeSeconds())));
        Metric(text, "reconcile_slack_outbox", "Slack messages by delivery status.", "gauge",
            [("status=\"pending\"", pending), ("status=\"failed\"", failed)]);
        return Results.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
    }

    private static void Metric(StringBuilder text, string name, string help, string type, IEnumerable<(string Labels, decimal Value)> samples)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
        foreach (var (labels, value) in samples)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}{{{labels}}} {value}\n");
        }
    }
}
