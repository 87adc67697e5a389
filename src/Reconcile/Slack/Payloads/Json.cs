using System.Text.Json;

namespace Reconcile.Slack.Payloads;

/// <summary>Tolerant reads from Slack JSON: a missing or differently typed field is null, never an exception.</summary>
internal static class Json
{
    /// <summary>The string field <paramref name="name"/>, or null; <see cref="SlackPayloadException"/> when it escapes a lone UTF-16 surrogate (no text can hold it).</summary>
    public static string? String(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException ex)
        {
            throw new SlackPayloadException($"The payload's '{name}' is not valid text (it escapes a lone UTF-16 surrogate).", ex);
        }
    }

    public static JsonElement? Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;
}
