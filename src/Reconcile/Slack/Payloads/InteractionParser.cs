using System.Text.Json;

namespace Reconcile.Slack.Payloads;

/// <summary>
/// Reads the URL-encoded JSON in an interaction's <c>payload</c> field. Unknown fields are ignored;
/// missing essentials raise <see cref="SlackPayloadException"/> with a message fit for a 400.
/// </summary>
public static class InteractionParser
{
    public static InteractionPayload Parse(string? payloadJson)
    {
        if (string.IsNullOrWhiteSpace(payloadJson))
        {
            throw new SlackPayloadException("Interaction without a 'payload' form field.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payloadJson);
        }
        catch (JsonException ex)
        {
            throw new SlackPayloadException("The 'payload' field is not valid JSON.", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new SlackPayloadException("The 'payload' field is not a JSON object.");
            }

            return Json.String(root, "type") switch
            {
                InteractionPayload.BlockActions => ParseBlockActions(root),
                InteractionPayload.ViewSubmission => ParseViewSubmission(root),
                null => throw new SlackPayloadException("The payload has no 'type'."),
                var other => throw new SlackPayloadException($"Interaction type '{other}' is not supported."),
            };
        }
    }

    private static BlockActionsPayload ParseBlockActions(JsonElement root)
    {
        var (userId, userName) = User(root);
        if (!root.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array || actions.GetArrayLength() == 0)
        {
            throw new SlackPayloadException("block_actions payload without an 'actions' array.");
        }

        var parsed = new List<BlockAction>();
        foreach (var action in actions.EnumerateArray())
        {
            var actionId = action.ValueKind == JsonValueKind.Object ? Json.String(action, "action_id") : null;
            if (string.IsNullOrEmpty(actionId))
            {
                throw new SlackPayloadException("block_actions payload with an action that has no 'action_id'.");
            }

            parsed.Add(new BlockAction(actionId, Json.String(action, "block_id"), Json.String(action, "value"), Json.String(action, "type")));
        }

        var container = Json.Object(root, "container");
        var channel = Json.Object(root, "channel");
        var message = Json.Object(root, "message");
        return new BlockActionsPayload(
            userId,
            userName,
            parsed,
            (channel is { } c ? Json.String(c, "id") : null) ?? (container is { } k ? Json.String(k, "channel_id") : null),
            (message is { } m ? Json.String(m, "ts") : null) ?? (container is { } t ? Json.String(t, "message_ts") : null),
            SlackForm.AbsoluteUri(Json.String(root, "response_url")),
            Json.String(root, "trigger_id"));
    }

    private static ViewSubmissionPayload ParseViewSubmission(JsonElement root)
    {
        var (userId, userName) = User(root);
        var view = Json.Object(root, "view") ?? throw new SlackPayloadException("view_submission payload without a 'view'.");
        var callbackId = Json.String(view, "callback_id");
        if (string.IsNullOrEmpty(callbackId))
        {
            throw new SlackPayloadException("view_submission payload without 'view.callback_id'.");
        }

        var state = Json.Object(view, "state") is { } s && Json.Object(s, "values") is { } values ? values.Clone() : default;
        return new ViewSubmissionPayload(
            userId, userName, Json.String(view, "id") ?? "", callbackId, Json.String(view, "private_metadata"), state, Json.String(root, "trigger_id"));
    }

    private static (string Id, string? Name) User(JsonElement root)
    {
        var user = Json.Object(root, "user");
        var id = user is { } u ? Json.String(u, "id") : null;
        if (string.IsNullOrEmpty(id))
        {
            throw new SlackPayloadException("Interaction payload without 'user.id'.");
        }

        return (id, Json.String(user!.Value, "username") ?? Json.String(user.Value, "name"));
    }
}
