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

    // What a run compares, written once at ingest from the canonical record (null when quarantined), so a run
    // reads columns instead of parsing Payload. RecordColumns fills them; RecordColumnsBackfill fills older rows.
    public string? CustomerId { get; set; }
    public string? Currency { get; set; }
    public decimal? Subtotal { get; set; }
    public decimal? Discount { get; set; }
    public decimal? Tax { get; set; }
    public decimal? Total { get; set; }
    public string? PromoCode { get; set; }
    public string? Status { get; set; }
    public string? Campaign { get; set; }
    public string? Region { get; set; }

    /// <summary>The record's external id, exact times and line items in <c>CompactRecordCodec</c>'s binary layout; null until written.</summary>
    public byte[]? Compact { get; set; }
}
