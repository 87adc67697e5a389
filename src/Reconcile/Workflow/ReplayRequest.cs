using Reconcile.Lifecycle;

namespace Reconcile.Workflow;

/// <summary>A replay whose start is saved (state replaying at <see cref="Version"/>) and whose slow part is pending.</summary>
public sealed record ReplayRequest(long ExceptionId, int Version, string PreviousState, string RequestedBy)
{
    public string IdempotencyKey => ExceptionTransitions.ReplayKey(ExceptionId, Version);
}
