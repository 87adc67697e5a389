using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Reconcile.Topology;

namespace Reconcile.Reconciliation.Connectors;

/// <summary>
/// The connector of each configured system, built once (so injected faults count across calls).
/// A system without a Connector section is in-process. Http connectors are not available yet.
/// </summary>
public sealed class RecordConnectors(IOptionsMonitor<TopologyOptions> topology, IOptions<ConnectorFaults> faults, IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<string, IRecordConnector> _connectors = new(StringComparer.Ordinal);

    /// <summary>The system's connector, or null when the system is unknown or its kind has no implementation.</summary>
    public IRecordConnector? For(string system)
    {
        if (!topology.CurrentValue.Systems.TryGetValue(system, out var options)
            || (options.Connector?.Kind ?? ConnectorOptions.InProcess) != ConnectorOptions.InProcess)
        {
            return null;
        }

        return _connectors.GetOrAdd(system, name =>
        {
            IRecordConnector connector = new InProcessRecordConnector(name, scopes);
            return faults.Value.Systems.TryGetValue(name, out var injected) ? new FaultInjectingConnector(connector, injected) : connector;
        });
    }
}
