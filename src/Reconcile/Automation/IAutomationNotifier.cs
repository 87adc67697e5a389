using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Lifecycle;

namespace Reconcile.Automation;

/// <summary>
/// What people hear from system-led execution, queued in the caller's unit of work (only add, never save).
/// Implemented at the edge (Slack), which owns the wording; automation never refers to Slack.
/// </summary>
public interface IAutomationNotifier
{
    /// <summary>
    /// Pages the exception's owner as usual when nobody has been told of it yet (its message never queued): after a
    /// failed automatic attempt, or when automation did not try it. Its diagnostics already say what automation did.
    /// </summary>
    Task PageAsync(ReconcileDbContext db, ExceptionEntity exception, CancellationToken cancellationToken);

    /// <summary>A flow's automation switched; <paramref name="breaker"/> set when its breaker tripped (one alert with a Re-enable button).</summary>
    void Switched(ReconcileDbContext db, string flow, bool enabled, string actor, string reason, AutomationBreakerFigures? breaker);

    /// <summary>The outcome of a replay linked to an approval, in the exception's thread.</summary>
    void LinkedReplayFinished(ReconcileDbContext db, ExceptionEntity exception, string approver, ReplayReport report);
}
