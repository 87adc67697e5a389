using Reconcile.Slack.Blocks;

namespace Reconcile.Slack.Commands;

/// <summary>One word after /recon. Registered in SlackSetup; the help text is generated from these.</summary>
public interface IReconSubCommand
{
    string Name { get; }

    /// <summary>How to call it, e.g. "status [flow]".</summary>
    string Usage { get; }

    /// <summary>One line saying what it does.</summary>
    string Help { get; }

    Task<SlackMessage> RunAsync(ReconCommandContext context, CancellationToken cancellationToken);
}
