using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Scheduling;

namespace Reconcile.Ingest.Pull;

/// <summary>
/// At start-up, closes pulls left running by this process's previous life (alone on SQLite: every running pull),
/// marking them failed with <see cref="PullGate.Interrupted"/> so the system can be pulled again at once. Other
/// replicas' silent pulls are closed by <see cref="PullRunner"/> when the next pull of that system is asked for.
/// </summary>
public sealed class InterruptedPulls(IServiceScopeFactory scopes, ReplicaIdentity replica, TimeProvider time, ILogger<InterruptedPulls> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        if (!await db.Database.CanConnectAsync(cancellationToken) || (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return;
        }

        var running = db.Pulls.Where(p => p.Status == PullStatus.Running);
        if (replica.Clustered)
        {
            running = running.Where(p => p.Instance == replica.Id);
        }

        var now = time.GetUtcNow();
        var closed = await running.ExecuteUpdateAsync(set => set.SetProperty(p => p.Status, PullStatus.Failed)
            .SetProperty(p => p.Errors, PullGate.Interrupted).SetProperty(p => p.FinishedAt, now), cancellationToken);
        if (closed > 0)
        {
            logger.LogWarning("Marked {Count} interrupted pull(s) as failed", closed);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
