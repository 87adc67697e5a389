namespace Reconcile.Lifecycle;

/// <summary>What a person (or the SLA sweep) can do to an exception (DESIGN §5).</summary>
public enum WorkflowAction
{
    Approve,
    Replay,
    Escalate,
}
