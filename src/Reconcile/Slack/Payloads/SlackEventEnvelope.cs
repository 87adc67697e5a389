using System.Text.Json;

namespace Reconcile.Slack.Payloads;

/// <summary>The outer JSON of an Events API request: <c>url_verification</c> or an <c>event_callback</c>.</summary>
public sealed record SlackEventEnvelope(string Type, string? Challenge, string? EventId, string? EventType)
{
    public const string UrlVerification = "url_verification";

    public static SlackEventEnvelope Parse(string? contentType, string body)
    {
        if (contentType is null || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new SlackPayloadException($"Expected Content-Type application/json, got '{contentType}'.");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var type = Json.String(root, "type") ?? throw new SlackPayloadException("The event has no 'type'.");
            var inner = Json.Object(root, "event");
            return new SlackEventEnvelope(type, Json.String(root, "challenge"), Json.String(root, "event_id"), inner is { } e ? Json.String(e, "type") : null);
        }
        catch (JsonException ex)
        {
            throw new SlackPayloadException("The event body is not valid JSON.", ex);
        }
    }
}
