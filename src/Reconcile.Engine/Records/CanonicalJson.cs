using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Reconcile.Engine.Records;

/// <summary>Writes and reads <see cref="OrderRecord"/> as the canonical camelCase JSON.</summary>
public static class CanonicalJson
{
    // Larger than any ordinary record's JSON (a few hundred bytes to a few KB).
    private const int MaxKeptBuffer = 64 * 1024;

    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? _threadWriter;

    /// <summary>Serializes the record; nulls are omitted and decimals keep their exact digits.</summary>
    public static string Serialize(OrderRecord record) => Serialize(record, rename: null, likely: null);

    /// <summary>
    /// Serializes the record as <see cref="Serialize(OrderRecord)"/> does, and returns <paramref name="likely"/> itself when
    /// it is that text already (a payload sent in the canonical shape): the text is then compared, not made a second
    /// time. Ingest keeps one string for both; two thirds of a simulated load's records are such payloads.
    /// </summary>
    public static string Serialize(OrderRecord record, string? likely) =>
        Serialize(record, null, likely);

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
    internal static string Serialize(OrderRecord record, IReadOnlyDictionary<string, string>? rename) =>
        Serialize(record, rename, null);

    private static string Serialize(OrderRecord record, IReadOnlyDictionary<string, string>? rename, string? likely)
    {
        ArgumentNullException.ThrowIfNull(record);
        // One buffer and writer per thread, reset for each record: a writer of its own grows its buffer to 4 KiB first,
        // which was most of what serializing a record allocated (about 6.6 KB for a 425-character record). Taken while in
        // use, so a nested call gets a writer of its own, and put back only if its buffer stayed ordinary.
        var (buffer, writer) = _threadWriter ?? NewWriter();
        _threadWriter = null;
        try
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            Write(writer, record, rename);
            writer.Flush();
            // Bytes compared with characters, nothing decoded; a text with a non-ASCII byte never compares equal and is decoded.
            return likely is not null && Ascii.Equals(buffer.WrittenSpan, likely) ? likely : Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        finally
        {
            if (buffer.Capacity <= MaxKeptBuffer)
            {
                _threadWriter = (buffer, writer);
            }
        }
    }

    private static void Write(Utf8JsonWriter writer, OrderRecord record, IReadOnlyDictionary<string, string>? rename)
    {
        var names = new Names(writer, rename);
        writer.WriteStartObject();
        names.Write(Name.OrderId);
        writer.WriteStringValue(record.OrderId);
        names.Optional(Name.ExternalId, record.ExternalId);
        names.Optional(Name.CustomerId, record.CustomerId);
        names.Write(Name.Currency);
        writer.WriteStringValue(record.Currency);
        names.Optional(Name.Subtotal, record.Subtotal);
        names.Optional(Name.Discount, record.Discount);
        names.Optional(Name.Tax, record.Tax);
        names.Write(Name.Total);
        writer.WriteNumberValue(record.Total);
        names.Optional(Name.PromoCode, record.PromoCode);
        names.Optional(Name.Status, record.Status);
        names.Optional(Name.Campaign, record.Campaign);
        names.Optional(Name.Region, record.Region);
        names.Write(Name.UpdatedAt);
        writer.WriteStringValue(record.UpdatedAt);
        if (record.CreatedAt is { } created)
        {
            names.Write(Name.CreatedAt);
            writer.WriteStringValue(created);
        }

        if (record.Lines.Count > 0)
        {
            names.Write(Name.Lines);
            WriteLines(writer, record.Lines);
        }

        writer.WriteEndObject();
    }

    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer) NewWriter()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        return (buffer, new Utf8JsonWriter(buffer));
    }

    private static void WriteLines(Utf8JsonWriter writer, IReadOnlyList<OrderLine> lines)
    {
        writer.WriteStartArray();
        foreach (var line in lines)
        {
            writer.WriteStartObject();
            writer.WriteString(Name.Sku, line.Sku);
            writer.WriteNumber(Name.Quantity, line.Quantity);
            writer.WriteNumber(Name.UnitPrice, line.UnitPrice);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a canonical property name, or the system's own name for it when serializing in a dialect.</summary>
    private readonly struct Names(Utf8JsonWriter writer, IReadOnlyDictionary<string, string>? rename)
    {
        public void Write(JsonEncodedText canonical)
        {
            if (rename is not null && rename.TryGetValue(canonical.Value, out var name))
            {
                writer.WritePropertyName(name);
            }
            else
            {
                writer.WritePropertyName(canonical);
            }
        }

        public void Optional(JsonEncodedText canonical, string? value)
        {
            if (value is not null)
            {
                Write(canonical);
                writer.WriteStringValue(value);
            }
        }

        public void Optional(JsonEncodedText canonical, decimal? value)
        {
            if (value is { } number)
            {
                Write(canonical);
                writer.WriteNumberValue(number);
            }
        }
    }

    /// <summary>The canonical property names, encoded once.</summary>
    private static class Name
    {
        public static readonly JsonEncodedText OrderId = JsonEncodedText.Encode("orderId");
        public static readonly JsonEncodedText ExternalId = JsonEncodedText.Encode("externalId");
        public static readonly JsonEncodedText CustomerId = JsonEncodedText.Encode("customerId");
        public static readonly JsonEncodedText Currency = JsonEncodedText.Encode("currency");
        public static readonly JsonEncodedText Subtotal = JsonEncodedText.Encode("subtotal");
        public static readonly JsonEncodedText Discount = JsonEncodedText.Encode("discount");
        public static readonly JsonEncodedText Tax = JsonEncodedText.Encode("tax");
        public static readonly JsonEncodedText Total = JsonEncodedText.Encode("total");
        public static readonly JsonEncodedText PromoCode = JsonEncodedText.Encode("promoCode");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText Campaign = JsonEncodedText.Encode("campaign");
        public static readonly JsonEncodedText Region = JsonEncodedText.Encode("region");
        public static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updatedAt");
        public static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("createdAt");
        public static readonly JsonEncodedText Lines = JsonEncodedText.Encode("lines");
        public static readonly JsonEncodedText Sku = JsonEncodedText.Encode("sku");
        public static readonly JsonEncodedText Quantity = JsonEncodedText.Encode("quantity");
        public static readonly JsonEncodedText UnitPrice = JsonEncodedText.Encode("unitPrice");
    }
}
