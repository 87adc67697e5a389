using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Reconcile.Hosting;

/// <summary>The Quartz scheduler is running: scheduled runs, SLA sweeps and the digest will fire.</summary>
public sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return scheduler.Status switch
        {
            SchedulerStatus.Running => HealthCheckResult.Healthy("running"),
            SchedulerStatus.Created or SchedulerStatus.Standby => HealthCheckResult.Degraded($"not running yet ({scheduler.Status})"),
            _ => HealthCheckResult.Unhealthy($"the scheduler is {scheduler.Status}"),
        };
    }
}
