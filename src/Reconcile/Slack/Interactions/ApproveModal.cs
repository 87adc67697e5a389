using Reconcile.Slack.Payloads;
using System.Globalization;
using System.Text.Json;
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
    public const string ReplayBlockId = "recon.approve.replay";
    public const string ReplayActionId = "replay";
    public const string ReplayOptionValue = "replay-after-approve";

    /// <param name="offerReplay">Offer "replay the authoritative values to the target after approving" (a replayable finding whose system has a writable connector).</param>
    public static JsonObject Build(ExceptionEntity exception, int minLength, bool offerReplay = false)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var modal = new JsonObject
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
        if (offerReplay)
        {
            modal["blocks"]!.AsArray().Add(ReplayOption(exception.System));
        }

        return modal;
    }

    /// <summary>True when the submitted modal's replay checkbox is ticked (<c>view.state.values</c>).</summary>
    public static bool ReplayRequested(JsonElement stateValues) =>
        stateValues.ValueKind == JsonValueKind.Object
        && stateValues.TryGetProperty(ReplayBlockId, out var block) && block.ValueKind == JsonValueKind.Object
        && block.TryGetProperty(ReplayActionId, out var action) && action.ValueKind == JsonValueKind.Object
        && action.TryGetProperty("selected_options", out var selected) && selected.ValueKind == JsonValueKind.Array
        && selected.EnumerateArray().Any(o => o.ValueKind == JsonValueKind.Object && o.TryGetProperty("value", out var value)
            && value.ValueKind == JsonValueKind.String && value.GetString() == ReplayOptionValue);

    private static JsonObject ReplayOption(string system) => new()
    {
        ["type"] = "input",
        ["block_id"] = ReplayBlockId,
        ["optional"] = true,
        ["label"] = BlockKit.PlainText("Linked replay"),
        ["element"] = new JsonObject
        {
            ["type"] = "checkboxes",
            ["action_id"] = ReplayActionId,
            ["options"] = new JsonArray(new JsonObject
            {
                ["text"] = BlockKit.PlainText($"Replay the authoritative values to {system} after approving"),
                ["value"] = ReplayOptionValue,
            }),
        },
    };

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

    /// <summary>
    /// The reason and corrective action typed into the modal (trimmed), and an error per field shorter than
    /// <paramref name="minLength"/> characters, keyed by block_id as Slack's <c>response_action: errors</c> expects.
    /// </summary>
    public static (string Reason, string Corrective, Dictionary<string, string> Errors) ReadAnswers(ViewSubmissionPayload payload, int minLength)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var reason = payload.InputValue(ReasonBlockId, ReasonActionId)?.Trim() ?? "";
        var corrective = payload.InputValue(CorrectiveBlockId, CorrectiveActionId)?.Trim() ?? "";
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reason.Length < minLength)
        {
            errors[ReasonBlockId] = $"Please say why this is acceptable (at least {minLength} characters).";
        }

        if (corrective.Length < minLength)
        {
            errors[CorrectiveBlockId] = $"Please describe the corrective action taken (at least {minLength} characters).";
        }

        return (reason, corrective, errors);
    }
}
