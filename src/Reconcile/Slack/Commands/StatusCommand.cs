using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Reporting;
using Reconcile.Slack.Outbox;
using Reconcile.Slack.Blocks;

namespace Reconcile.Slack.Commands;

/// <summary>
/// <c>/recon status</c>: every flow's last run, match rates and open/overdue exceptions, with the
/// DESIGN §8 figures of the last 7 days and the top drill-down rows; <c>status &lt;flow&gt;</c> narrows it to one flow
/// (<c>status &lt;orderId&gt;</c> is <see cref="OrderStatusCommand"/>).
/// </summary>
public sealed class StatusCommand(
    StatusQuery query, IServiceScopeFactory scopes, IOptions<SlackOptions> options, TimeProvider time, ILogger<StatusCommand> logger) : IReconSubCommand
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
        var week = Task.Run(() => WeekAsync(only, now), CancellationToken.None);
        // Slack gives a command 3 seconds of wall-clock time; figures slower than the budget follow through response_url.
        if (await Task.WhenAny(week, Task.Delay(options.Value.StatusInlineBudget, cancellationToken)) == week)
        {
            return StatusMessage.Build(flows, await week, now);
        }

        // A big store: answer within Slack's 3 seconds without the figures, and send the whole status when ready.
        var quick = StatusMessage.Build(flows, null, now);
        if (context.Command.ResponseUrl is { } responseUrl)
        {
            _ = FollowUpAsync(week, flows, now, responseUrl);
            quick.Blocks.Add(BlockKit.Context(["_The last 7 days' figures are being computed; the full status replaces this message in a moment._"]));
        }

        return quick;
    }

    private async Task<Figures> WeekAsync(string? flow, DateTimeOffset now)
    {
        await using var scope = scopes.CreateAsyncScope();
        var figures = scope.ServiceProvider.GetRequiredService<FiguresQuery>();
        return await figures.ComputeAsync(new ReportPeriod(now - StatusQuery.Week, now), flow, DrillDownDimensions.All, CancellationToken.None);
    }

    private async Task FollowUpAsync(Task<Figures> week, IReadOnlyList<FlowStatus> flows, DateTimeOffset now, Uri responseUrl)
    {
        try
        {
            var body = StatusMessage.Build(flows, await week, now).ToJson();
            body["response_type"] = "ephemeral";
            body["replace_original"] = true;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            scope.ServiceProvider.GetRequiredService<SlackOutbox>().QueueResponseUrl(db, responseUrl, body);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "The /recon status follow-up with the week's figures failed");
        }
    }
}
