using Reconcile.Hosting;
using Reconcile.Slack.Payloads;
using Reconcile.Workflow;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// Replay: the state change to replaying is made and saved within the click's three seconds; the
/// write, retries and read-back run afterwards in <see cref="ReplayJob"/>.
/// </summary>
public sealed class ReplayButtonHandler(ExceptionDecision decision, ReplayStart replay, HandOff handOff) : IBlockActionHandler
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
            await handOff.StartAsync(ReplayJob.Key, ReplayJob.Data(request), cancellationToken);
        }
    }
}
