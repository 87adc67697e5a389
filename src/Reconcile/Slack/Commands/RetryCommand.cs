using System.Globalization;
using System.Text.RegularExpressions;
using Reconcile.Data;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Outbox;
using Reconcile.Workflow;

namespace Reconcile.Slack.Commands;

/// <summary>
/// <c>/recon retry [#channel]</c> (admins): after fixing why Slack refused posts (inviting the bot, unarchiving a
/// channel, reinstalling the app), sends the refused posts again — of one channel, or of every channel.
/// A channel arrives as Slack writes a channel mention (<c>&lt;#C123|name&gt;</c>) or as a bare id.
/// </summary>
public sealed partial class RetryCommand(OwnerDirectory owners, OutboxRetries retries, ReconcileDbContext db) : IReconSubCommand
{
    public string Name => "retry";
    public string Usage => "retry [#channel]";
    public string Help => "Admins: send again the posts Slack refused (after inviting the bot or fixing the channel).";

    public async Task<SlackMessage> RunAsync(ReconCommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.Command.UserId;
        if (!owners.IsAdmin(user))
        {
            return SlackMessage.Plain("Only Reconcile admins can retry refused posts. Nothing was re-queued.");
        }

        string? channel = null;
        if (context.Arguments.Count > 0)
        {
            var match = ChannelArgument().Match(context.Arguments[0]);
            if (!match.Success)
            {
                return SlackMessage.Plain($"`{SlackText.Escape(context.Arguments[0])}` is not a channel. Usage: `{ReconCommand.Name} {Usage}`.");
            }

            channel = match.Groups["id"].Value;
        }

        var count = await retries.RequeueRefusedAsync(db, channel, $"slack:{user}", cancellationToken);
        var where = channel is null ? "" : $" for <#{channel}>";
        return SlackMessage.Plain(count == 0
            ? $"No refused posts{where} to retry."
            : string.Create(CultureInfo.InvariantCulture, $"Re-queued {count} refused post(s){where}; they go out now. If Slack refuses again, the admins are told why."));
    }

    [GeneratedRegex(@"^(?:<#(?<id>[CGD][A-Z0-9]+)(?:\|[^>]*)?>|(?<id>[CGD][A-Z0-9]+))$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ChannelArgument();
}
