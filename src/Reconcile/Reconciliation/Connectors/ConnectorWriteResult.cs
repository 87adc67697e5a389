namespace Reconcile.Reconciliation.Connectors;

/// <summary>
/// The target's answer to one write, kept verbatim (trimmed) for the audit trail; <see cref="Fields"/> are the
/// canonical fields actually sent (null: the whole record), which the read-back verifies.
/// </summary>
public sealed record ConnectorWriteResult(bool Accepted, string Response, bool Duplicate = false, IReadOnlyList<string>? Fields = null);
