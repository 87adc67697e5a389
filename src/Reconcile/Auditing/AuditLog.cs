using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Reconcile.Data;
using Reconcile.Data.Entities;

namespace Reconcile.Auditing;

/// <summary>
/// The one audit API. It adds an event to the caller's unit of work, so the event commits (or not)
/// with the change it describes; <see cref="AuditChainInterceptor"/> chains it on save.
/// </summary>
public sealed class AuditLog(TimeProvider time, AuditChainLock chainLock)
{
    public AuditEventEntity Record(
        ReconcileDbContext db,
        long? exceptionId,
        string actor,
        string action,
        string? fromState = null,
        string? toState = null,
        string? reason = null,
        string? details = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var audit = new AuditEventEntity
        {
            ExceptionId = exceptionId,
            At = AuditHasher.Truncate(time.GetUtcNow()),
            Actor = actor,
            Action = action,
            FromState = fromState,
            ToState = toState,
            Reason = reason,
            Details = details,
            PrevHash = "",
            Hash = "",
        };
        db.AuditEvents.Add(audit);
        return audit;
    }

    /// <summary>
    /// Chains and inserts the events added to <paramref name="db"/> so far in a few statements instead of one each (a run
    /// that opens thousands of exceptions): the same lock, chain head and hashes as a save, computed in order in memory.
    /// Must run inside the caller's transaction, which holds the chain until it ends.
    /// </summary>
    /// <exception cref="InvalidOperationException">No transaction is open on <paramref name="db"/>.</exception>
    public async Task SaveAddedInBulkAsync(ReconcileDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Audit events are saved in bulk only inside the caller's transaction.");
        // Taken out of the tracker before the lock: a failure from here on fails the caller's transaction, which rolls back.
        var events = BulkInsert.TakeAdded<AuditEventEntity>(db);
        if (events.Count == 0)
        {
            return;
        }

        await chainLock.AcquireAsync(db, cancellationToken);
        var (lastId, lastHash) = await AuditChainInterceptor.ReadHeadAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), cancellationToken);
        AuditChainInterceptor.Chain(events, lastId, lastHash);
        await BulkInsert.InsertAsync(db, events, matchBy: null, cancellationToken);
    }
}
