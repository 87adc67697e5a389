namespace Reconcile.Reporting;

/// <summary>One of the week's highest-value orders: how every system of its flow sees it, and what is still open on it.</summary>
public sealed record TopOrder(
    string Flow,
    string OrderId,
    decimal Total,
    string Currency,
    IReadOnlyList<KeyValuePair<string, string>> States,
    IReadOnlyList<string> OpenExceptions);
