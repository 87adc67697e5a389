namespace Reconcile.Engine.Simulation;

/// <summary>One injected fault and what it should produce; an empty list means "must produce nothing".</summary>
public sealed record InjectedFault(string OrderId, FaultKind Kind, string System, IReadOnlyList<ExpectedFinding> Expected);
