using System.Text.Json.Nodes;

namespace Reconcile.Slack.Blocks;

/// <summary>Block Kit element constructors that enforce Slack's per-element limits.</summary>
public static class BlockKit
{
    public static JsonObject Header(string text, string? blockId = null) =>
        WithId(new JsonObject { ["type"] = "header", ["text"] = PlainText(SlackText.Truncate(text, SlackText.MaxHeader)) }, blockId);

    public static JsonObject Section(string mrkdwn, string? blockId = null) =>
        WithId(new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(SlackText.Truncate(mrkdwn, SlackText.MaxSection)) }, blockId);

    public static JsonObject Context(IEnumerable<string> mrkdwn, string? blockId = null)
    {
        var elements = new JsonArray();
        foreach (var text in mrkdwn.Take(10))
        {
            elements.Add(Mrkdwn(SlackText.Truncate(text, SlackText.MaxContextElement)));
        }

        return WithId(new JsonObject { ["type"] = "context", ["elements"] = elements }, blockId);
    }

    public static JsonObject Actions(string blockId, params JsonObject[] elements) =>
        new() { ["type"] = "actions", ["block_id"] = blockId, ["elements"] = new JsonArray(elements) };

    public static JsonObject Button(string text, string actionId, string value, string? style = null, JsonObject? confirm = null)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = actionId,
            ["text"] = PlainText(SlackText.Truncate(text, SlackText.MaxButton)),
            ["value"] = value,
        };
        if (style is not null)
        {
            button["style"] = style;
        }

        if (confirm is not null)
        {
            button["confirm"] = confirm;
        }

        return button;
    }

    public static JsonObject Confirm(string title, string text, string confirm, string deny = "Cancel", string? style = null)
    {
        var dialog = new JsonObject
        {
            ["title"] = PlainText(SlackText.Truncate(title, 100)),
            ["text"] = Mrkdwn(SlackText.Truncate(text, 300)),
            ["confirm"] = PlainText(SlackText.Truncate(confirm, 30)),
            ["deny"] = PlainText(SlackText.Truncate(deny, 30)),
        };
        if (style is not null)
        {
            dialog["style"] = style;
        }

        return dialog;
    }

    public static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    public static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject WithId(JsonObject block, string? blockId)
    {
        if (blockId is not null)
        {
            block["block_id"] = SlackText.Truncate(blockId, 255);
        }

        return block;
    }
}
