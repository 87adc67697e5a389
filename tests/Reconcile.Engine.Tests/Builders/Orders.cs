using Reconcile.Engine.Records;

namespace Reconcile.Engine.Tests.Builders;

/// <summary>A valid order whose arithmetic adds up; tweak it with <c>with { … }</c>.</summary>
public static class Orders
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static OrderRecord Default { get; } = new()
    {
        OrderId = "1042",
        CustomerId = "C-77",
        Currency = "USD",
        Subtotal = 100.00m,
        Discount = 10.00m,
        Tax = 0.00m,
        Total = 90.00m,
        PromoCode = "SPRING24",
        Status = "paid",
        Campaign = "spring-email",
        Region = "US-CA",
        UpdatedAt = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
        Lines = [new OrderLine("SKU-1", 2, 30.00m), new OrderLine("SKU-2", 1, 40.00m)],
    };

    public const string DefaultJson = """
        {
          "orderId": "1042", "customerId": "C-77", "currency": "USD",
          "subtotal": 100.00, "discount": 10.00, "tax": 0.00, "total": 90.00,
          "promoCode": "SPRING24", "status": "paid", "campaign": "spring-email", "region": "US-CA",
          "updatedAt": "2026-11-20T10:00:00Z",
          "lines": [ { "sku": "SKU-1", "quantity": 2, "unitPrice": 30.00 }, { "sku": "SKU-2", "quantity": 1, "unitPrice": 40.00 } ]
        }
        """;
}
