using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;

namespace Reconcile.Reconciliation;

/// <summary>Runs requested over HTTP are answered at once and executed here, one after another.</summary>
public sealed class RunDispatcher(ReconciliationRunner runner, IServiceScopeFactory scopes, TimeProvider time, ILogger<RunDispatcher> logger) : BackgroundService
{
    private readonly Channel<RunEntity> _pending = Channel.CreateUnbounded<RunEntity>();

    /// <summary>A run from <see cref="ReconciliationRunner.TryStartAsync"/>, whose flow it holds until executed.</summary>
    public void Enqueue(RunEntity run) => _pending.Writer.TryWrite(run);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await FailInterruptedRunsAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var run in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await runner.ExecuteAsync(run, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One run's trouble must not stop the dispatcher (nor, through it, the host).
                logger.LogError(exception, "Run {RunId} could not be executed", run.Id);
            }
        }
    }

    /// <summary>A run still "running" at start-up was cut off by a restart; say so instead of leaving it hanging.</summary>
    private async Task FailInterruptedRunsAsync(CancellationToken cancellationToken)
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
            run.Error = "interrupted: the service stopped during the run";
            run.EndedAt = time.GetUtcNow();
        }

        if (interrupted.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogWarning("Marked {Count} interrupted run(s) as failed", interrupted.Count);
        }
    }
}
