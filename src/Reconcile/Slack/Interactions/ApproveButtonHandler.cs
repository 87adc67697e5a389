using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Lifecycle;
using Reconcile.Reconciliation.Connectors;
using Reconcile.Slack.Api;
using Reconcile.Slack.Notifications;
using Reconcile.Slack.Payloads;
using Reconcile.Workflow;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// Approve: opens the reason modal with the click's trigger_id, which expires three seconds after the
/// click — so only a primary-key read and an in-memory membership check come before views.open. The
/// decision itself is made on submit (<see cref="ApproveSubmissionHandler"/>).
/// </summary>
public sealed class ApproveButtonHandler(
    ReconcileDbContext db, SlackApiClient api, OwnerDirectory owners, ExceptionDecision decision, WorkflowReplies replies,
    IOptions<WorkflowOptions> options, RecordConnectors connectors, ILogger<ApproveButtonHandler> logger) : IBlockActionHandler
{
    public string ActionId => ExceptionActionIds.Approve;

    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (ExceptionClick.From(payload, action) is not { } click)
        {
            await decision.RefuseAsync(new ReplyTo(payload.UserId, payload.ResponseUrl, payload.ChannelId), "That button carries no exception id. Nothing was changed.", cancellationToken);
            return;
        }

        var exception = await db.Exceptions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == click.ExceptionId, cancellationToken);
        if (exception is null || !ExceptionTransitions.Allows(exception.State, WorkflowAction.Approve))
        {
            var text = exception is null ? $"Exception {click.ExceptionId} does not exist." : await replies.AlreadyActedAsync(db, exception, cancellationToken);
            await decision.RefuseAsync(click.ReplyTo, text, cancellationToken);
            return;
        }

        // Unknown (a user group not cached yet) still opens the modal: the submit checks membership in full.
        var authorization = await owners.AuthorizeAsync(exception, WorkflowAction.Approve, payload.UserId, lookUp: false, cancellationToken);
        if (authorization == Authorization.Denied)
        {
            await decision.DenyAsync(exception, WorkflowAction.Approve, click.ReplyTo, cancellationToken);
            return;
        }

        try
        {
            var offerReplay = AuthoritativeRecord.WhyNotReplayable(exception, connectors.For(exception.System) is not null) is null;
            await api.OpenViewAsync(payload.TriggerId ?? "", ApproveModal.Build(exception, options.Value.MinReasonLength, offerReplay), cancellationToken);
            if (authorization == Authorization.Unknown)
            {
                // The trigger is spent: now there is time to fill the user-group cache, so the submit answers fast.
                await owners.AuthorizeAsync(exception, WorkflowAction.Approve, payload.UserId, lookUp: true, cancellationToken);
            }
        }
        catch (SlackApiException ex)
        {
            logger.LogWarning("Could not open the Approve modal for exception {ExceptionId}: {SlackError}", exception.Id, ex.Error);
            var text = ex.Error is "timeout" or "expired_trigger_id" or "invalid_trigger_id"
                ? "Slack didn't open the approval form in time (a click is only valid for 3 seconds). Nothing was changed; please click Approve again."
                : $"Slack would not open the approval form ({ex.Error}). Nothing was changed; please click Approve again.";
            await decision.RefuseAsync(click.ReplyTo, text, cancellationToken);
        }
    }
}
