using Reconcile.Slack.Blocks;
using Reconcile.Slack.Payloads;

namespace Reconcile.Slack.Commands;

/// <summary>
/// /recon: dispatches the first word to the sub-command registered under it (resolving only that one). Anything unknown, empty or
/// failing gets the help text, never a stack trace.
/// </summary>
public sealed class ReconCommand(ReconSubCommands subCommands, ILogger<ReconCommand> logger) : ISlashCommandHandler
{
    public const string Name = "/recon";

    public string Command => Name;

    public async Task<SlackMessage> HandleAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var words = command.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var subCommand = words.Length == 0 ? null : subCommands.Named(words[0]) is [var first, ..] ? first : null;
        if (subCommand is null)
        {
            return HelpCommand.Build(subCommands.All(), words.Length == 0 ? null : words[0]);
        }

        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["SlackUser"] = command.UserId, ["SubCommand"] = subCommand.Name });
        return await subCommand.RunAsync(new ReconCommandContext(command, words[1..], subCommands), cancellationToken);
    }
}
