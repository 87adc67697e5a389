using System.Text.Json;
using Json.Pointer;
using Reconcile.Engine.Records;
using Reconcile.Ingest.Mapping;

namespace Reconcile.Ingest.Webhooks;

/// <summary>
/// Finds the records in a delivery: one object, an array of objects, or whatever <c>ItemPointer</c> points at in an
/// envelope (Stripe: <c>/data/object</c>). A delivery whose pointer finds nothing is kept whole, to be quarantined
/// with the reason, never dropped.
/// </summary>
public static class WebhookItems
{
    /// <summary>The payloads to store, and, when the envelope could not be read, the reason to quarantine the whole body with.</summary>
    public static (IReadOnlyList<JsonElement> Items, FieldError? Unreadable) Find(JsonElement root, string? itemPointer)
    {
        var found = root;
        if (itemPointer is not null)
        {
            if (JsonPointer.Parse(itemPointer).Evaluate(root) is not { } value || value.ValueKind == JsonValueKind.Null)
            {
                return ([root], new FieldError("$", $"the webhook's ItemPointer {itemPointer} found nothing in the delivery"));
            }

            found = value;
        }

        return found.ValueKind == JsonValueKind.Array
            ? ([.. found.EnumerateArray()], null)
            : ([found], null);
    }

    /// <summary>
    /// How a system's payloads become records, for its webhooks and its pulls alike: its <paramref name="mapping"/>
    /// when it has one, else <paramref name="fieldMap"/> renames over the canonical shape. A string escape that is a
    /// lone UTF-16 surrogate ("\udc00") parses as JSON but cannot become text: that item is quarantined with the
    /// reason instead of failing the whole batch.
    /// </summary>
    public static Func<JsonElement, RecordParseResult> Parser(RecordMapping? mapping, IReadOnlyDictionary<string, string>? fieldMap)
    {
        Func<JsonElement, RecordParseResult> parse = mapping is not null ? mapping.Parse : p => RecordParser.Parse(p, fieldMap);
        return payload =>
        {
            try
            {
                return parse(payload);
            }
            catch (InvalidOperationException)
            {
                return new RecordParseResult(null, [new FieldError("payload", "holds a string that is not valid Unicode text (a lone surrogate escape)")], null);
            }
        };
    }

    /// <summary>Reads the delivery id at <paramref name="location"/> (a JSON Pointer) as text whatever its JSON type; null when absent.</summary>
    public static string? DeliveryId(JsonElement root, string location)
    {
        if (JsonPointer.Parse(location).Evaluate(root) is not { } value)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }
}
