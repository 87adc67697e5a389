using System.Globalization;
using System.Text.Json.Nodes;
using Reconcile.Slack.Blocks;

namespace Reconcile.Reporting;

/// <summary>
/// Packs parts (a title and its items) into messages of at most 50 blocks, Slack's limit: the first is
/// the post, the rest go into its thread. A part stays whole unless it alone exceeds a message.
/// </summary>
public static class MessageSplitter
{
    public static IReadOnlyList<SlackMessage> Split(string text, IReadOnlyList<IReadOnlyList<JsonObject>> parts, int maxBlocks = SlackText.MaxBlocks)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var messages = new List<JsonArray> { new() };
        foreach (var part in parts)
        {
            if (messages[^1].Count > 0 && messages[^1].Count + part.Count > maxBlocks)
            {
                messages.Add([]);
            }

            foreach (var block in part)
            {
                if (messages[^1].Count == maxBlocks)
                {
                    messages.Add([]);
                }

                messages[^1].Add(block.DeepClone());
            }
        }

        return [.. messages.Select((blocks, i) => new SlackMessage(
            i == 0 ? text : string.Create(CultureInfo.InvariantCulture, $"{text} (continued, {i + 1}/{messages.Count})"), blocks))];
    }
}
