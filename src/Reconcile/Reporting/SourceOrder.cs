namespace Reconcile.Reporting;

/// <summary>What reporting reads from an order's source record: when it was created, what it sold, where, and for how much.</summary>
public sealed record SourceOrder(
    string OrderId,
    DateTimeOffset CreatedAt,
    string? Campaign,
    string? Region,
    IReadOnlyList<string> Skus,
    decimal Total,
    string? Status,
    string Currency);
