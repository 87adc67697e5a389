using System.Globalization;
using System.Text.Json.Nodes;
using Reconcile.Data.Entities;
using Reconcile.Slack.Blocks;

namespace Reconcile.Slack.Interactions;

/// <summary>The Approve modal: a required reason and the corrective action taken. Ids are stable (open modals carry them).</summary>
public static class ApproveModal
{
    public const string CallbackId = "recon.approve.submit";
    public const string ReasonBlockId = "recon.approve.reason";
    public const string ReasonActionId = "reason";
    public const string CorrectiveBlockId = "recon.approve.corrective";
    public const string CorrectiveActionId = "corrective";

    public static JsonObject Build(ExceptionEntity exception, int minLength)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = CallbackId,
            ["private_metadata"] = exception.Id.ToString(CultureInfo.InvariantCulture),
            ["title"] = BlockKit.PlainText("Approve exception"),
            ["submit"] = BlockKit.PlainText("Approve"),
            ["close"] = BlockKit.PlainText("Cancel"),
            ["blocks"] = new JsonArray
            {
                BlockKit.Section($"*{SlackText.Escape(ExceptionMessage.Title(exception))}*\nApproving resolves it as is, on the record with your reason."),
                Input(ReasonBlockId, ReasonActionId, "Why is this acceptable?", "e.g. the customer was refunded by hand", minLength),
                Input(CorrectiveBlockId, CorrectiveActionId, "Corrective action taken", "e.g. corrected the promo tag in the CRM", minLength),
            },
        };
    }

    public static long? ExceptionId(string? privateMetadata) =>
        long.TryParse(privateMetadata, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static JsonObject Input(string blockId, string actionId, string label, string placeholder, int minLength) => new()
    {
        ["type"] = "input",
        ["block_id"] = blockId,
        ["label"] = BlockKit.PlainText(label),
        ["element"] = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = actionId,
            ["multiline"] = true,
            ["min_length"] = minLength,
            ["max_length"] = 2000,
            ["placeholder"] = BlockKit.PlainText(placeholder),
        },
    };
}
