using System.Text.Json;

namespace Reconcile.Auditing;

/// <summary>JSON stored as text, served as JSON (a malformed value is served as a string, never a 500).</summary>
public static class JsonFields
{
    public static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
