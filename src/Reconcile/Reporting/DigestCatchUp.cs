using Microsoft.Extensions.Options;
using Reconcile.Scheduling;
using Reconcile.Slack;

namespace Reconcile.Reporting;

/// <summary>
/// At start-up: if the digest's last scheduled time passed while the service was down, post that week's
/// digest now. The digests table's unique week keeps it to once, however often the service restarts.
/// </summary>
internal sealed class DigestCatchUp(
    IServiceScopeFactory scopes, IOptionsMonitor<SchedulingOptions> scheduling, IOptionsMonitor<SlackOptions> slack, TimeProvider time, ILogger<DigestCatchUp> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!scheduling.CurrentValue.Enabled || string.IsNullOrWhiteSpace(slack.CurrentValue.DigestChannel))
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var query = scope.ServiceProvider.GetRequiredService<DigestQuery>();
            if (DigestSchedule.PreviousFireTime(slack.CurrentValue.DigestSchedule, query.Zone, time.GetUtcNow()) is not { } due)
            {
                return;
            }

            var week = DigestSchedule.WeekReportedAt(due, query.Zone);
            var (outcome, _) = await scope.ServiceProvider.GetRequiredService<DigestPublisher>().PublishAsync(week, once: true, stoppingToken);
            if (outcome == DigestOutcome.Queued)
            {
                logger.LogWarning("The digest due {Due} (week of {WeekStart}) was missed while the service was down; posted it now", due, week);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A failed catch-up must not stop the service; the next Monday's digest still runs.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Catching up a missed digest failed");
        }
    }
}
