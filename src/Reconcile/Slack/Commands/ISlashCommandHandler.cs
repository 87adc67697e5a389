using Reconcile.Slack.Blocks;
using Reconcile.Slack.Payloads;

namespace Reconcile.Slack.Commands;

/// <summary>Answers one slash command within Slack's 3 seconds; the reply is ephemeral.</summary>
public interface ISlashCommandHandler
{
    /// <summary>The command as Slack sends it, e.g. "/recon"; must match slack-app-manifest.yml.</summary>
    string Command { get; }

    Task<SlackMessage> HandleAsync(SlashCommand command, CancellationToken cancellationToken);
}
