using System.Globalization;
using System.Text.Json.Nodes;
using Reconcile.Slack.Blocks;

namespace Reconcile.Slack.Interactions;

/// <summary>The bulk Approve modal: one reason and one corrective action for a group of identical exceptions.</summary>
public static class BulkApproveModal
{
    public static JsonObject Build(string cause, IReadOnlyList<long> ids, int minLength)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var count = ids.Count.ToString(CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = BulkApproval.CallbackId,
            ["private_metadata"] = BulkApproval.TryEncode(ids),
            ["title"] = BlockKit.PlainText("Approve the group"),
            ["submit"] = BlockKit.PlainText($"Approve {count}"),
            ["close"] = BlockKit.PlainText("Cancel"),
            ["blocks"] = new JsonArray
            {
                BlockKit.Section($"*{count} open exceptions:* {cause}\nEach is approved on its own, on the record with this reason; any already decided is left alone."),
                Input(ApproveModal.ReasonBlockId, ApproveModal.ReasonActionId, "Why is this acceptable for all of them?", minLength),
                Input(ApproveModal.CorrectiveBlockId, ApproveModal.CorrectiveActionId, "Corrective action taken", minLength),
            },
        };
    }

    private static JsonObject Input(string blockId, string actionId, string label, int minLength) => new()
    {
        ["type"] = "input",
        ["block_id"] = blockId,
        ["label"] = BlockKit.PlainText(label),
        ["element"] = new JsonObject
        {
            ["type"] = "plain_text_input", ["action_id"] = actionId, ["multiline"] = true, ["min_length"] = minLength, ["max_length"] = 2000,
        },
    };
}
