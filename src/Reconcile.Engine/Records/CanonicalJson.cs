using System.Text;
using System.Text.Json;

namespace Reconcile.Engine.Records;

/// <summary>Writes and reads <see cref="OrderRecord"/> as the canonical camelCase JSON.</summary>
public static class CanonicalJson
{
    /// <summary>Serializes the record; nulls are omitted and decimals keep their exact digits.</summary>
    public static string Serialize(OrderRecord record) => Serialize(record, null);

    /// <summary>Parses canonical JSON back into a record; throws <see cref="FormatException"/> when invalid.</summary>
    public static OrderRecord Deserialize(string json)
    {
        try
        {
            if (CanonicalJsonReader.TryRead(json) is { } fast)
            {
                return fast;
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            // Not what Serialize writes: the validating parser below says why.
        }

        var result = RecordParser.Parse(json, null);
        return result.Record ?? throw new FormatException(
            "Not a canonical order record: " + string.Join("; ", result.Errors));
    }

    /// <summary>
    /// Serializes with some canonical names replaced (canonical → system name), the inverse of a
    /// field map, so a simulated system can speak its own dialect.
    /// </summary>
    internal static string Serialize(OrderRecord record, IReadOnlyDictionary<string, string>? rename)
    {
        var buffer = new MemoryStream(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            string Name(string canonical) =>
                rename is not null && rename.TryGetValue(canonical, out var name) ? name : canonical;

            writer.WriteStartObject();
            writer.WriteString(Name("orderId"), record.OrderId);
            WriteOptional(writer, Name("externalId"), record.ExternalId);
            WriteOptional(writer, Name("customerId"), record.CustomerId);
            writer.WriteString(Name("currency"), record.Currency);
            WriteOptional(writer, Name("subtotal"), record.Subtotal);
            WriteOptional(writer, Name("discount"), record.Discount);
            WriteOptional(writer, Name("tax"), record.Tax);
            writer.WriteNumber(Name("total"), record.Total);
            WriteOptional(writer, Name("promoCode"), record.PromoCode);
            WriteOptional(writer, Name("status"), record.Status);
            WriteOptional(writer, Name("campaign"), record.Campaign);
            WriteOptional(writer, Name("region"), record.Region);
            writer.WriteString(Name("updatedAt"), record.UpdatedAt);
            if (record.CreatedAt is { } created)
            {
                writer.WriteString(Name("createdAt"), created);
            }

            if (record.Lines.Count > 0)
            {
                WriteLines(writer, Name("lines"), record.Lines);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteLines(Utf8JsonWriter writer, string name, IReadOnlyList<OrderLine> lines)
    {
        writer.WriteStartArray(name);
        foreach (var line in lines)
        {
            writer.WriteStartObject();
            writer.WriteString("sku", line.Sku);
            writer.WriteNumber("quantity", line.Quantity);
            writer.WriteNumber("unitPrice", line.UnitPrice);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }
}
