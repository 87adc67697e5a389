using System.Text.Json;

namespace Reconcile.Slack.Payloads;

/// <summary>A modal's submit; <see cref="StateValues"/> is <c>view.state.values</c> (block_id → action_id → value).</summary>
public sealed record ViewSubmissionPayload(
    string UserId,
    string? UserName,
    string ViewId,
    string CallbackId,
    string? PrivateMetadata,
    JsonElement StateValues,
    string? TriggerId) : InteractionPayload
{
    /// <summary>The value of a plain-text input, or null when the block or action is absent.</summary>
    public string? InputValue(string blockId, string actionId) =>
        StateValues.ValueKind == JsonValueKind.Object
        && StateValues.TryGetProperty(blockId, out var block) && block.ValueKind == JsonValueKind.Object
        && block.TryGetProperty(actionId, out var action) && action.ValueKind == JsonValueKind.Object
        && action.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
