using System.Text.Json.Nodes;
using Reconcile.Slack.Blocks;

namespace Reconcile.Slack.Commands;

/// <summary><c>/recon help</c>: the usage of every registered sub-command, generated from the list.</summary>
public sealed class HelpCommand : IReconSubCommand
{
    public string Name => "help";
    public string Usage => "help";
    public string Help => "Show this list.";

    public Task<SlackMessage> RunAsync(ReconCommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(Build(context.SubCommands.All(), unknown: null));
    }

    public static SlackMessage Build(IEnumerable<IReconSubCommand> subCommands, string? unknown)
    {
        var lines = subCommands.Select(s => $"• `{ReconCommand.Name} {SlackText.Escape(s.Usage)}` — {SlackText.Escape(s.Help)}").ToList();
        var intro = unknown is null
            ? "*Reconcile commands*"
            : $"Sorry, I don't know `{SlackText.Escape(SlackText.Truncate(unknown, 50))}`. *Reconcile commands*";
        var text = intro + "\n" + string.Join('\n', lines);
        return new SlackMessage(SlackText.Truncate(text.Replace("*", "", StringComparison.Ordinal), SlackText.MaxMessageText), new JsonArray { BlockKit.Section(text) });
    }
}
