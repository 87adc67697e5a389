namespace Reconcile.Engine.Exceptions;

/// <summary>What a run should do to the exceptions on record; the host applies it in one transaction.</summary>
public sealed record ExceptionPlan(
    IReadOnlyList<PlannedOpen> ToOpen,
    IReadOnlyList<PlannedUpdate> ToUpdate,
    IReadOnlyList<ExceptionOnRecord> ToAutoResolve);
