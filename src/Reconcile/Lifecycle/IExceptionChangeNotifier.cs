using Reconcile.Data;
using Reconcile.Data.Entities;

namespace Reconcile.Lifecycle;

/// <summary>
/// Told of every decision-driven transition (approve, replay, escalate, SLA breach) in the same unit of
/// work, so what it queues commits with the change or not at all. Implemented at the edge (Slack),
/// which owns the wording; the lifecycle never refers to Slack. Run transitions (open, update,
/// auto-resolve) are notified by the run as one batch instead, so a flood can be summarised.
/// </summary>
public interface IExceptionChangeNotifier
{
    /// <param name="db">The caller's unit of work: only add to it, never save.</param>
    /// <param name="exception">The exception after the change.</param>
    /// <param name="change">What happened.</param>
    void Changed(ReconcileDbContext db, ExceptionEntity exception, ExceptionChange change);
}
