using Reconcile.Slack.Payloads;
using Reconcile.Workflow;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// Replay: the state change to replaying is made and saved within the click's three seconds; the
/// write, retries and read-back run afterwards in <see cref="ReplayWorker"/>.
/// </summary>
public sealed class ReplayButtonHandler(ExceptionDecision decision, ReplayStart replay, ReplayWorker worker) : IBlockActionHandler
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

        if (await replay.StartAsync(click.ExceptionId, click.ReplyTo, cancellationToken) is { } request)
        {
            worker.Enqueue(request);
        }
    }
}
