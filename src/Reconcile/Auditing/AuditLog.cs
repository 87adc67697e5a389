using Reconcile.Data;
using Reconcile.Data.Entities;

namespace Reconcile.Auditing;

/// <summary>
/// The one audit API. It adds an event to the caller's unit of work, so the event commits (or not)
/// with the change it describes; <see cref="AuditChainInterceptor"/> chains it on save.
/// </summary>
public sealed class AuditLog(TimeProvider time)
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
}
