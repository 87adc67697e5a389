using Reconcile.Reporting;
using Reconcile.Slack.Blocks;

namespace Reconcile.Slack.Commands;

/// <summary>
/// <c>/recon status</c>: every flow's last run, match rates and open/overdue exceptions, with the
/// DESIGN §8 figures of the last 7 days and the top drill-down rows; <c>status &lt;flow&gt;</c> narrows it to one flow
/// (<c>status &lt;orderId&gt;</c> is <see cref="OrderStatusCommand"/>).
/// </summary>
public sealed class StatusCommand(StatusQuery query, FiguresQuery figures, TimeProvider time) : IReconSubCommand
{
    public string Name => "status";
    public string Usage => "status [flow]";
    public string Help => "Each flow's last run, match rate, open and overdue exceptions by owner and type, and the last 7 days' figures with top campaigns, SKUs and regions.";

    public async Task<SlackMessage> RunAsync(ReconCommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var flows = await query.ReadAsync(cancellationToken);
        string? only = null;
        if (context.Arguments.Count > 0)
        {
            var wanted = context.Arguments[0];
            var matching = flows.Where(f => string.Equals(f.Flow, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matching.Count == 0)
            {
                return SlackMessage.Plain($"No flow named '{SlackText.Truncate(wanted, 60)}'. Flows: {string.Join(", ", flows.Select(f => f.Flow))}.");
            }

            flows = matching;
            only = matching[0].Flow;
        }

        var now = time.GetUtcNow();
        var week = await figures.ComputeAsync(new ReportPeriod(now - StatusQuery.Week, now), only, DrillDownDimensions.All, cancellationToken);
        return StatusMessage.Build(flows, week, now);
    }
}
