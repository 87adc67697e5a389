using Microsoft.Extensions.Options;
using Reconcile.Hosting;
using Reconcile.Reporting;
using Reconcile.Slack.Blocks;

namespace Reconcile.Slack.Commands;

/// <summary>
/// <c>/recon status</c>: every flow's last run, match rates and open/overdue exceptions, with the
/// figures of the last 7 days and the top drill-down rows; <c>status &lt;flow&gt;</c> narrows it to one flow
/// (<c>status &lt;orderId&gt;</c> is <see cref="OrderStatusCommand"/>).
/// </summary>
public sealed class StatusCommand(
    StatusQuery query, IServiceScopeFactory scopes, HandOff handOff, IOptions<SlackOptions> options, TimeProvider time) : IReconSubCommand
{
    public string Name => "status";
    public string Usage => "status [flow]";
    public string Help => "Each flow's last run, match rate, open and overdue exceptions by owner and type, and the last 7 days' figures with top campaigns, SKUs and regions.";

    public async Task<SlackMessage> RunAsync(ReconCommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? only = null;
        if (context.Arguments.Count > 0)
        {
            var wanted = context.Arguments[0];
            only = query.FlowNames.FirstOrDefault(name => string.Equals(name, wanted, StringComparison.OrdinalIgnoreCase));
            if (only is null)
            {
                return UnknownStatusTarget.Build(wanted, query.FlowNames);
            }
        }

        var now = time.GetUtcNow();
        var flows = StatusReport.Narrow(await query.ReadAsync(cancellationToken), only);
        // Slack gives a command 3 seconds of wall-clock time: the figures get the inline budget (cancellation is
        // observed between queries), and when they miss it StatusFollowUpJob computes them and replaces this answer.
        var inlineBudget = options.Value.StatusInlineBudget;
        if (inlineBudget > TimeSpan.Zero)
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(inlineBudget);
            try
            {
                return StatusMessage.Build(flows, await WeekAsync(only, now, budget.Token), now);
            }
            catch (Exception) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Over budget, however the database reported the cancellation.
            }
        }

        var quick = StatusMessage.Build(flows, null, now);
        if (context.Command.ResponseUrl is { } responseUrl)
        {
            await handOff.StartAsync(StatusFollowUpJob.Key, StatusFollowUpJob.Data(only, now, responseUrl), cancellationToken);
            quick.Blocks.Add(BlockKit.Context(["_The last 7 days' figures are being computed; the full status replaces this message in a moment._"]));
        }

        return quick;
    }

    private async Task<Figures> WeekAsync(string? flow, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await StatusReport.WeekAsync(scope.ServiceProvider.GetRequiredService<FiguresQuery>(), flow, now, cancellationToken);
    }
}
