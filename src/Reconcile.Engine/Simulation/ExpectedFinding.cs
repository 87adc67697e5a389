namespace Reconcile.Engine.Simulation;

/// <summary>A finding the ground truth says a correct engine must report.</summary>
public sealed record ExpectedFinding(string OrderId, string Type, string System);
