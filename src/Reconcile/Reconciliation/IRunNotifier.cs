using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Topology;

namespace Reconcile.Reconciliation;

/// <summary>
/// Told once per completed run, inside the run's transaction, what the run changed: new exceptions,
/// repeats and automatic resolutions. Implemented at the edge (Slack), which decides what people hear;
/// the run never refers to Slack.
/// </summary>
public interface IRunNotifier
{
    /// <param name="db">The run's unit of work: only add to it; the run saves and commits.</param>
    /// <param name="run">The run, completed but not yet saved (its counters and circuit-breaker flag are set).</param>
    /// <param name="applied">What the run changed.</param>
    /// <param name="flow">The flow's settings (its Mode and owner).</param>
    Task QueueAsync(ReconcileDbContext db, RunEntity run, AppliedPlan applied, FlowOptions flow, CancellationToken cancellationToken);
}
