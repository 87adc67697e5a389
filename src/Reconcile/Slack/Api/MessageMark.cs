using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reconcile.Slack.Api;

/// <summary>
/// The outbox row a message was posted for, carried in the message's metadata (Slack "message metadata":
/// <c>metadata.event_type</c> and <c>metadata.event_payload</c> on chat.postMessage, returned by
/// conversations.history / conversations.replies with <c>include_all_metadata</c>). It lets a retry find
/// out whether an earlier attempt reached the channel. The row's creation time tells apart two Reconcile
/// installations whose row ids collide in one channel.
/// </summary>
/// <param name="RowId">The outbox row's id.</param>
/// <param name="CreatedAt">When the row was written; the channel is searched from shortly before it.</param>
public sealed record MessageMark(long RowId, DateTimeOffset CreatedAt)
{
    public const string EventType = "reconcile_outbox_row";

    private string Created => CreatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>Slack's <c>oldest</c> parameter (Unix seconds): a few minutes before the row, to allow for clock skew.</summary>
    public string Oldest => (CreatedAt - TimeSpan.FromMinutes(5)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + ".000000";

    /// <summary>The <c>metadata</c> object for chat.postMessage.</summary>
    public JsonObject ToMetadata() => new()
    {
        ["event_type"] = EventType,
        ["event_payload"] = new JsonObject { ["outbox_row"] = RowId.ToString(CultureInfo.InvariantCulture), ["created_ms"] = Created },
    };

    /// <summary>True when <paramref name="message"/> (one item of a history answer's <c>messages</c>) carries this mark.</summary>
    public bool IsOn(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object
        && message.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && Text(metadata, "event_type") == EventType
        && metadata.TryGetProperty("event_payload", out var payload) && payload.ValueKind == JsonValueKind.Object
        && Text(payload, "outbox_row") == RowId.ToString(CultureInfo.InvariantCulture)
        && Text(payload, "created_ms") == Created;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
