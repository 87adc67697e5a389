using Reconcile.Slack.Blocks;
using Reconcile.Slack.Payloads;

namespace Reconcile.Slack.Commands;

/// <summary>
/// /recon: dispatches the first word to a registered sub-command. Anything unknown, empty or
/// failing gets the help text, never a stack trace.
/// </summary>
public sealed class ReconCommand(IEnumerable<IReconSubCommand> subCommands, ILogger<ReconCommand> logger) : ISlashCommandHandler
{
    public const string Name = "/recon";

    private readonly List<IReconSubCommand> _subCommands = subCommands.ToList();

    public string Command => Name;

    public async Task<SlackMessage> HandleAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var words = command.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var subCommand = words.Length == 0
            ? null
            : _subCommands.FirstOrDefault(s => string.Equals(s.Name, words[0], StringComparison.OrdinalIgnoreCase));
        if (subCommand is null)
        {
            return HelpCommand.Build(_subCommands, words.Length == 0 ? null : words[0]);
        }

        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["SlackUser"] = command.UserId, ["SubCommand"] = subCommand.Name });
        return await subCommand.RunAsync(new ReconCommandContext(command, words[1..], _subCommands), cancellationToken);
    }
}
