using System.Globalization;
using System.Text.Json.Nodes;
using Quartz;
using Reconcile.Data;
using Reconcile.Reporting;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Outbox;

namespace Reconcile.Slack.Commands;

/// <summary>
/// The slow half of <c>/recon status</c>: when the last 7 days' figures miss the inline budget, they are computed
/// here and the whole status replaces the quick answer through the command's <c>response_url</c> (Slack: "Handling
/// slash commands", responding later). One at a time, so a burst of status commands cannot pile up database load.
/// </summary>
[DisallowConcurrentExecution]
public sealed class StatusFollowUpJob(IServiceScopeFactory scopes, ILogger<StatusFollowUpJob> logger) : IJob
{
    public static readonly JobKey Key = new("status-follow-up", "slack");

    private const string FlowKey = "flow";
    private const string NowKey = "now";
    private const string ResponseUrlKey = "response-url";

    /// <summary>The job data of one follow-up: the flow asked about (absent for all), the command's time (ISO 8601) and its response_url.</summary>
    public static IReadOnlyDictionary<string, string> Data(string? flow, DateTimeOffset now, Uri responseUrl)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [NowKey] = now.ToString("O", CultureInfo.InvariantCulture),
            [ResponseUrlKey] = responseUrl.AbsoluteUri,
        };
        if (flow is not null)
        {
            data[FlowKey] = flow;
        }

        return data;
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        var flow = data.GetString(FlowKey);
        var now = DateTimeOffset.Parse(data.GetString(NowKey)!, CultureInfo.InvariantCulture);
        var responseUrl = new Uri(data.GetString(ResponseUrlKey)!);
        JsonObject body;
        try
        {
            var (flows, week) = await StatusReport.ReadAsync(scopes, flow, now, cancellationToken);
            body = StatusMessage.Build(flows, week, now).ToJson();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The person was promised the figures: say they failed rather than leave "being computed" standing.
            logger.LogError(exception, "The /recon status follow-up with the week's figures failed");
            body = SlackMessage.Plain("The last 7 days' figures could not be computed; the operators have the error. Try `/recon status` again later.").ToJson();
        }

        body["response_type"] = "ephemeral";
        body["replace_original"] = true;
        await using var outboxScope = scopes.CreateAsyncScope();
        var db = outboxScope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        outboxScope.ServiceProvider.GetRequiredService<SlackOutbox>().QueueResponseUrl(db, responseUrl, body);
        await db.SaveChangesAsync(cancellationToken);
    }
}
