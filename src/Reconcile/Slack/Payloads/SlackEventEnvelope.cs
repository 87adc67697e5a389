using System.Text.Json;

namespace Reconcile.Slack.Payloads;

/// <summary>
/// The outer JSON of an Events API request: <c>url_verification</c> or an <c>event_callback</c> carrying the inner
/// <see cref="Event"/>. <see cref="BotUserId"/> is the bot user of the installation the event was sent for (the
/// <c>authorizations</c> entry with <c>is_bot</c>; Slack's Events API reference), when Slack includes it.
/// </summary>
public sealed record SlackEventEnvelope(string Type, string? Challenge, string? EventId, string? EventType)
{
    public const string UrlVerification = "url_verification";

    /// <summary>The inner event object (a detached copy), or null for url_verification.</summary>
    public JsonElement? Event { get; init; }

    public string? BotUserId { get; init; }

    /// <summary>A string field of the inner event, e.g. <c>user</c> or <c>channel</c>; null when absent.</summary>
    public string? EventField(string name) => Event is { } e ? Json.String(e, name) : null;

    public static SlackEventEnvelope Parse(string? contentType, string body)
    {
        if (contentType is null || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new SlackPayloadException($"Expected Content-Type application/json, got '{contentType}'.");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return FromJson(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new SlackPayloadException("The event body is not valid JSON.", ex);
        }
    }

    /// <summary>From the envelope object itself (the HTTP body, or a Socket Mode <c>events_api</c> payload).</summary>
    public static SlackEventEnvelope FromJson(JsonElement root)
    {
        var type = Json.String(root, "type") ?? throw new SlackPayloadException("The event has no 'type'.");
        var inner = Json.Object(root, "event");
        string? bot = null;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("authorizations", out var authorizations) && authorizations.ValueKind == JsonValueKind.Array)
        {
            bot = authorizations.EnumerateArray()
                .Where(a => a.ValueKind == JsonValueKind.Object && a.TryGetProperty("is_bot", out var isBot) && isBot.ValueKind == JsonValueKind.True)
                .Select(a => Json.String(a, "user_id")).FirstOrDefault(u => u is not null);
        }

        return new SlackEventEnvelope(type, Json.String(root, "challenge"), Json.String(root, "event_id"), inner is { } e ? Json.String(e, "type") : null)
        {
            Event = inner?.Clone(),
            BotUserId = bot,
        };
    }
}
