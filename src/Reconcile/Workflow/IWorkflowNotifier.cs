using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Lifecycle;

namespace Reconcile.Workflow;

/// <summary>
/// What the workflow tells people, worded and delivered at the edge (Slack) so the workflow never refers
/// to it. Every Queue method only adds to the caller's unit of work; the caller saves.
/// </summary>
public interface IWorkflowNotifier
{
    /// <summary>A plain answer to the one person who acted (ephemeral).</summary>
    void Queue(ReconcileDbContext db, ReplyTo reply, string text);

    /// <summary>The answer to someone who clicked on an exception that moved on: who changed it last, and when.</summary>
    Task<string> AlreadyActedAsync(ReconcileDbContext db, ExceptionEntity exception, CancellationToken cancellationToken);

    /// <summary>The answer to someone who may not take <paramref name="action"/>: only members of <paramref name="who"/> (owner names) or an admin may.</summary>
    string Denied(string who, WorkflowAction action);

    /// <summary>Finance hears of an order that affects billing and is past its SLA (was due <paramref name="breachedDue"/>, UTC).</summary>
    void QueueOverdueBilling(ReconcileDbContext db, string channel, ExceptionEntity exception, DateTimeOffset breachedDue);
}
