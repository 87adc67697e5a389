using Microsoft.Extensions.Options;
using Quartz;
using SchedulingOptions = Reconcile.Scheduling.SchedulingOptions;

namespace Reconcile.Reporting;

/// <summary>Posts the digest of the week just ended, once (Slack:DigestSchedule, business time zone).</summary>
[DisallowConcurrentExecution]
public sealed class DigestJob(DigestPublisher publisher, DigestQuery query, IOptionsMonitor<SchedulingOptions> options, TimeProvider time, ILogger<DigestJob> logger) : IJob
{
    public static readonly JobKey Key = new("digest", "reporting");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.Enabled)
        {
            return;
        }

        var week = DigestSchedule.WeekReportedAt(time.GetUtcNow(), query.Zone);
        var (outcome, _) = await publisher.PublishAsync(week, once: true, cancellationToken);
        logger.LogInformation("Scheduled digest for the week of {WeekStart}: {Outcome}", week, outcome);
    }
}
