namespace Reconcile.Ingest;

public sealed record IngestError(int Index, string? OrderId, string Field, string Message);
