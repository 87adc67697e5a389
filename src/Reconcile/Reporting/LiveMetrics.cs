using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Reconcile.Hosting;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;

namespace Reconcile.Reporting;

/// <summary>
/// The live state as OpenTelemetry observable gauges on the <see cref="ReconcileMetrics.MeterName"/> meter. Each
/// scrape first refreshes a snapshot from the database (<see cref="RefreshAsync"/>); the gauges report it. A series
/// whose labels no longer occur (an owner with no open exception left) reports 0 rather than its last value.
/// </summary>
public sealed class LiveMetrics
{
    private const int RecentDeliveries = 100;
    private readonly Lock _refresh = new();
    private readonly Dictionary<string, Dictionary<string, Measurement<double>>> _series = new(StringComparer.Ordinal);

    public LiveMetrics(ReconcileMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        Gauge(metrics.Meter, "reconcile_exceptions_open", "Unresolved exceptions.");
        Gauge(metrics.Meter, "reconcile_exceptions_overdue", "Unresolved exceptions past their SLA.");
        Gauge(metrics.Meter, "reconcile_value_at_risk", "Value at risk of unresolved exceptions, in the orders' currency.");
        Gauge(metrics.Meter, "reconcile_last_run_match_rate", "Match rate (matched / compared) of the last completed run.");
        Gauge(metrics.Meter, "reconcile_last_run_orders_pending", "Orders inside the lag window at the last completed run.");
        Gauge(metrics.Meter, "reconcile_last_run_end_timestamp_seconds", "When the last completed run ended (Unix seconds).");
        Gauge(metrics.Meter, "reconcile_last_run_circuit_breaker_tripped", "1 when the last completed run's exception rate passed the flow's MaxExceptionRate, else 0.");
        Gauge(metrics.Meter, "reconcile_slack_outbox", "Slack messages by delivery status.");
        Gauge(metrics.Meter, "reconcile_slack_delivery_seconds", "From queued to accepted by Slack, over the last 100 messages sent: median and 95th percentile.");
        Gauge(metrics.Meter, "reconcile_automation_attempts", "Automatic decisions so far by flow, rule and status (verified, failed, replaying, would_replay).");
        Gauge(metrics.Meter, "reconcile_automation_switched_off", "1 while a flow's automation is switched off (by its breaker or an admin), else 0.");
    }

