using Microsoft.Extensions.Options;
using Quartz;
using Reconcile.Reconciliation;

namespace Reconcile.Scheduling;

/// <summary>Runs one flow incrementally on its cron.</summary>
[DisallowConcurrentExecution]
public sealed class FlowRunJob(ReconciliationRunner runner, IOptionsMonitor<SchedulingOptions> options, ILogger<FlowRunJob> logger) : IJob
{
    public const string FlowKey = "flow";

    public static JobKey KeyFor(string flow) => new($"run:{flow}", "flows");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!options.CurrentValue.Enabled)
        {
            return;
        }

        var flow = context.MergedJobDataMap.GetString(FlowKey)!;
        var run = await runner.RunAsync(flow, full: false, "schedule", cancellationToken);
        if (run is null)
        {
            logger.LogInformation("Scheduled run of {Flow} skipped: a run is already in progress", flow);
        }
    }
}
