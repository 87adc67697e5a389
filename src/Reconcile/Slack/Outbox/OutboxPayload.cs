using System.Globalization;
using System.Text.Json.Nodes;
using Reconcile.Slack.Blocks;

namespace Reconcile.Slack.Outbox;

/// <summary>
/// What an outbox row's Payload column holds: the message, plus two delivery instructions that never
/// reach Slack — thread this reply under the exception's message, and (for a flood summary) which
/// exceptions to post in the summary's thread once its ts is known.
/// </summary>
public sealed record OutboxPayload(SlackMessage Message, bool ReplyToException = false, IReadOnlyList<long>? ThreadExceptionIds = null)
{
    private const string ReplyKey = "reconcileReplyToException";
    private const string ThreadKey = "reconcileThreadExceptionIds";

    public string ToJsonString()
    {
        var json = Message.ToJson();
        if (ReplyToException)
        {
            json[ReplyKey] = true;
        }

        if (ThreadExceptionIds is { Count: > 0 } ids)
        {
            json[ThreadKey] = new JsonArray(ids.Select(id => (JsonNode)id).ToArray());
        }

        return json.ToJsonString();
    }

    public static OutboxPayload Parse(string json)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("Outbox payload is not a JSON object.");
        var reply = node[ReplyKey]?.GetValue<bool>() ?? false;
        var ids = (node[ThreadKey] as JsonArray)?.Select(i => Convert.ToInt64(i!.ToString(), CultureInfo.InvariantCulture)).ToList();
        return new OutboxPayload(SlackMessage.FromJson(json), reply, ids);
    }
}
