namespace Reconcile.Reconciliation.Connectors;

/// <summary>The target's answer to one write, kept verbatim (trimmed) for the audit trail.</summary>
public sealed record ConnectorWriteResult(bool Accepted, string Response, bool Duplicate = false);
