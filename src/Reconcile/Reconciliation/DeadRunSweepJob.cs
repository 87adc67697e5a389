using Quartz;

namespace Reconcile.Reconciliation;

/// <summary>Marks failed every run whose replica stopped beating (see <see cref="InterruptedRuns.CloseDeadAsync"/>); one replica at a time.</summary>
[DisallowConcurrentExecution]
public sealed class DeadRunSweepJob(InterruptedRuns runs) : IJob
{
    public static readonly JobKey Key = new("dead-runs", "flows");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await runs.CloseDeadAsync(cancellationToken);
}
