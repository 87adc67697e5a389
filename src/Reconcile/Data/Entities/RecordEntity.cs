namespace Reconcile.Data.Entities;

/// <summary>The latest copy of one order as one system sees it.</summary>
public sealed class RecordEntity
{
    public long Id { get; set; }
    public required string System { get; set; }
    public required string OrderId { get; set; }

    /// <summary>The system's own id for the record ("" when it sends none); two ids for one order are a duplicate.</summary>
    public string ExternalId { get; set; } = "";

    /// <summary>Canonical JSON; null when the record is quarantined and could not be read.</summary>
    public string? Payload { get; set; }

    public required string RawPayload { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? OrderUpdatedAt { get; set; }
    public bool Quarantined { get; set; }
    public string? QuarantineReason { get; set; }
    public int Version { get; set; } = 1;
}
