namespace Reconcile.Ingest;

/// <summary>The ingest answer (README, HTTP API): counts and one error per failed field.</summary>
public sealed record IngestResult(int Accepted, int Quarantined, IReadOnlyList<IngestError> Errors);
