using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Reconciliation;
using Reconcile.Slack.Blocks;
using Reconcile.Topology;

namespace Reconcile.Slack.Commands;

/// <summary>
/// <c>/recon status &lt;orderId&gt;</c>: one order across systems and its exceptions. Registered before
/// the flow overview; an argument that names a flow (a key of Flows), no argument, or an order
/// nobody has seen goes on to that other <c>status</c>.
/// </summary>
public sealed class OrderStatusCommand(ReconcileDbContext db, FlowCatalog flows, TimeProvider time) : IReconSubCommand
{
    public string Name => "status";
    public string Usage => "status <orderId>";
    public string Help => "One order across systems (total, status, last update, quarantine) and its exceptions.";

    public async Task<SlackMessage> RunAsync(ReconCommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var argument = context.Arguments.Count > 0 ? context.Arguments[0] : null;
        if (argument is null || flows.Names.Any(f => string.Equals(f, argument, StringComparison.OrdinalIgnoreCase)))
        {
            return await FlowStatusAsync(context, cancellationToken);
        }

        var records = await db.Records.AsNoTracking().Where(r => r.OrderId == argument).OrderBy(r => r.System).ThenBy(r => r.ExternalId).ToListAsync(cancellationToken);
        var exceptions = await db.Exceptions.AsNoTracking().Where(e => e.OrderId == argument).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        if (records.Count == 0 && exceptions.Count == 0)
        {
            return await FlowStatusAsync(context, cancellationToken);
        }

        var systems = flows.Names.SelectMany(flows.Systems).Distinct(StringComparer.Ordinal).ToList();
        return OrderStatusMessage.Build(argument, systems, records, exceptions, time.GetUtcNow());
    }

    private async Task<SlackMessage> FlowStatusAsync(ReconCommandContext context, CancellationToken cancellationToken)
    {
        var overview = context.SubCommands.Named(Name).FirstOrDefault(s => !ReferenceEquals(s, this));
        return overview is null
            ? SlackMessage.Plain($"No order or flow named '{SlackText.Escape(SlackText.Truncate(context.Arguments.Count > 0 ? context.Arguments[0] : "", 60))}'.")
            : await overview.RunAsync(context, cancellationToken);
    }
}
