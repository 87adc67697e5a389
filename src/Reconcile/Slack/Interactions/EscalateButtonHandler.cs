using Reconcile.Lifecycle;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Payloads;
using Reconcile.Topology;
using Reconcile.Workflow;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// Escalate: hands the exception to the current owner's EscalateTo with a new SLA. The click must be
/// on the latest version of the message, so a double click escalates once, not twice.
/// </summary>
public sealed class EscalateButtonHandler(ExceptionDecision decision, ExceptionTransitions transitions, EscalationChain chain, TimeProvider time) : IBlockActionHandler
{
    public string ActionId => ExceptionActionIds.Escalate;

    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (ExceptionClick.From(payload, action) is not { } click)
        {
            await decision.RefuseAsync(new ReplyTo(payload.UserId, payload.ResponseUrl, payload.ChannelId), "That button carries no exception id. Nothing was changed.", cancellationToken);
            return;
        }

        await decision.DecideAsync(click.ExceptionId, WorkflowAction.Escalate, click.ReplyTo, click.SeenVersion,
            (db, exception) =>
            {
                if (chain.Next(exception.Owner) is not { } next)
                {
                    return $"{SlackText.Escape(exception.Owner)} is the end of the escalation chain: there is nobody to escalate to. Nothing was changed.";
                }

                transitions.Escalate(db, exception, payload.UserId, next, chain.DueAt(next, time.GetUtcNow()), "escalated from Slack");
                return null;
            },
            cancellationToken);
    }
}
