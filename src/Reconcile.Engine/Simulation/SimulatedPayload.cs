namespace Reconcile.Engine.Simulation;

/// <summary>One raw payload as a system would send it, and when it arrived.</summary>
public sealed record SimulatedPayload(string System, string RawPayload, DateTimeOffset ReceivedAt);
