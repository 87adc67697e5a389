using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;

namespace Reconcile.Reconciliation;

/// <summary>
/// At start-up, a run still "running" was cut off by a restart (its job was cancelled or never fired):
/// mark it failed, saying so, instead of leaving it hanging — which also opens its flow's gate again.
/// </summary>
public sealed class InterruptedRuns(IServiceScopeFactory scopes, TimeProvider time, ILogger<InterruptedRuns> logger) : IHostedService
{
    public const string Error = "interrupted: the service stopped during the run";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return;
        }

        var interrupted = await db.Runs.Where(r => r.Status == RunStatus.Running).ToListAsync(cancellationToken);
        foreach (var run in interrupted)
        {
            run.Status = RunStatus.Failed;
            run.Error = Error;
            run.EndedAt = time.GetUtcNow();
        }

        if (interrupted.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogWarning("Marked {Count} interrupted run(s) as failed", interrupted.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
