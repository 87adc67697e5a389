using Microsoft.EntityFrameworkCore;
using Prometheus;
using Reconcile.Data;
using Reconcile.Engine.Exceptions;
using Reconcile.Data.Entities;

namespace Reconcile.Reporting;

/// <summary>
/// The live state as Prometheus gauges (prometheus-net, its own registry so only these series are exposed).
/// Each scrape refreshes them from the database: a series whose labels no longer occur (an owner with no open
/// exception left) is removed rather than left at its last value.
/// </summary>
public sealed class LiveMetrics
{
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly Lock _refresh = new();
    private readonly Gauge _open;
    private readonly Gauge _overdue;
    private readonly Gauge _valueAtRisk;
    private readonly Gauge _matchRate;
    private readonly Gauge _pending;
    private readonly Gauge _lastRunEnd;
    private readonly Gauge _outbox;
    private readonly Gauge _automation;
    private readonly Gauge _automationOff;

    public LiveMetrics()
    {
        var factory = Metrics.WithCustomRegistry(_registry);
        _open = factory.CreateGauge("reconcile_exceptions_open", "Unresolved exceptions.", "flow", "owner", "type");
        _overdue = factory.CreateGauge("reconcile_exceptions_overdue", "Unresolved exceptions past their SLA.", "flow", "owner");
        _valueAtRisk = factory.CreateGauge("reconcile_value_at_risk", "Value at risk of unresolved exceptions.", "flow");
        _matchRate = factory.CreateGauge("reconcile_last_run_match_rate", "Match rate (matched / compared) of the last completed run.", "flow");
        _pending = factory.CreateGauge("reconcile_last_run_orders_pending", "Orders inside the lag window at the last completed run.", "flow");
        _lastRunEnd = factory.CreateGauge("reconcile_last_run_end_timestamp_seconds", "When the last completed run ended.", "flow");
        _outbox = factory.CreateGauge("reconcile_slack_outbox", "Slack messages by delivery status.", "status");
        _automation = factory.CreateGauge("reconcile_automation_attempts", "Automatic decisions so far by flow, rule and status (verified, failed, replaying, would_replay).", "flow", "rule", "status");
        _automationOff = factory.CreateGauge("reconcile_automation_switched_off", "1 while a flow's automation is switched off (by its breaker or an admin).", "flow");
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
        var attempts = await db.AutomationAttempts.AsNoTracking().GroupBy(a => new { a.Flow, a.Rule, a.Status })
            .Select(g => new { g.Key.Flow, g.Key.Rule, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        var switchedOff = await db.AutomationSwitches.AsNoTracking().Where(s => !s.Enabled).Select(s => s.Flow).ToListAsync(cancellationToken);

        // Two scrapes at once must not interleave one's removals with the other's values.
        lock (_refresh)
        {
            Replace(_open, open.GroupBy(e => (e.Flow, e.Owner, e.Type)).Select(g => (new[] { g.Key.Flow, g.Key.Owner, g.Key.Type }, (double)g.Count())));
            Replace(_overdue, open.Where(e => e.SlaDueAt < now).GroupBy(e => (e.Flow, e.Owner)).Select(g => (new[] { g.Key.Flow, g.Key.Owner }, (double)g.Count())));
            Replace(_valueAtRisk, open.GroupBy(e => e.Flow).Select(g => (new[] { g.Key }, (double)g.Sum(e => e.ValueAtRisk))));
            // A run that compared nothing has no match rate: no sample, rather than a 100% nobody measured.
            Replace(_matchRate, lastRuns.Where(r => r.OrdersExamined > 0).Select(r => (new[] { r.Flow }, (double)r.OrdersMatched / r.OrdersExamined)));
            Replace(_pending, lastRuns.Select(r => (new[] { r.Flow }, (double)r.OrdersPending)));
            Replace(_lastRunEnd, lastRuns.Select(r => (new[] { r.Flow }, (double)(r.EndedAt ?? r.StartedAt).ToUnixTimeSeconds())));
            Replace(_outbox, [(["pending"], pending), (["failed"], failed)]);
            Replace(_automation, attempts.Select(a => (new[] { a.Flow, a.Rule, a.Status }, (double)a.Count)));
            Replace(_automationOff, switchedOff.Select(f => (new[] { f }, 1.0)));
        }
    }

    /// <summary>Writes the Prometheus text exposition format (version 0.0.4) of every gauge.</summary>
    public Task ExportAsync(Stream output, CancellationToken cancellationToken) =>
        _registry.CollectAndExportAsTextAsync(output, cancellationToken);

    private static void Replace(Gauge gauge, IEnumerable<(string[] Labels, double Value)> samples)
    {
        var current = samples.ToList();
        var keep = current.Select(s => string.Join('\0', s.Labels)).ToHashSet(StringComparer.Ordinal);
        foreach (var labels in gauge.GetAllLabelValues().Where(l => !keep.Contains(string.Join('\0', l))).ToList())
        {
            gauge.RemoveLabelled(labels);
        }

        foreach (var (labels, value) in current)
        {
            gauge.WithLabels(labels).Set(value);
        }
    }
}
