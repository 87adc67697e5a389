using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Reconciliation;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Outbox;
using Reconcile.Topology;

namespace Reconcile.Slack.Notifications;

/// <summary>
/// What Slack hears about a run, queued in the run's transaction: new exceptions to their owners
/// (Live flows only), message updates for the ones resolved automatically, and, when the circuit
/// breaker trips, one alert to the flow owner instead of a flood.
/// </summary>
public sealed class RunNotifications(SlackOutbox outbox) : IRunNotifier
{
    public async Task QueueAsync(ReconcileDbContext db, RunEntity run, AppliedPlan applied, FlowOptions flow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(flow);
        if (flow.Mode == FlowOptions.Shadow)
        {
            return;
        }

        if (run.CircuitBreakerTripped)
        {
            // One alert per outage: a run that trips the breaker again right after the last one stays quiet.
            var previous = await db.Runs.AsNoTracking()
                .Where(r => r.Flow == run.Flow && r.Status == RunStatus.Completed && r.Id < run.Id)
                .OrderByDescending(r => r.Id).Select(r => (bool?)r.CircuitBreakerTripped).FirstOrDefaultAsync(cancellationToken);
            if (previous != true)
            {
                QueueCircuitAlert(db, run, flow);
            }
        }
        else
        {
            outbox.QueueExceptionsOpened(db, applied.Opened);
        }

        var posted = await PostedAsync(db, applied.AutoResolved, cancellationToken);
        foreach (var resolved in applied.AutoResolved.Where(e => posted.Contains(e.Id)))
        {
            outbox.QueueExceptionChanged(db, resolved, ExceptionChangeLine.AutoResolved(run.Id));
        }
    }

    private void QueueCircuitAlert(ReconcileDbContext db, RunEntity run, FlowOptions flow)
    {
        if (outbox.ChannelOf(flow.Owner) is not { } channel)
        {
            return;
        }

        var rate = run.OrdersExamined == 0 ? 0 : 1 - ((double)run.OrdersMatched / run.OrdersExamined);
        var text = string.Create(CultureInfo.InvariantCulture,
            $":rotating_light: Circuit breaker tripped on *{run.Flow}* (run {run.Id}): {rate:P1} of {run.OrdersExamined:N0} orders have findings, above the flow's limit of {flow.MaxExceptionRate:P0}. "
            + $"This looks like an upstream outage or a schema change, not {run.ExceptionsOpened:N0} separate problems. The exceptions are recorded (see /recon status) but not posted one by one.");
        outbox.QueueChannelMessage(db, channel, SlackMessage.Plain(text));
    }

    /// <summary>Only exceptions whose message exists (or is on its way) get an update; others were never posted.</summary>
    private static async Task<HashSet<long>> PostedAsync(ReconcileDbContext db, IReadOnlyList<ExceptionEntity> exceptions, CancellationToken cancellationToken)
    {
        var posted = exceptions.Where(e => e.SlackTs is not null).Select(e => e.Id).ToHashSet();
        var unknown = exceptions.Where(e => e.SlackTs is null).Select(e => e.Id).ToList();
        foreach (var chunk in unknown.Chunk(500))
        {
            posted.UnionWith(await db.SlackOutbox.Where(o => o.Kind == OutboxKind.Post && o.ExceptionId != null && chunk.Contains(o.ExceptionId.Value))
                .Select(o => o.ExceptionId!.Value).ToListAsync(cancellationToken));
        }

        return posted;
    }
}
