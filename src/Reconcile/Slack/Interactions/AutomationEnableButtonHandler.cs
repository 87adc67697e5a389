using System.Text.Json;
using System.Text.Json.Nodes;
using Reconcile.Auditing;
using Reconcile.Automation;
using Reconcile.Data;
using Reconcile.Lifecycle;
using Reconcile.Slack.Outbox;
using Reconcile.Slack.Payloads;
using Reconcile.Topology;
using Reconcile.Workflow;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// "Re-enable automation" on a breaker alert: only Slack:Admins may press it. An admin's press switches the flow's
/// automation back on (audited <c>automation_enabled</c>); anyone else is refused privately and the refusal is
/// audited (<c>denied</c>). The click is answered through its response_url.
/// </summary>
public sealed class AutomationEnableButtonHandler(
    ReconcileDbContext db, OwnerDirectory owners, AutomationSwitch automationSwitch, FlowCatalog flows, AuditLog audit, SlackOutbox outbox) : IBlockActionHandler
{
    public string ActionId => AutomationActionIds.Enable;

    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(action);
        var flow = action.Value ?? "";
        string text;
        if (!flows.Exists(flow))
        {
            text = $"There is no flow '{flow}' any more. Nothing was changed.";
        }
        else if (!owners.IsAdmin(payload.UserId))
        {
            audit.Record(db, null, payload.UserId, AuditActions.Denied, null, null, "only Slack:Admins may re-enable automation",
                JsonSerializer.Serialize(new { attempted = AuditActions.AutomationEnabled, flow }));
            text = "Only Reconcile admins can switch automation back on. Nothing was changed.";
        }
        else
        {
            text = await automationSwitch.SetAsync(flow, true, payload.UserId, "re-enabled from the breaker alert", null, cancellationToken)
                ? $"Automation for {flow} is on again."
                : $"Automation for {flow} was already on. Nothing was changed.";
        }

        Reply(payload, text);
        await db.SaveChangesAsync(cancellationToken);
    }

    private void Reply(BlockActionsPayload payload, string text)
    {
        if (payload.ResponseUrl is { } url)
        {
            outbox.QueueResponseUrl(db, url, new JsonObject { ["response_type"] = "ephemeral", ["replace_original"] = false, ["text"] = text });
        }
        else if (payload.ChannelId is { } channel)
        {
            outbox.QueueEphemeral(db, channel, payload.UserId, text);
        }
    }
}
