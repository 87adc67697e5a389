using System.Text;
using System.Text.Json.Nodes;

namespace Reconcile.Slack.Blocks;

/// <summary>A message body: the notification fallback <see cref="Text"/> plus Block Kit blocks.</summary>
public sealed record SlackMessage(string Text, JsonArray Blocks)
{
    public static SlackMessage Plain(string text) => new(SlackText.Truncate(text, SlackText.MaxMessageText), []);

    /// <summary>A fresh object each call: JSON nodes have one parent, so callers may add fields to it.</summary>
    public JsonObject ToJson() => new() { ["text"] = Text, ["blocks"] = Blocks.DeepClone() };

    public string ToJsonString() => ToJson().ToJsonString();

    public static SlackMessage FromJson(string json)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("A Slack message must be a JSON object.");
        var text = node["text"]?.GetValue<string>() ?? "";
        var blocks = node["blocks"] as JsonArray ?? [];
        return new SlackMessage(text, (JsonArray)blocks.DeepClone());
    }

    /// <summary>What a reader would see: header, sections and context, one per line (for the log when Slack is not connected).</summary>
    public string Render()
    {
        var lines = new StringBuilder(Text);
        foreach (var block in Blocks.OfType<JsonObject>())
        {
            if (block["text"]?["text"]?.GetValue<string>() is { } blockText)
            {
                lines.Append('\n').Append(blockText);
            }

            if (block["accessory"]?["text"]?["text"]?.GetValue<string>() is { } accessory)
            {
                lines.Append(" [").Append(accessory).Append(']');
            }

            foreach (var element in (block["elements"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (element["text"] is JsonValue value && value.TryGetValue<string>(out var line))
                {
                    lines.Append('\n').Append(line);
                }
                else if (element["text"]?["text"]?.GetValue<string>() is { } label)
                {
                    lines.Append("\n[").Append(label).Append(']');
                }
            }
        }

        return lines.ToString();
    }
}
