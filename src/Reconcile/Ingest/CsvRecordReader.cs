using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Reconcile.Ingest;

/// <summary>
/// Turns an export CSV (RFC 4180, header row) into JSON records for the normal ingest path.
/// Money and quantity columns become numbers when they parse as decimals (otherwise they stay text and
/// the record is quarantined like any bad payload); `lines` is "SKU:qty:price;SKU:qty:price".
/// </summary>
public static class CsvRecordReader
{
    private static readonly HashSet<string> Numbers = ["subtotal", "discount", "tax", "total"];

    public static IEnumerable<JsonObject> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var rows = Rows(reader).GetEnumerator();
        if (!rows.MoveNext())
        {
            yield break;
        }

        var header = rows.Current;
        while (rows.MoveNext())
        {
            var record = new JsonObject();
            for (var i = 0; i < header.Count && i < rows.Current.Count; i++)
            {
                var (name, value) = (header[i].Trim(), rows.Current[i]);
                if (value.Length > 0)
                {
                    record[name] = Value(name, value);
                }
            }

            yield return record;
        }
    }

    private static JsonNode? Value(string name, string value) =>
        name == "lines" ? Lines(value)
        : Numbers.Contains(name) && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number)
        : JsonValue.Create(value);

    private static JsonArray Lines(string value)
    {
        var lines = new JsonArray();
        foreach (var line in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(':');
            var item = new JsonObject { ["sku"] = parts[0] };
            if (parts.Length > 1)
            {
                item["quantity"] = Value("total", parts[1]);
            }

            if (parts.Length > 2)
            {
                item["unitPrice"] = Value("total", parts[2]);
            }

            lines.Add(item);
        }

        return lines;
    }

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static IEnumerable<List<string>> Rows(TextReader reader)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"' && reader.Peek() == '"')
                {
                    field.Append('"');
                    reader.Read();
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\n')
            {
                row.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                yield return row;
                row = [];
            }
            else
            {
                field.Append(ch);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            yield return row;
        }
    }
}
