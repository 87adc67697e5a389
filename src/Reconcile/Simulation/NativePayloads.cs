using System.Globalization;
using System.Text.Json.Nodes;
using Reconcile.Engine.Records;

namespace Reconcile.Simulation;

/// <summary>
/// Renders a simulated record the way a real system would send it, for the demo: a Shopify-style order (money as
/// decimal strings, the shop's UTC−5 offset) and a Stripe-style <c>invoice.paid</c> event (integer minor units,
/// unix seconds, lower-case currency). The shapes are those the example mappings in <c>examples/systems/</c> read.
/// </summary>
public static class NativePayloads
{
    private static readonly TimeSpan ShopOffset = TimeSpan.FromHours(-5);

    /// <summary>A Shopify-style order. The simulated shop has no ids of its own, so no <c>id</c> (the external id) is sent.</summary>
    public static JsonObject ShopifyOrder(OrderRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new JsonObject
        {
            ["name"] = "#" + record.OrderId,
            ["order_number"] = long.TryParse(record.OrderId, CultureInfo.InvariantCulture, out var number) ? number : record.OrderId,
            ["currency"] = record.Currency,
            ["subtotal_price"] = Text(record.Subtotal),
            ["total_discounts"] = Text(record.Discount),
            ["total_tax"] = Text(record.Tax),
            ["total_price"] = Text(record.Total),
            ["financial_status"] = record.Status == "cancelled" ? "voided" : record.Status,
            ["customer"] = record.CustomerId is null ? null : new JsonObject { ["id"] = record.CustomerId },
            ["discount_codes"] = record.PromoCode is null ? new JsonArray() : new JsonArray(new JsonObject { ["code"] = record.PromoCode }),
            ["created_at"] = record.CreatedAt?.ToOffset(ShopOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["updated_at"] = record.UpdatedAt.ToOffset(ShopOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["line_items"] = new JsonArray([.. record.Lines.Select(l => (JsonNode)new JsonObject
            {
                ["sku"] = l.Sku, ["quantity"] = l.Quantity, ["price"] = Text(l.UnitPrice),
            })]),
        };
    }

    /// <summary>A Stripe-style <c>invoice.paid</c> event whose <c>data.object</c> is the invoice; null when an amount is not a whole number of minor units.</summary>
    public static JsonObject? StripeInvoiceEvent(OrderRecord record, string eventId)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!CurrencyExponent.TryGet(record.Currency, out var exponent))
        {
            return null;
        }

        var scale = (decimal)Math.Pow(10, exponent);
        long? Units(decimal? amount) => amount is { } a && decimal.Truncate(a * scale) == a * scale ? (long)(a * scale) : null;
        var amounts = new[] { record.Subtotal ?? 0, record.Discount ?? 0, record.Tax ?? 0, record.Total }.Concat(record.Lines.Select(l => l.UnitPrice));
        if (amounts.Any(a => Units(a) is null))
        {
            return null;
        }

        var invoice = new JsonObject
        {
            ["id"] = record.ExternalId ?? "in_" + record.OrderId,
            ["object"] = "invoice",
            ["customer"] = record.CustomerId,
            ["currency"] = record.Currency.ToLowerInvariant(),
            ["subtotal"] = Units(record.Subtotal ?? 0),
            ["total_discount_amounts"] = record.Discount is > 0 ? new JsonArray(new JsonObject { ["amount"] = Units(record.Discount) }) : new JsonArray(),
            ["tax"] = Units(record.Tax ?? 0),
            ["total"] = Units(record.Total),
            ["status"] = record.Status switch { "pending" => "open", "cancelled" => "void", _ => "paid" },
            ["created"] = (record.CreatedAt ?? record.UpdatedAt).ToUnixTimeSeconds(),
            ["status_transitions"] = new JsonObject { ["paid_at"] = record.UpdatedAt.ToUnixTimeSeconds() },
            ["metadata"] = new JsonObject { ["order_id"] = record.OrderId, ["promo_code"] = record.PromoCode },
            ["lines"] = new JsonObject
            {
                ["object"] = "list",
                ["has_more"] = false,
                ["data"] = new JsonArray([.. record.Lines.Select(l => (JsonNode)new JsonObject
                {
                    ["quantity"] = l.Quantity,
                    ["price"] = new JsonObject { ["lookup_key"] = l.Sku, ["unit_amount"] = Units(l.UnitPrice) },
                })]),
            },
        };
        return new JsonObject
        {
            ["id"] = eventId, ["object"] = "event", ["type"] = "invoice.paid", ["created"] = record.UpdatedAt.ToUnixTimeSeconds(),
            ["data"] = new JsonObject { ["object"] = invoice },
        };
    }

    private static string? Text(decimal? amount) => amount?.ToString(CultureInfo.InvariantCulture);
}
