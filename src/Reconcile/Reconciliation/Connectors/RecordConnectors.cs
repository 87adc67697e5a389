using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Reconcile.Ingest.Mapping;
using Reconcile.Reconciliation.Connectors.Http;
using Reconcile.Topology;

namespace Reconcile.Reconciliation.Connectors;

/// <summary>
/// The connector of each configured system, built once (so injected faults count across calls): in-process for a
/// system without a Connector section or with Kind InProcess, <see cref="HttpRecordConnector"/> for Kind Http; either
/// wrapped in <see cref="FaultInjectingConnector"/> when <c>Connector:Faults</c> is configured.
/// </summary>
public sealed class RecordConnectors(
    IOptionsMonitor<TopologyOptions> topology, IOptions<ConnectorFaults> faults, IServiceScopeFactory scopes, ConnectorHttpClient http, SystemMappings mappings)
{
    private readonly ConcurrentDictionary<string, IRecordConnector> _connectors = new(StringComparer.Ordinal);

    /// <summary>The system's connector, or null when the system is unknown.</summary>
    public IRecordConnector? For(string system)
    {
        if (!topology.CurrentValue.Systems.TryGetValue(system, out var options))
        {
            return null;
        }

        return _connectors.GetOrAdd(system, name =>
        {
            IRecordConnector connector = options.Connector?.Kind == ConnectorOptions.Http
                ? new HttpRecordConnector(name, http, mappings, topology)
                : new InProcessRecordConnector(name, scopes);
            return faults.Value.Systems.TryGetValue(name, out var injected) ? new FaultInjectingConnector(connector, injected) : connector;
        });
    }

    /// <summary>The system's API when it has <c>Connector:Read</c> (findings against it are confirmed by reading); else null.</summary>
    public HttpRecordConnector? Reader(string system) =>
        topology.CurrentValue.Systems.TryGetValue(system, out var options) && options.Connector is { Kind: ConnectorOptions.Http, Read: not null }
            ? new HttpRecordConnector(system, http, mappings, topology)
            : null;
}