    /// <summary>Sets every gauge from the database as of <paramref name="now"/> (UTC).</summary>
    public async Task RefreshAsync(ReconcileDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var open = await db.Exceptions.AsNoTracking().Where(e => e.State != ExceptionState.Resolved)
            .Select(e => new { e.Flow, e.Owner, e.Type, e.SlaDueAt, e.ValueAtRisk }).ToListAsync(cancellationToken);
        var lastRuns = await db.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatus.Completed
                && r.Id == db.Runs.Where(x => x.Flow == r.Flow && x.Status == RunStatus.Completed).Max(x => x.Id))
            .ToListAsync(cancellationToken);
        var pending = await db.SlackOutbox.CountAsync(o => o.Status == OutboxStatus.Pending, cancellationToken);
        var failed = await db.SlackOutbox.CountAsync(o => o.Status == OutboxStatus.Failed, cancellationToken);
        var delivered = (await db.SlackOutbox.AsNoTracking().Where(o => o.Status == OutboxStatus.Sent && o.SentAt != null)
            .OrderByDescending(o => o.Id).Take(RecentDeliveries)
            .Select(o => new { o.CreatedAt, o.SentAt }).ToListAsync(cancellationToken))
            .Select(o => (o.SentAt!.Value - o.CreatedAt).TotalSeconds).Order().ToList();
        var attempts = await db.AutomationAttempts.AsNoTracking().GroupBy(a => new { a.Flow, a.Rule, a.Status })
            .Select(g => new { g.Key.Flow, g.Key.Rule, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        var switchedOff = await db.AutomationSwitches.AsNoTracking().Where(s => !s.Enabled).Select(s => s.Flow).ToListAsync(cancellationToken);

        // Two scrapes at once must not interleave one's snapshot with the other's.
        lock (_refresh)
        {
            Replace("reconcile_exceptions_open", open.GroupBy(e => (e.Flow, e.Owner, e.Type))
                .Select(g => Sample(g.Count(), ("flow", g.Key.Flow), ("owner", g.Key.Owner), ("type", g.Key.Type))));
            Replace("reconcile_exceptions_overdue", open.Where(e => e.SlaDueAt < now).GroupBy(e => (e.Flow, e.Owner))
                .Select(g => Sample(g.Count(), ("flow", g.Key.Flow), ("owner", g.Key.Owner))));
            Replace("reconcile_value_at_risk", open.GroupBy(e => e.Flow).Select(g => Sample((double)g.Sum(e => e.ValueAtRisk), ("flow", g.Key))));
            // A run that compared nothing has no match rate: no sample, rather than a 100% nobody measured.
            Replace("reconcile_last_run_match_rate", lastRuns.Where(r => r.OrdersExamined > 0)
                .Select(r => Sample((double)r.OrdersMatched / r.OrdersExamined, ("flow", r.Flow))));
            Replace("reconcile_last_run_orders_pending", lastRuns.Select(r => Sample(r.OrdersPending, ("flow", r.Flow))));
            Replace("reconcile_last_run_end_timestamp_seconds", lastRuns.Select(r => Sample((r.EndedAt ?? r.StartedAt).ToUnixTimeSeconds(), ("flow", r.Flow))));
            Replace("reconcile_last_run_circuit_breaker_tripped", lastRuns.Select(r => Sample(r.CircuitBreakerTripped ? 1 : 0, ("flow", r.Flow))));
            Replace("reconcile_slack_outbox", [Sample(pending, ("status", "pending")), Sample(failed, ("status", "failed"))]);
            Replace("reconcile_slack_delivery_seconds", delivered.Count == 0 ? []
                : [Sample(Quantile(delivered, 0.5), ("quantile", "0.5")), Sample(Quantile(delivered, 0.95), ("quantile", "0.95"))]);
            Replace("reconcile_automation_attempts", attempts.Select(a => Sample(a.Count, ("flow", a.Flow), ("rule", a.Rule), ("status", a.Status))));
            Replace("reconcile_automation_switched_off", switchedOff.Select(f => Sample(1, ("flow", f))));
        }
    }

    /// <summary>Nearest-rank quantile of an ascending list.</summary>
    private static double Quantile(List<double> ascending, double q) =>
        ascending[Math.Clamp((int)Math.Ceiling(q * ascending.Count) - 1, 0, ascending.Count - 1)];

    private void Gauge(Meter meter, string name, string description)
    {
        _series[name] = new Dictionary<string, Measurement<double>>(StringComparer.Ordinal);
        meter.CreateObservableGauge(name, () => Observe(name), description: description);
    }

    private List<Measurement<double>> Observe(string name)
    {
        lock (_refresh)
        {
            return [.. _series[name].Values];
        }
    }

    private void Replace(string name, IEnumerable<(string Key, Measurement<double> Value)> samples)
    {
        var series = _series[name];
        var current = samples.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        // The exporter keeps a series it has seen: one whose labels went away must read 0, not its last value.
        foreach (var gone in series.Keys.Where(k => !current.ContainsKey(k)).ToList())
        {
            series[gone] = new Measurement<double>(0, series[gone].Tags);
        }

        foreach (var (key, value) in current)
        {
            series[key] = value;
        }
    }

    private static (string Key, Measurement<double> Value) Sample(double value, params (string Name, string Value)[] labels) =>
        (string.Join('\0', labels.Select(l => l.Value)), new Measurement<double>(value, labels.Select(l => new KeyValuePair<string, object?>(l.Name, l.Value))));
}
