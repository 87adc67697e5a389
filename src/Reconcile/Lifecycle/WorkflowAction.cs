namespace Reconcile.Lifecycle;

/// <summary>What a person (or the SLA sweep) can do to an exception.</summary>
public enum WorkflowAction
{
    Approve,
    Replay,
    Escalate,
}
