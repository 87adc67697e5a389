using System.Text;
using System.Text.Json;

namespace Reconcile.Engine.Records;

/// <summary>
/// Reads canonical JSON that <see cref="CanonicalJson"/> wrote, fast: one forward pass, no DOM.
/// Anything it does not expect sends the caller to the validating parser instead.
/// </summary>
internal static class CanonicalJsonReader
{
    public static OrderRecord? TryRead(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        string? orderId = null, externalId = null, customerId = null, currency = null, promoCode = null, status = null, campaign = null, region = null;
        decimal? subtotal = null, discount = null, tax = null, total = null;
        DateTimeOffset? updatedAt = null, createdAt = null;
        List<OrderLine>? lines = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            if (!reader.Read())
            {
                return null;
            }

            switch (name)
            {
                case "orderId": orderId = reader.GetString(); break;
                case "externalId": externalId = reader.GetString(); break;
                case "customerId": customerId = reader.GetString(); break;
                case "currency": currency = reader.GetString(); break;
                case "subtotal": subtotal = reader.GetDecimal(); break;
                case "discount": discount = reader.GetDecimal(); break;
                case "tax": tax = reader.GetDecimal(); break;
                case "total": total = reader.GetDecimal(); break;
                case "promoCode": promoCode = reader.GetString(); break;
                case "status": status = reader.GetString(); break;
                case "campaign": campaign = reader.GetString(); break;
                case "region": region = reader.GetString(); break;
                case "updatedAt": updatedAt = reader.GetDateTimeOffset(); break;
                case "createdAt": createdAt = reader.GetDateTimeOffset(); break;
                case "lines":
                    lines = ReadLines(ref reader);
                    if (lines is null)
                    {
                        return null;
                    }

                    break;
                default: return null;
            }
        }

        return orderId is null || currency is null || total is null || updatedAt is null ? null : new OrderRecord
        {
            OrderId = orderId, ExternalId = externalId, CustomerId = customerId, Currency = currency,
            Subtotal = subtotal, Discount = discount, Tax = tax, Total = total.Value, PromoCode = promoCode, Status = status,
            Campaign = campaign, Region = region, UpdatedAt = updatedAt.Value, CreatedAt = createdAt, Lines = lines ?? [],
        };
    }

    private static List<OrderLine>? ReadLines(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var lines = new List<OrderLine>(2);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? sku = null;
            decimal? quantity = null, unitPrice = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "sku": sku = reader.GetString(); break;
                    case "quantity": quantity = reader.GetDecimal(); break;
                    case "unitPrice": unitPrice = reader.GetDecimal(); break;
                    default: return null;
                }
            }

            if (sku is null || quantity is null || unitPrice is null)
            {
                return null;
            }

            lines.Add(new OrderLine(sku, quantity.Value, unitPrice.Value));
        }

        return reader.TokenType == JsonTokenType.EndArray ? lines : null;
    }
}
