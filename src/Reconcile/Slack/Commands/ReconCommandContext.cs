using Reconcile.Slack.Payloads;

namespace Reconcile.Slack.Commands;

/// <summary>A parsed /recon invocation: the sub-command's arguments, and the registered sub-commands (for help and hand-on).</summary>
public sealed record ReconCommandContext(SlashCommand Command, IReadOnlyList<string> Arguments, ReconSubCommands SubCommands);
