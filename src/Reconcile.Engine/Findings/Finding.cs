namespace Reconcile.Engine.Findings;

/// <summary>One detected problem with one order.</summary>
public sealed record Finding
{
    public required string Flow { get; init; }

    /// <summary>A <see cref="FindingType"/> wire name.</summary>
    public required string Type { get; init; }

    /// <summary>The order id; empty for <see cref="FindingType.StaleSource"/>, which is about a whole feed.</summary>
    public required string OrderId { get; init; }

    /// <summary>The system at fault (whose owner the finding is routed to).</summary>
    public required string System { get; init; }

    /// <summary>E.g. <c>total</c>, <c>lines[SKU-1].quantity</c>; null when the whole record is at fault.</summary>
    public string? Attribute { get; init; }

    public string? Expected { get; init; }

    public string? Actual { get; init; }

    /// <summary>The owner name the finding routes to.</summary>
    public required string Owner { get; init; }

    /// <summary>
    /// For a money attribute the absolute difference; otherwise the order's total (the source's
    /// when known), since the whole order is in doubt.
    /// </summary>
    public decimal ValueAtRisk { get; init; }

    public FindingDiagnostics Diagnostics { get; init; } = FindingDiagnostics.None;

    /// <summary>(flow, orderId, type, system, attribute): the identity of an exception across runs.</summary>
    public string Fingerprint => $"{Flow}|{OrderId}|{Type}|{System}|{Attribute}";
}
