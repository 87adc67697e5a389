namespace Reconcile.Slack.Commands;

/// <summary>
/// The /recon sub-commands registered in SlackSetup, resolved on demand: <see cref="Named"/> builds only the
/// sub-commands under one word; <see cref="All"/> builds every one, which only help needs.
/// </summary>
public sealed class ReconSubCommands(IServiceProvider services, IEnumerable<ReconSubCommandName> names)
{
    private readonly List<string> _names = [.. names.Select(n => n.Name).Distinct(StringComparer.Ordinal)];

    /// <summary>The sub-commands registered under <paramref name="word"/> (any case), in registration order; empty when none.</summary>
    public IReadOnlyList<IReconSubCommand> Named(string word) =>
        [.. services.GetKeyedServices<IReconSubCommand>(SlackHandlers.CommandKey(word))];

    /// <summary>Every sub-command, in the order help lists them.</summary>
    public IReadOnlyList<IReconSubCommand> All() => [.. _names.SelectMany(Named)];
}
