using System.Text;
using System.Text.Json;

namespace Reconcile.Engine.Records;

/// <summary>
/// Reads canonical JSON that <see cref="CanonicalJson"/> wrote, fast: one forward pass, no DOM.
/// Anything it does not expect sends the caller to the validating parser instead. Optional text is
/// normalised as at ingest, so a record stored before normalisation reads the same as one stored after.
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
            // Property names are compared as UTF-8 bytes: no string is allocated for them.
            var property = reader;
            if (!reader.Read())
            {
                return null;
            }

            if (property.ValueTextEquals("orderId"u8)) { orderId = reader.GetString(); }
            else if (property.ValueTextEquals("total"u8)) { total = reader.GetDecimal(); }
            else if (property.ValueTextEquals("currency"u8)) { currency = reader.GetString(); }
            else if (property.ValueTextEquals("updatedAt"u8)) { updatedAt = reader.GetDateTimeOffset(); }
            else if (property.ValueTextEquals("customerId"u8)) { customerId = RecordNormalizer.Text(reader.GetString()); }
            else if (property.ValueTextEquals("subtotal"u8)) { subtotal = reader.GetDecimal(); }
            else if (property.ValueTextEquals("discount"u8)) { discount = reader.GetDecimal(); }
            else if (property.ValueTextEquals("tax"u8)) { tax = reader.GetDecimal(); }
            else if (property.ValueTextEquals("status"u8)) { status = RecordNormalizer.Text(reader.GetString()); }
            else if (property.ValueTextEquals("promoCode"u8)) { promoCode = RecordNormalizer.Text(reader.GetString()); }
            else if (property.ValueTextEquals("campaign"u8)) { campaign = RecordNormalizer.Text(reader.GetString()); }
            else if (property.ValueTextEquals("region"u8)) { region = RecordNormalizer.Text(reader.GetString()); }
            else if (property.ValueTextEquals("createdAt"u8)) { createdAt = reader.GetDateTimeOffset(); }
            else if (property.ValueTextEquals("externalId"u8)) { externalId = RecordNormalizer.Text(reader.GetString()); }
            else if (property.ValueTextEquals("lines"u8))
            {
                lines = ReadLines(ref reader);
                if (lines is null)
                {
                    return null;
                }
            }
            else
            {
                return null;
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
                var property = reader;
                reader.Read();
                if (property.ValueTextEquals("sku"u8)) { sku = reader.GetString(); }
                else if (property.ValueTextEquals("quantity"u8)) { quantity = reader.GetDecimal(); }
                else if (property.ValueTextEquals("unitPrice"u8)) { unitPrice = reader.GetDecimal(); }
                else { return null; }
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
