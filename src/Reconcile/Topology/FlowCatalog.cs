using Microsoft.Extensions.Options;
using Reconcile.Engine.Flows;

namespace Reconcile.Topology;

/// <summary>The configured flows as the engine sees them.</summary>
public sealed class FlowCatalog(IOptionsMonitor<TopologyOptions> topology)
{
    public IReadOnlyList<string> Names => [.. topology.CurrentValue.Flows.Keys.Order(StringComparer.Ordinal)];

    public bool Exists(string flow) => topology.CurrentValue.Flows.ContainsKey(flow);

    public FlowOptions Options(string flow) => topology.CurrentValue.Flows[flow];

    public FlowDefinition Definition(string flow)
    {
        var current = topology.CurrentValue;
        var options = current.Flows[flow];
        return new FlowDefinition
        {
            Name = flow,
            Source = options.Source,
            Targets = [.. options.Targets],
            LagWindow = options.LagWindow,
            Compare = [.. options.Compare],
            Authority = new Dictionary<string, string>(options.Authority, StringComparer.Ordinal),
            MoneyTolerance = options.MoneyTolerance.Everywhere,
            MoneyTolerances = new Dictionary<string, decimal>(options.MoneyTolerance, StringComparer.OrdinalIgnoreCase),
            Owner = options.Owner,
            SystemOwners = current.Systems.ToDictionary(s => s.Key, s => s.Value.Owner, StringComparer.Ordinal),
            MaxExceptionRate = options.MaxExceptionRate,
        };
    }

    /// <summary>The flow's source first, then its targets.</summary>
    public IReadOnlyList<string> Systems(string flow)
    {
        var options = Options(flow);
        return [options.Source, .. options.Targets];
    }
}
