namespace Reconcile.Slack.Payloads;

/// <summary>
/// A button click (or other block element) in a message or view. <see cref="MessageTs"/> is absent
/// for ephemeral sources, so handlers must not rely on it.
/// </summary>
public sealed record BlockActionsPayload(
    string UserId,
    string? UserName,
    IReadOnlyList<BlockAction> Actions,
    string? ChannelId,
    string? MessageTs,
    Uri? ResponseUrl,
    string? TriggerId) : InteractionPayload;
