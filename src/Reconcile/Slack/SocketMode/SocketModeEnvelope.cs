using System.Text.Json;

namespace Reconcile.Slack.SocketMode;

/// <summary>
/// One frame from Slack's Socket Mode WebSocket: <c>hello</c>, <c>disconnect</c> (with a <see cref="Reason"/> such as
/// <c>refresh_requested</c>), or an envelope (<c>slash_commands</c>, <c>interactive</c>, <c>events_api</c>) whose
/// <see cref="Payload"/> has the shape of the HTTP body and must be acknowledged with its <see cref="EnvelopeId"/>
/// within 3 s. Source: Slack's Socket Mode documentation.
/// </summary>
public sealed record SocketModeEnvelope(string Type, string? EnvelopeId, JsonElement Payload, bool AcceptsResponsePayload, string? Reason, int RetryAttempt)
{
    public const string Hello = "hello";
    public const string Disconnect = "disconnect";
    public const string SlashCommands = "slash_commands";
    public const string Interactive = "interactive";
    public const string EventsApi = "events_api";

    /// <summary>The frame, or null when it is not a JSON object with a <c>type</c> (logged and skipped by the caller).</summary>
    public static SocketModeEnvelope? Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            return new SocketModeEnvelope(
                type.GetString()!,
                String(root, "envelope_id"),
                root.TryGetProperty("payload", out var payload) ? payload.Clone() : default,
                root.TryGetProperty("accepts_response_payload", out var accepts) && accepts.ValueKind == JsonValueKind.True,
                String(root, "reason"),
                root.TryGetProperty("retry_attempt", out var retry) && retry.TryGetInt32(out var attempt) ? attempt : 0);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
