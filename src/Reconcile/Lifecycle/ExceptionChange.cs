using Reconcile.Engine.Exceptions;

namespace Reconcile.Lifecycle;

/// <summary>
/// The facts of one transition, as the state machine made it: which <see cref="AuditActions"/> name,
/// who, from which state, when, and the details that action has. Wording (Slack lines) is built from
/// these facts at the edge, never here. Fields that do not apply to an action are null / zero.
/// </summary>
public sealed record ExceptionChange(string Action, string Actor, ExceptionState From, DateTimeOffset At)
{
    /// <summary>The person's or the rule's reason (approve, escalate, SLA breach, failed replay).</summary>
    public string? Reason { get; init; }

    /// <summary>Approve: what was done about it outside Reconcile.</summary>
    public string? CorrectiveAction { get; init; }

    /// <summary>Replay: the system written into, and how many write attempts were made.</summary>
    public string? Target { get; init; }

    public int Attempts { get; init; }

    /// <summary>Escalate: the owner before and after.</summary>
    public string? FromOwner { get; init; }

    public string? ToOwner { get; init; }

    /// <summary>Escalate: the new SLA due time (UTC).</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Open, reopen, update and auto-resolve: the run that made the change.</summary>
    public long? RunId { get; init; }
}
