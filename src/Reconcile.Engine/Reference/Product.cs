namespace Reconcile.Engine.Reference;

/// <summary>A catalog entry; the list price is informational.</summary>
public sealed record Product(string Sku, decimal? ListPrice = null);
