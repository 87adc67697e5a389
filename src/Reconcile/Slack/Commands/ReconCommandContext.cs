using Reconcile.Slack.Payloads;

namespace Reconcile.Slack.Commands;

/// <summary>A parsed /recon invocation: the sub-command's arguments, and every sub-command (for help).</summary>
public sealed record ReconCommandContext(SlashCommand Command, IReadOnlyList<string> Arguments, IReadOnlyList<IReconSubCommand> SubCommands);
