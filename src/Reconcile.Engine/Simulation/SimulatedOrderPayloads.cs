namespace Reconcile.Engine.Simulation;

/// <summary>One simulated order as its systems send it: its payloads (shop first, then its copies) and the fault injected into it, if any.</summary>
public sealed record SimulatedOrderPayloads(IReadOnlyList<SimulatedPayload> Payloads, InjectedFault? Fault);
