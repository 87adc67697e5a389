namespace Reconcile.Ingest.Pull;

/// <summary>A pull's records: new or changed, identical to what was held, and quarantined (stored with the reason).</summary>
public sealed record PullRecords(int Stored, int Unchanged, int Quarantined);
