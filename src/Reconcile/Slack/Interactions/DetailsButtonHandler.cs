using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Slack.Api;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Payloads;
using Reconcile.Topology;
using Reconcile.Workflow;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// Details: opens <see cref="DetailsModal"/> (the full records and history) with the click's trigger_id. Reading
/// changes nothing, so anyone who sees the message may open it. One primary-key read comes before views.open,
/// which gets one attempt within its budget (the trigger expires 3 s after the click); a failure is told privately.
/// </summary>
public sealed class DetailsButtonHandler(
    ReconcileDbContext db, SlackApiClient api, ExceptionDecision decision, IOptions<TopologyOptions> topology, ILogger<DetailsButtonHandler> logger) : IBlockActionHandler
{
    public string ActionId => ExceptionActionIds.Details;

    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(action);
        var reply = new ReplyTo(payload.UserId, payload.ResponseUrl, payload.ChannelId);
        if (!long.TryParse(action.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            await decision.RefuseAsync(reply, "That button carries no exception id.", cancellationToken);
            return;
        }

        var exception = await db.Exceptions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (exception is null)
        {
            await decision.RefuseAsync(reply, $"Exception {id} does not exist.", cancellationToken);
            return;
        }

        try
        {
            await api.OpenViewAsync(payload.TriggerId ?? "", DetailsModal.Build(exception, topology.Value.Owners.GetValueOrDefault(exception.Owner)), cancellationToken);
        }
        catch (SlackApiException ex)
        {
            logger.LogWarning("Could not open the details of exception {ExceptionId}: {SlackError}", id, ex.Error);
            await decision.RefuseAsync(reply, $"Slack didn't open the details in time ({ex.Error}); please click Details again. `GET /api/exceptions/{id}` has the same evidence.", cancellationToken);
        }
    }
}
