namespace Reconcile.Engine.Records;

/// <summary>
/// What the store hands the engine for one system's copy of one order. A store that wants
/// duplicates detected keeps one of these per (system, orderId, externalId).
/// </summary>
public sealed record StoredRecord
{
    public required string System { get; init; }

    /// <summary>The order id; empty when a quarantined payload had none readable.</summary>
    public required string OrderId { get; init; }

    public string? ExternalId { get; init; }

    /// <summary>The parsed record; null when the payload was quarantined.</summary>
    public OrderRecord? Record { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public bool Quarantined { get; init; }

    public string? QuarantineReason { get; init; }

    public string RawPayload { get; init; } = string.Empty;

    /// <summary>Earlier versions, newest first, for diagnostics.</summary>
    public IReadOnlyList<OrderRecord> History { get; init; } = [];

    /// <summary>Parses a raw payload with the system's field map; an invalid one is quarantined, not dropped.</summary>
    public static StoredRecord FromPayload(
        string system, string rawPayload, DateTimeOffset receivedAt, IReadOnlyDictionary<string, string>? fieldMap)
    {
        var result = RecordParser.Parse(rawPayload, fieldMap);
        return new StoredRecord
        {
            System = system,
            OrderId = result.OrderId ?? string.Empty,
            ExternalId = result.Record?.ExternalId,
            Record = result.IsValid ? result.Record : null,
            ReceivedAt = receivedAt,
            Quarantined = !result.IsValid,
            QuarantineReason = result.IsValid ? null : string.Join("; ", result.Errors),
            RawPayload = rawPayload,
        };
    }
}
