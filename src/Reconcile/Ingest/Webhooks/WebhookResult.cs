namespace Reconcile.Ingest.Webhooks;

/// <summary>
/// The webhook answer: the ingest counts and errors, plus the delivery id and whether it had been seen before
/// (then nothing was stored again and the counts are zero).
/// </summary>
public sealed record WebhookResult(int Accepted, int Quarantined, IReadOnlyList<IngestError> Errors, string? DeliveryId, bool Duplicate);
