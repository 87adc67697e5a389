using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;
using Reconcile.Workflow;

namespace Reconcile.Automation;

/// <summary>
/// A manual correction with a linked replay: after an approval, the authoritative values are replayed into the
/// target through the Replay button's path (<see cref="ReplayExecutor.WriteAndVerifyAsync"/>). The approval stands
/// whatever happens; the replay is on the trail linked to the approval's audit event, and its outcome in the thread.
/// </summary>
public sealed class LinkedReplay(ReconcileDbContext db, ExceptionTransitions transitions, ReplayExecutor executor, IAutomationNotifier notifier, ILogger<LinkedReplay> logger)
{
    /// <summary>Runs the replay linked to the approval of <paramref name="exceptionId"/> at <paramref name="version"/> by <paramref name="approver"/>.</summary>
    public async Task RunAsync(long exceptionId, int version, string approver, CancellationToken cancellationToken)
    {
        var exception = await db.Exceptions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == exceptionId, cancellationToken);
        if (exception is null || exception.Version != version || exception.Resolution != Resolution.Approved)
        {
            logger.LogInformation("Linked replay of exception {ExceptionId} skipped: it is no longer the approval it was linked to", exceptionId);
            return;
        }

        var approval = await db.AuditEvents.AsNoTracking()
            .Where(a => a.ExceptionId == exceptionId && a.Action == AuditActions.Approved)
            .OrderByDescending(a => a.Id).Select(a => a.Id).FirstAsync(cancellationToken);
        var key = ExceptionTransitions.ReplayKey(exception.Id, exception.Version);
        if (await db.AuditEvents.AsNoTracking().AnyAsync(a => a.ExceptionId == exceptionId && a.Action == AuditActions.LinkedReplayStarted && a.Id > approval, cancellationToken))
        {
            // Resumed after a restart: the start is on record already; the same idempotency key makes the write harmless.
            logger.LogInformation("Linked replay of exception {ExceptionId} resumed", exceptionId);
        }
        else
        {
            transitions.RecordLinkedReplay(db, exception, approver, approval, key, report: null);
            await db.SaveChangesAsync(cancellationToken);
        }

        var report = await executor.WriteAndVerifyAsync(exception, approver, cancellationToken);
        db.ChangeTracker.Clear();
        transitions.RecordLinkedReplay(db, exception, approver, approval, key, report);
        notifier.LinkedReplayFinished(db, exception, approver, report);
        await db.SaveChangesAsync(cancellationToken);
    }
}
