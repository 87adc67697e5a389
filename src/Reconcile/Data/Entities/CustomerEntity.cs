namespace Reconcile.Data.Entities;

public sealed class CustomerEntity
{
    public required string Id { get; set; }
    public string? Name { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
