using Reconcile.Slack.Payloads;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// Handles clicks on one action_id. A handler that decides something runs inside Slack's 3-second acknowledgement:
/// do the quick, transactional part (state change + outbox rows) and hand anything slow to the background. One
/// registered with <see cref="ClickAcknowledgement.Immediate"/> runs after the acknowledgement. A handler that
/// throws has its user told privately through the click's response_url.
/// </summary>
public interface IBlockActionHandler
{
    string ActionId { get; }

    Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken);
}
