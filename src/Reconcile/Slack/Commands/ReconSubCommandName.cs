namespace Reconcile.Slack.Commands;

/// <summary>One registered /recon sub-command word (lower-case), in registration order: the order help lists them.</summary>
public sealed record ReconSubCommandName(string Name);
