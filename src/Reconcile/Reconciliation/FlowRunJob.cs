using System.Globalization;
using Microsoft.Extensions.Options;
using Quartz;
using Reconcile.Data.Entities;
using SchedulingOptions = Reconcile.Scheduling.SchedulingOptions;

namespace Reconcile.Reconciliation;

/// <summary>
/// Runs one flow: on its cron (incrementally, as "schedule"), or once for a run already recorded by
/// <see cref="ReconciliationRunner.StartAsync"/> (the API and <c>/recon run</c>). One job per flow, so
/// <see cref="DisallowConcurrentExecutionAttribute"/> keeps every way a run starts in one line.
/// </summary>
[DisallowConcurrentExecution]
public sealed class FlowRunJob(ReconciliationRunner runner, IOptionsMonitor<SchedulingOptions> options, ILogger<FlowRunJob> logger) : IJob
{
    public const string FlowKey = "flow";
    public const string RunIdKey = "run-id";
    public const string FullKey = "full";
    public const string TriggeredByKey = "triggered-by";

    public static JobKey KeyFor(string flow) => new($"run:{flow}", "flows");

    /// <summary>The job data of a one-shot trigger for a recorded run; full and triggered-by repeat the run row so the trigger reads on its own.</summary>
    public static IReadOnlyDictionary<string, string> Data(RunEntity run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [RunIdKey] = run.Id.ToString(CultureInfo.InvariantCulture),
            [FullKey] = run.Full ? "true" : "false",
            [TriggeredByKey] = run.TriggeredBy,
        };
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        if (data.GetString(RunIdKey) is { } runId)
        {
            // Started on demand: runs even while the schedule is paused.
            await runner.ExecuteAsync(long.Parse(runId, CultureInfo.InvariantCulture), cancellationToken);
            return;
        }

        if (!options.CurrentValue.Enabled)
        {
            return;
        }

        var flow = data.GetString(FlowKey)!;
        var run = await runner.RunAsync(flow, full: false, "schedule", cancellationToken);
        if (run is null)
        {
            logger.LogInformation("Scheduled run of {Flow} skipped: a run is already in progress", flow);
        }
    }
}
