using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;

namespace Reconcile.Workflow;

/// <summary>
/// Replays run here, after the click has been answered (Slack's 3 seconds are for the state change
/// only). At start-up, exceptions left replaying by a restart are picked up again: the idempotency
/// key makes a repeated write harmless.
/// </summary>
public sealed class ReplayWorker(IServiceScopeFactory scopes, ILogger<ReplayWorker> logger) : BackgroundService
{
    private readonly Channel<ReplayRequest> _pending = Channel.CreateUnbounded<ReplayRequest>();

    public void Enqueue(ReplayRequest request) => _pending.Writer.TryWrite(request);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ResumeInterruptedAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ReplayExecutor>().RunAsync(request, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Replay {IdempotencyKey} crashed; it will be resumed at the next start", request.IdempotencyKey);
            }
        }
    }

    private async Task ResumeInterruptedAsync(CancellationToken cancellationToken)
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
            Enqueue(new ReplayRequest(exception.Id, exception.Version, started?.FromState ?? ExceptionState.Open.ToWireName(), started?.Actor ?? WorkflowActors.Replay));
            logger.LogWarning("Resuming the replay of exception {ExceptionId} interrupted by a restart", exception.Id);
        }
    }
}
