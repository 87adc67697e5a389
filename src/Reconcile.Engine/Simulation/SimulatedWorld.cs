using Reconcile.Engine.Flows;
using Reconcile.Engine.Matching;
using Reconcile.Engine.Records;
using Reconcile.Engine.Reference;

namespace Reconcile.Engine.Simulation;

/// <summary>Everything a run needs, plus the ground truth to score it against.</summary>
public sealed record SimulatedWorld(
    FlowDefinition Flow,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> FieldMaps,
    ReferenceData Reference,
    IReadOnlyList<SimulatedPayload> Payloads,
    IReadOnlyList<InjectedFault> Faults)
{
    public IReadOnlyList<ExpectedFinding> ExpectedFindings => Faults.SelectMany(f => f.Expected).ToList();

    /// <summary>Ingests every payload as a host would: parse with the system's field map, quarantine failures.</summary>
    public FlowSnapshot ToSnapshot()
    {
        var snapshot = new FlowSnapshot();
        foreach (var payload in Payloads)
        {
            var map = FieldMaps.GetValueOrDefault(payload.System);
            snapshot.Add(StoredRecord.FromPayload(payload.System, payload.RawPayload, payload.ReceivedAt, map));
        }

        return snapshot;
    }
}
