using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Engine.Exceptions;
using Reconcile.Hosting;
using Reconcile.Lifecycle;

namespace Reconcile.Workflow;

/// <summary>
/// At start-up, exceptions left replaying by a restart (their <see cref="ReplayJob"/> cancelled or never
/// fired) are handed to the job again: the idempotency key makes a repeated write harmless.
/// </summary>
public sealed class ReplayResumption(IServiceScopeFactory scopes, HandOff handOff, ILogger<ReplayResumption> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        if (!await db.Database.CanConnectAsync(cancellationToken) || (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return;
        }

        var stuck = await db.Exceptions.AsNoTracking().Where(e => e.State == ExceptionState.Replaying)
            .Select(e => new { e.Id, e.Version }).ToListAsync(cancellationToken);
        foreach (var exception in stuck)
        {
            var started = await db.AuditEvents.AsNoTracking()
                .Where(a => a.ExceptionId == exception.Id && a.Action == AuditActions.ReplayStarted)
                .OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
            var request = new ReplayRequest(exception.Id, exception.Version, started?.FromState ?? ExceptionState.Open.ToWireName(), started?.Actor ?? WorkflowActors.Replay);
            await handOff.StartAsync(ReplayJob.Key, ReplayJob.Data(request), cancellationToken);
            logger.LogWarning("Resuming the replay of exception {ExceptionId} interrupted by a restart", exception.Id);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
