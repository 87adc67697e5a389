namespace Reconcile.Reconciliation;

/// <summary>One stored record as a run reads it (the raw payload only when quarantined).</summary>
public sealed record RecordRow(
    string System, string OrderId, string ExternalId, string? Payload, string RawPayload, DateTimeOffset ReceivedAt, bool Quarantined, string? QuarantineReason);
