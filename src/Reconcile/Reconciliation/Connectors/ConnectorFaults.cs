namespace Reconcile.Reconciliation.Connectors;

/// <summary>Every system's configured faults, by system name (absent: none).</summary>
public sealed class ConnectorFaults
{
    public Dictionary<string, ConnectorFaultOptions> Systems { get; } = new(StringComparer.Ordinal);
}
