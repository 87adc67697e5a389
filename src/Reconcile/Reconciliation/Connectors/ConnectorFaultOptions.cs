namespace Reconcile.Reconciliation.Connectors;

/// <summary>
/// Faults injected into an in-process connector ("Systems:&lt;name&gt;:Connector:Faults"), so operators
/// and tests can rehearse a replay against a failing target before going live.
/// </summary>
public sealed class ConnectorFaultOptions
{
    /// <summary>The first N writes fail as if the target answered 503.</summary>
    public int FailWrites { get; set; }

    /// <summary>Writes are acknowledged but never applied, so the read-back never verifies.</summary>
    public bool DropWrites { get; set; }
}
