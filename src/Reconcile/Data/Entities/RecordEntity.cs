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
    /// <summary>The order's own updatedAt (UTC) in this copy: the lag window is measured from it.</summary>
    public DateTimeOffset? OrderUpdatedAt { get; set; }
    public bool Quarantined { get; set; }
    public string? QuarantineReason { get; set; }
    public int Version { get; set; } = 1;

    /// <summary>
    /// 0 for the record; 1, 2, … for further copies a system without external ids sent with the same
    /// updatedAt and a different payload: a duplicate, kept rather than silently replaced.
    /// </summary>
    public int Copy { get; set; }
}
