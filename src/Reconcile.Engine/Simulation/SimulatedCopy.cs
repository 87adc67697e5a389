using Reconcile.Engine.Records;

namespace Reconcile.Engine.Simulation;

/// <summary>A target system's copy of an order; <paramref name="RawOverride"/> replaces the payload to simulate drift.</summary>
internal sealed record SimulatedCopy(string System, OrderRecord Record, DateTimeOffset ReceivedAt, string? RawOverride = null);
