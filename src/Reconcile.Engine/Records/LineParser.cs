using System.Globalization;
using System.Text.Json;

namespace Reconcile.Engine.Records;

/// <summary>Parses the <c>lines</c> array; every item needs sku, quantity and unitPrice.</summary>
internal static class LineParser
{
    public static IReadOnlyList<OrderLine> Parse(JsonElement value, FieldReader reader)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            reader.Fail("lines", $"expected an array, got {FieldReader.Describe(value)}");
            return [];
        }

        var lines = new List<OrderLine>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var line = ParseLine(item, index, reader);
            if (line is not null)
            {
                lines.Add(line);
            }

            index++;
        }

        return lines;
    }

    // Field paths (lines[0].sku) are written only for an error: a valid line allocates nothing but its sku and itself.
    private static string Path(int index, string? field = null) => field is null
        ? string.Create(CultureInfo.InvariantCulture, $"lines[{index}]")
        : string.Create(CultureInfo.InvariantCulture, $"lines[{index}].{field}");

    private static OrderLine? ParseLine(JsonElement item, int index, FieldReader reader)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            reader.Fail(Path(index), $"expected an object, got {FieldReader.Describe(item)}");
            return null;
        }

        string? sku = null;
        decimal? quantity = null, unitPrice = null;
        bool seenSku = false, seenQuantity = false, seenUnitPrice = false;
        foreach (var property in item.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("sku"u8))
            {
                seenSku = true;
                sku = (value.ValueKind == JsonValueKind.String ? value.GetString() : reader.RequiredString(value, Path(index, "sku")))?.Trim();
            }
            else if (property.NameEquals("quantity"u8))
            {
                seenQuantity = true;
                quantity = Number(value, index, "quantity", reader);
            }
            else if (property.NameEquals("unitPrice"u8))
            {
                seenUnitPrice = true;
                unitPrice = Number(value, index, "unitPrice", reader);
            }
            else
            {
                reader.Fail(Path(index, property.Name), "unexpected field");
            }
        }

        RequireSeen(seenSku, index, "sku", reader);
        RequireSeen(seenQuantity, index, "quantity", reader);
        RequireSeen(seenUnitPrice, index, "unitPrice", reader);
        if (seenSku && sku is { Length: 0 })
        {
            reader.Fail(Path(index, "sku"), "must not be empty");
        }

        return sku is { Length: > 0 } && quantity is { } q && unitPrice is { } p ? new OrderLine(sku, q, p) : null;
    }

    private static decimal? Number(JsonElement value, int index, string field, FieldReader reader) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) ? number : reader.Number(value, Path(index, field));

    private static void RequireSeen(bool seen, int index, string field, FieldReader reader)
    {
        if (!seen)
        {
            reader.Fail(Path(index, field), "required field is missing");
        }
    }
}
