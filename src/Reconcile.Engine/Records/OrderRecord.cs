namespace Reconcile.Engine.Records;

/// <summary>One order as one system sees it, in the canonical shape.</summary>
public sealed record OrderRecord
{
    public required string OrderId { get; init; }

    /// <summary>The system's own id for this record (e.g. an invoice id).</summary>
    public string? ExternalId { get; init; }

    public string? CustomerId { get; init; }

    public required string Currency { get; init; }

    public decimal? Subtotal { get; init; }

    public decimal? Discount { get; init; }

    public decimal? Tax { get; init; }

    public required decimal Total { get; init; }

    public string? PromoCode { get; init; }

    public string? Status { get; init; }

    public string? Campaign { get; init; }

    public string? Region { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public IReadOnlyList<OrderLine> Lines { get; init; } = [];
}
