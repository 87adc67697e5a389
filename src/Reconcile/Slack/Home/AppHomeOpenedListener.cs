using Reconcile.Slack.Events;
using Reconcile.Slack.Payloads;

namespace Reconcile.Slack.Home;

/// <summary>
/// <c>app_home_opened</c> on the Home tab: publishes the viewer's tab and remembers them, so the tab follows their
/// exceptions afterwards (<see cref="HomeRefresher"/>). The Messages tab is ignored. Source: Slack's
/// app_home_opened event reference (fields <c>user</c>, <c>tab</c>).
/// </summary>
public sealed class AppHomeOpenedListener(HomePublisher publisher, HomeViewers viewers, ILogger<AppHomeOpenedListener> logger) : ISlackEventListener
{
    public const string Type = "app_home_opened";

    public string EventType => Type;

    public async Task HandleAsync(SlackEventEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.EventField("user") is not { } user || envelope.EventField("tab") is not "home")
        {
            return;
        }

        viewers.Opened(user);
        try
        {
            await publisher.PublishAsync(user, cancellationToken);
        }
        catch (Api.SlackApiException ex)
        {
            logger.LogWarning("Could not publish the Home tab of {SlackUser}: {SlackError}", user, ex.Error);
        }
    }
}
