using Reconcile.Reconciliation;
using Reconcile.Slack.Blocks;
using Reconcile.Topology;
using Reconcile.Workflow;

namespace Reconcile.Slack.Commands;

/// <summary><c>/recon run &lt;flow&gt;</c> (admins): starts a run now and answers at once; the run goes on in the background.</summary>
public sealed class RunCommand(OwnerDirectory owners, FlowCatalog flows, ReconciliationRunner runner) : IReconSubCommand
{
    public string Name => "run";
    public string Usage => "run <flow>";
    public string Help => "Admins: reconcile a flow now (incrementally).";

    public async Task<SlackMessage> RunAsync(ReconCommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.Command.UserId;
        if (!owners.IsAdmin(user))
        {
            return SlackMessage.Plain("Only Reconcile admins can start a run. Nothing was started.");
        }

        var flow = context.Arguments.Count > 0 ? flows.Names.FirstOrDefault(f => string.Equals(f, context.Arguments[0], StringComparison.OrdinalIgnoreCase)) : null;
        if (flow is null)
        {
            return SlackMessage.Plain($"Which flow? Usage: `{ReconCommand.Name} {Usage}`. Flows: {string.Join(", ", flows.Names)}.");
        }

        var run = await runner.StartAsync(flow, full: false, $"slack:{user}", cancellationToken);
        if (run is null)
        {
            return SlackMessage.Plain($"A run of {SlackText.Escape(flow)} is already in progress; try again when it ends.");
        }

        return SlackMessage.Plain($"Started run {run.Id} of {SlackText.Escape(flow)}. `{ReconCommand.Name} status {SlackText.Escape(flow)}` shows how it went.");
    }
}
