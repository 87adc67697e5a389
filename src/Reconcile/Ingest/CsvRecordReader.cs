using System.Globalization;
using System.Text.Json.Nodes;
using CsvHelper;

namespace Reconcile.Ingest;

/// <summary>
/// Turns an export CSV (RFC 4180, header row, read by CsvHelper) into JSON records for the normal ingest path.
/// Money and quantity columns become numbers when they parse as decimals (otherwise they stay text and
/// the record is quarantined like any bad payload); `lines` is "SKU:qty:price;SKU:qty:price".
/// </summary>
public static class CsvRecordReader
{
    private static readonly HashSet<string> Numbers = ["subtotal", "discount", "tax", "total"];

    /// <summary>
    /// Comma-separated (no guessing), nothing trimmed but header names, quoted line breaks kept. Blank lines are
    /// rows too, so "row N" in the import's report is the file's row N; a row may be shorter or longer than the
    /// header (missing fields are absent, extra ones ignored).
    /// </summary>
    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = false,
        SkipEmptyLines = false,
        TrimWhitespace = false,
        AllowLineBreaksInQuotes = true,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>The records of <paramref name="reader"/>, one per row after the header, lazily; the reader is left open.</summary>
    public static IEnumerable<JsonObject> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var csv = CsvReader.Create(reader, Options, leaveOpen: true);
        if (!csv.Read())
        {
            yield break;
        }

        var header = Fields(csv);
        while (csv.Read())
        {
            var row = Fields(csv);
            var record = new JsonObject();
            for (var i = 0; i < header.Length && i < row.Length; i++)
            {
                var (name, value) = (header[i].Trim(), row[i]);
                if (value.Length > 0)
                {
                    record[name] = Value(name, value);
                }
            }

            yield return record;
        }
    }

    private static string[] Fields(CsvReader csv) => [.. Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i) ?? "")];

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
}
