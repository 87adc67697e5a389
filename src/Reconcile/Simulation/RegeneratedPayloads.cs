using System.Collections;
using Reconcile.Engine.Simulation;

namespace Reconcile.Simulation;

/// <summary>
/// The payloads of a world that was stored as it was generated: their count is known, the payloads themselves are
/// generated again from the same options (the same seed and now give the same payloads) the first time they are read.
/// </summary>
internal sealed class RegeneratedPayloads(SimulatorOptions options, int count) : IReadOnlyList<SimulatedPayload>
{
    private readonly Lazy<IReadOnlyList<SimulatedPayload>> _payloads = new(() => Simulator.Generate(options).Payloads);

    public int Count => count;

    public SimulatedPayload this[int index] => _payloads.Value[index];

    public IEnumerator<SimulatedPayload> GetEnumerator() => _payloads.Value.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
