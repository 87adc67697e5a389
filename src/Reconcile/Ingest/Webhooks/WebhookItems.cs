using System.Text.Json;
using Json.Pointer;
using Reconcile.Engine.Records;

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
