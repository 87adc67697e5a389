using Reconcile.Slack.Payloads;

namespace Reconcile.Slack.Events;

/// <summary>
/// Handles one Events API event type (e.g. <c>member_joined_channel</c>, <c>app_home_opened</c>). Runs after the
/// event was acknowledged, in its own scope, whether it came over HTTP or Socket Mode; a repeated event_id never
/// reaches it twice.
/// </summary>
public interface ISlackEventListener
{
    string EventType { get; }

    Task HandleAsync(SlackEventEnvelope envelope, CancellationToken cancellationToken);
}
