using Reconcile.Slack.Payloads;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// Handles clicks on one action_id. Runs inside Slack's 3-second acknowledgement: do the quick,
/// transactional part (state change + outbox rows) and hand anything slow to the background.
/// </summary>
public interface IBlockActionHandler
{
    string ActionId { get; }

    Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken);
}
