using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Scheduling;

namespace Reconcile.Reconciliation;

/// <summary>
/// Closes runs left "running" by a process that is gone, marking them failed (saying so) instead of leaving them
/// hanging — which also opens their flow's gate again. At start-up: this replica's own runs (cut off by its restart)
/// and, alone on SQLite, every running run. At any time (<see cref="DeadRunSweepJob"/>): runs of other replicas whose
/// heartbeat is older than <c>Scheduling:DeadRunAfter</c>. A live replica's run is never touched.
/// </summary>
public sealed class InterruptedRuns(
    IServiceScopeFactory scopes, ReplicaIdentity replica, IOptionsMonitor<SchedulingOptions> options, TimeProvider time, ILogger<InterruptedRuns> logger) : IHostedService
{
    public const string Error = "interrupted: the service stopped during the run";
    public const string DeadError = "interrupted: the replica running it stopped answering";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return;
        }

        var running = db.Runs.Where(r => r.Status == RunStatus.Running);
        if (replica.Clustered)
        {
            // Other replicas may be mid-run: only this instance's runs (same id after a restart) are known to be cut off.
            running = running.Where(r => r.Instance == replica.Id);
        }

        var closed = await CloseAsync(running, Error, cancellationToken);
        if (closed > 0)
        {
            logger.LogWarning("Marked {Count} interrupted run(s) as failed", closed);
        }

        if (replica.Clustered)
        {
            await CloseDeadAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Marks failed every running run whose last heartbeat (or start, before its first) is older than DeadRunAfter; returns how many.</summary>
    public async Task<int> CloseDeadAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.CurrentValue.DeadRunAfter;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var dead = db.Runs.Where(r => r.Status == RunStatus.Running && (r.HeartbeatAt ?? r.StartedAt) < cutoff);
        var closed = await CloseAsync(dead, DeadError, cancellationToken);
        if (closed > 0)
        {
            logger.LogWarning("Marked {Count} run(s) of stopped replicas as failed", closed);
        }

        return closed;
    }

    // One conditional UPDATE: a run that completes meanwhile no longer matches "running", so its result is never overwritten.
    private async Task<int> CloseAsync(IQueryable<RunEntity> runs, string error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await runs.ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Status, RunStatus.Failed)
            .SetProperty(r => r.Error, error)
            .SetProperty(r => r.EndedAt, now), cancellationToken);
    }
}
