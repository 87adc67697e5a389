using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Pointer;

namespace Reconcile.Ingest.Mapping;

/// <summary>
/// Gives a CSV row the shape a system's mapping reads, so an export from the real system imports as it is:
/// each column's value goes to the JSON Pointer <c>CsvColumns</c> names for its header, or else to the member
/// named by the header (<c>total_price</c> → <c>/total_price</c>). A cell holding a JSON array or object
/// (a <c>line_items</c> column) is placed as JSON.
/// </summary>
public static class CsvRowShaper
{
    /// <summary>The row (header → cell) re-shaped; headers a pointer cannot place are kept as top-level members.</summary>
    public static JsonObject Shape(JsonObject row, IReadOnlyDictionary<string, string> columns)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(columns);
        var shaped = new JsonObject();
        foreach (var (header, cell) in row.ToList())
        {
            var value = Parse(cell?.DeepClone());
            if (!columns.TryGetValue(header, out var text) || !JsonPointer.TryParse(text, out var pointer) || pointer.SegmentCount == 0)
            {
                shaped[header] = value;
                continue;
            }

            // Objects all the way down: a pointer segment such as "0" names a member, which RFC 6901 reads like an index.
            var parent = shaped;
            for (var i = 0; i < pointer.SegmentCount - 1; i++)
            {
                var name = pointer[i].ToString();
                if (parent[name] is not JsonObject child)
                {
                    child = [];
                    parent[name] = child;
                }

                parent = child;
            }

            parent[pointer[pointer.SegmentCount - 1].ToString()] = value;
        }

        return shaped;
    }

    private static JsonNode? Parse(JsonNode? cell)
    {
        if (cell is JsonValue value && value.TryGetValue<string>(out var text) && text.TrimStart() is ['[' or '{', ..])
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Not JSON after all: the text itself, for the mapping to judge.
            }
        }

        return cell;
    }
}
