using Reconcile.Slack.Commands;
using Reconcile.Slack.Events;
using Reconcile.Slack.Interactions;

namespace Reconcile.Slack;

/// <summary>
/// Registers Slack handlers as keyed services, keyed by the id Slack sends (command name, sub-command word,
/// action_id, callback_id), so a request resolves only the one handler it names — like SlackNet's handler index.
/// Command and sub-command keys are lower-case: Slack users type them in any case.
/// </summary>
public static class SlackHandlers
{
    /// <summary>The key a slash command or /recon sub-command is registered and looked up under.</summary>
    public static string CommandKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant();
    }

    public static IServiceCollection AddSlashCommand<THandler>(this IServiceCollection services, string command)
        where THandler : class, ISlashCommandHandler =>
        services.AddKeyedScoped<ISlashCommandHandler, THandler>(CommandKey(command));

    /// <summary>Sub-commands are listed by help in the order they are added; two with one name are tried in that order.</summary>
    public static IServiceCollection AddReconSubCommand<THandler>(this IServiceCollection services, string name)
        where THandler : class, IReconSubCommand
    {
        services.AddSingleton(new ReconSubCommandName(CommandKey(name)));
        return services.AddKeyedScoped<IReconSubCommand, THandler>(CommandKey(name));
    }

    /// <summary>
    /// Registers the handler of one action_id and when its clicks are acknowledged (by default once the handler has
    /// saved its decision, see <see cref="ClickAcknowledgement"/>).
    /// </summary>
    public static IServiceCollection AddBlockActionHandler<THandler>(this IServiceCollection services, string actionId, ClickAcknowledgement? acknowledgement = null)
        where THandler : class, IBlockActionHandler
    {
        services.AddKeyedSingleton(actionId, acknowledgement ?? ClickAcknowledgement.AfterDecision);
        return services.AddKeyedScoped<IBlockActionHandler, THandler>(actionId);
    }

    public static IServiceCollection AddViewSubmissionHandler<THandler>(this IServiceCollection services, string callbackId)
        where THandler : class, IViewSubmissionHandler =>
        services.AddKeyedScoped<IViewSubmissionHandler, THandler>(callbackId);

    public static IServiceCollection AddEventListener<THandler>(this IServiceCollection services, string eventType)
        where THandler : class, ISlackEventListener =>
        services.AddKeyedScoped<ISlackEventListener, THandler>(eventType);
}
