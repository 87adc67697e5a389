using System.Globalization;
using Reconcile.Engine.Records;

namespace Reconcile.Engine.Simulation;

/// <summary>Generates a clean shop order, whose arithmetic adds up, and its CRM and billing copies.</summary>
internal static class OrderGenerator
{
    public const string UnknownSku = "SKU-999";
    private const decimal TaxRate = 0.08m;
    private static readonly string?[] Campaigns = [SimulatedReference.SpringCampaign, "organic", null];
    private static readonly string[] Regions = ["US-CA", "US-NY", "EU-DE"];

    public static SimulatedOrder Create(Random rng, string orderId, DateTimeOffset now, string? promo, bool unknownSku)
    {
        // Old enough that even a target updated minutes later is outside the 15-minute lag window.
        var updatedAt = now.AddMinutes(-rng.Next(30, 48 * 60)).AddSeconds(-rng.Next(60));
        var lines = Lines(rng, unknownSku);
        var subtotal = lines.Sum(l => l.Quantity * l.UnitPrice);
        var discount = promo switch
        {
            SimulatedReference.WelcomePromo => Math.Min(5m, subtotal),
            SimulatedReference.SpringPromo => Round(subtotal * 0.10m),
            SimulatedReference.SummerPromo => Round(subtotal * 0.15m),
            _ => 0m,
        };
        var tax = Round((subtotal - discount) * TaxRate);
        var shop = new OrderRecord
        {
            OrderId = orderId,
            CustomerId = SimulatedReference.CustomerId(rng.Next(1, SimulatedReference.Customers + 1)),
            Currency = "USD",
            Subtotal = subtotal,
            Discount = discount,
            Tax = tax,
            Total = subtotal - discount + tax,
            PromoCode = promo,
            Status = "paid",
            Campaign = promo switch
            {
                SimulatedReference.SpringPromo => SimulatedReference.SpringCampaign,
                SimulatedReference.SummerPromo => SimulatedReference.SummerCampaign,
                _ => Campaigns[rng.Next(Campaigns.Length)],
            },
            Region = Regions[rng.Next(Regions.Length)],
            UpdatedAt = updatedAt,
            CreatedAt = updatedAt.AddMinutes(-rng.Next(0, 30)),
            Lines = lines,
        };
        var received = updatedAt.AddSeconds(rng.Next(1, 30));
        var order = new SimulatedOrder(shop, received);
        order.Copies.Add(new SimulatedCopy(
            SimulatedFlow.Crm, shop with { ExternalId = "CRM-" + orderId }, received.AddSeconds(rng.Next(1, 90))));
        order.Copies.Add(new SimulatedCopy(
            SimulatedFlow.Billing, shop with { ExternalId = "INV-" + orderId }, received.AddSeconds(rng.Next(1, 90))));
        return order;
    }

    private static List<OrderLine> Lines(Random rng, bool unknownSku)
    {
        var count = rng.Next(1, 5);
        var lines = new List<OrderLine>(count + 1);
        var first = rng.Next(1, SimulatedReference.Products + 1);
        for (var i = 0; i < count; i++)
        {
            // Consecutive catalog entries keep SKUs distinct without a retry loop.
            var index = ((first + i - 1) % SimulatedReference.Products) + 1;
            lines.Add(new OrderLine(SimulatedReference.Sku(index), rng.Next(1, 4), SimulatedReference.ListPrice(index)));
        }

        if (unknownSku)
        {
            lines.Add(new OrderLine(UnknownSku, 1, 9.99m));
        }

        return lines;
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static string OrderId(int index) => (100001 + index).ToString(CultureInfo.InvariantCulture);
}
