namespace Reconcile.Data.Entities;

public sealed class ProductEntity
{
    public required string Sku { get; set; }
    public string? Name { get; set; }
    public decimal? Price { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
