using System.Text.Json.Nodes;

namespace Reconcile.Tests.Slack.Fakes;

/// <summary>A message the fake Slack holds in a channel: what conversations.history returns.</summary>
public sealed record HeldMessage(string Channel, string Ts, string? ThreadTs, JsonObject? Metadata, string Text);
