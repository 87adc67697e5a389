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
            var line = ParseLine(item, $"lines[{index}]", reader);
            if (line is not null)
            {
                lines.Add(line);
            }

            index++;
        }

        return lines;
    }

    private static OrderLine? ParseLine(JsonElement item, string path, FieldReader reader)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            reader.Fail(path, $"expected an object, got {FieldReader.Describe(item)}");
            return null;
        }

        string? sku = null;
        decimal? quantity = null, unitPrice = null;
        bool seenSku = false, seenQuantity = false, seenUnitPrice = false;
        foreach (var property in item.EnumerateObject())
        {
            var field = $"{path}.{property.Name}";
            switch (property.Name)
            {
                case "sku":
                    seenSku = true;
                    sku = reader.RequiredString(property.Value, field)?.Trim();
                    break;
                case "quantity":
                    seenQuantity = true;
                    quantity = reader.Number(property.Value, field);
                    break;
                case "unitPrice":
                    seenUnitPrice = true;
                    unitPrice = reader.Number(property.Value, field);
                    break;
                default:
                    reader.Fail(field, "unexpected field");
                    break;
            }
        }

        RequireSeen(seenSku, $"{path}.sku", reader);
        RequireSeen(seenQuantity, $"{path}.quantity", reader);
        RequireSeen(seenUnitPrice, $"{path}.unitPrice", reader);
        if (seenSku && sku is { Length: 0 })
        {
            reader.Fail($"{path}.sku", "must not be empty");
        }

        return sku is { Length: > 0 } && quantity is { } q && unitPrice is { } p ? new OrderLine(sku, q, p) : null;
    }

    private static void RequireSeen(bool seen, string field, FieldReader reader)
    {
        if (!seen)
        {
            reader.Fail(field, "required field is missing");
        }
    }
}
