namespace Reconcile.Engine.Simulation;

/// <summary>
/// How big and how broken the simulated world is. <paramref name="FaultRate"/> is the share of
/// orders that get exactly one injected fault; <see cref="NoiseRate"/> the share of clean orders
/// that get sub-cent rounding noise, which must never raise a finding.
/// </summary>
public sealed record SimulatorOptions(int Orders, double FaultRate, int Seed, DateTimeOffset Now)
{
    public double NoiseRate { get; init; } = 0.05;
}
