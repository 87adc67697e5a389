using Reconcile.Reconciliation.Connectors;
using Reconcile.Slack.Payloads;
using Reconcile.Workflow;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// Replay: the state change to replaying is made and saved within the click's three seconds; the
/// write, retries and read-back run afterwards in <see cref="ReplayWorker"/>.
/// </summary>
public sealed class ReplayButtonHandler(ExceptionDecision decision, ExceptionTransitions transitions, RecordConnectors connectors, ReplayWorker worker) : IBlockActionHandler
{
    public string ActionId => ExceptionActionIds.Replay;

    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (ExceptionClick.From(payload, action) is not { } click)
        {
            await decision.RefuseAsync(new ReplyTo(payload.UserId, payload.ResponseUrl, payload.ChannelId), "That button carries no exception id. Nothing was changed.", cancellationToken);
            return;
        }

        var previousState = "";
        var started = await decision.DecideAsync(click.ExceptionId, WorkflowAction.Replay, click.ReplyTo, seenVersion: null,
            (db, exception) =>
            {
                if (AuthoritativeRecord.WhyNotReplayable(exception, connectors.For(exception.System) is not null) is { } why)
                {
                    return why;
                }

                previousState = exception.State;
                transitions.StartReplay(db, exception, payload.UserId, exception.System);
                return null;
            },
            cancellationToken);
        if (started is not null)
        {
            worker.Enqueue(new ReplayRequest(started.Id, started.Version, previousState, payload.UserId));
        }
    }
}
