using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Lifecycle;
using Reconcile.Slack.Api;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Payloads;
using Reconcile.Workflow;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// "Approve all" on a flood summary: opens <see cref="BulkApproveModal"/> for the group's exceptions that can still be
/// approved. Only a member of the group's owner (or an admin) gets the modal; anyone else is refused and the refusal
/// audited, as for a single Approve. One indexed read comes before views.open (the trigger expires after 3 s).
/// </summary>
public sealed class BulkApproveButtonHandler(
    ReconcileDbContext db, SlackApiClient api, OwnerDirectory owners, ExceptionDecision decision, IOptions<WorkflowOptions> options,
    ILogger<BulkApproveButtonHandler> logger) : IBlockActionHandler
{
    public string ActionId => BulkApproval.ActionId;

    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(action);
        var reply = new ReplyTo(payload.UserId, payload.ResponseUrl, payload.ChannelId);
        var ids = BulkApproval.Decode(action.Value);
        var open = await db.Exceptions.AsNoTracking().Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        open.RemoveAll(e => !ExceptionTransitions.Allows(e.State, WorkflowAction.Approve));
        if (open.Count == 0)
        {
            await decision.RefuseAsync(reply, "Every exception of this group has already been decided. Nothing was changed.", cancellationToken);
            return;
        }

        if (await owners.AuthorizeAsync(open[0], WorkflowAction.Approve, payload.UserId, lookUp: false, cancellationToken) == Authorization.Denied)
        {
            await decision.DenyAsync(open[0], WorkflowAction.Approve, reply, cancellationToken);
            return;
        }

        var first = open[0];
        var cause = $"{SlackText.Escape(ExceptionMessage.TypeLabel(first.Type))} of `{SlackText.Escape(first.Attribute ?? "record")}` in *{SlackText.Escape(first.System)}* ({SlackText.Escape(first.Flow)})";
        try
        {
            await api.OpenViewAsync(payload.TriggerId ?? "", BulkApproveModal.Build(cause, [.. open.Select(e => e.Id)], options.Value.MinReasonLength), cancellationToken);
        }
        catch (SlackApiException ex)
        {
            logger.LogWarning("Could not open the bulk Approve modal: {SlackError}", ex.Error);
            await decision.RefuseAsync(reply, $"Slack didn't open the approval form in time ({ex.Error}). Nothing was changed; please click Approve all again.", cancellationToken);
        }
    }
}
