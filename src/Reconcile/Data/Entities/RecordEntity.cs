namespace Reconcile.Data.Entities;

/// <summary>The latest copy of one order as one system sees it.</summary>
public sealed class RecordEntity
{
    public long Id { get; set; }
    public required string System { get; set; }
    public required string OrderId { get; set; }

    /// <summary>The system's own id for the record ("" when it sends none); two ids for one order are a duplicate.</summary>
    public string ExternalId { get; set; } = "";

    private string? _payload;
    private string _rawPayload = "";

    // The column's value as read, until either text changes: rows written before the text was kept once hold the full
    // text even when it is the Payload, and EF takes its original values from this getter, so it must see what is stored.
    private string? _storedAsRead;

    /// <summary>Canonical JSON; null when the record is quarantined and could not be read.</summary>
    public string? Payload
    {
        get => _payload;
        set
        {
            // A raw text kept as "the same as Payload" is taken out first, so a new Payload never changes it.
            _rawPayload = RawPayload;
            _payload = value;
            _storedAsRead = null;
        }
    }

    /// <summary>The text exactly as the system sent it. Not a column: <see cref="StoredRawPayload"/> is.</summary>
    public required string RawPayload
    {
        get => _rawPayload.Length == 0 && _payload is not null ? _payload : _rawPayload;
        set
        {
            _rawPayload = value;
            _storedAsRead = null;
        }
    }

    /// <summary>
    /// The "RawPayload" column: <see cref="RawPayload"/>, or "" when it is the same text as <see cref="Payload"/>. Most
    /// systems send what is already canonical (every simulated shop and billing record, half the CRM's), and keeping it
    /// twice made records a third larger: a third more to write at ingest and to read for every index a load builds.
    /// No raw text is empty (a record is at least <c>{}</c>), so "" cannot be mistaken for one. A query that needs the raw
    /// text reads <c>COALESCE(NULLIF("RawPayload", ''), "Payload", '')</c>. A row read from the database reports the
    /// value it holds until <see cref="RawPayload"/> or <see cref="Payload"/> is set (EF reads <see cref="Payload"/>'s field).
    /// </summary>
    public string StoredRawPayload
    {
        get => _storedAsRead ?? (string.Equals(RawPayload, _payload, StringComparison.Ordinal) ? "" : RawPayload);
        private set
        {
            _rawPayload = value;
            _storedAsRead = value;
        }
    }

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
