using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Topology;

namespace Reconcile.Reconciliation;

/// <summary>
/// System-led execution's two points in a run, implemented by the Automation feature (the run never
/// refers to it): which new exceptions not to page now because Live automation will try them, and the
/// hand-off of the run's exceptions once its transaction has committed.
/// </summary>
public interface IRunAutomation
{
    /// <summary>
    /// Inside the run's transaction, before its notifications: the ids of <paramref name="opened"/> that Live
    /// automation will try (their owners are paged only if it fails or does not try). Only reads.
    /// </summary>
    Task<IReadOnlySet<long>> HoldAsync(ReconcileDbContext db, RunEntity run, IReadOnlyList<ExceptionEntity> opened, FlowOptions flow, CancellationToken cancellationToken);

    /// <summary>After the run committed, outside its transaction: hands the run's exceptions to automation. Never throws; a failed hand-off is logged and resumed at the next start.</summary>
    Task RunCommittedAsync(RunEntity run, CancellationToken cancellationToken);
}
