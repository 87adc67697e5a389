namespace Reconcile.Engine.Records;

/// <summary>One line item of an order. Money is always decimal.</summary>
public sealed record OrderLine(string Sku, decimal Quantity, decimal UnitPrice);
