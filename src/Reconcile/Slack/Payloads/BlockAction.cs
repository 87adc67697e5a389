namespace Reconcile.Slack.Payloads;

/// <summary>One element of a block_actions payload's <c>actions</c> array.</summary>
public sealed record BlockAction(string ActionId, string? BlockId, string? Value, string? Type);
