using System.Globalization;
using Microsoft.Extensions.Options;
using Quartz;
using Reconcile.Data.Entities;
using SchedulingOptions = Reconcile.Scheduling.SchedulingOptions;

namespace Reconcile.Ingest.Pull;

/// <summary>
/// Pulls one system: on its <c>Pull:Schedule</c>, or once for a pull already recorded by <see cref="PullRunner.StartAsync"/>
/// (the HTTP API). One job per system, so <see cref="DisallowConcurrentExecutionAttribute"/> keeps every way a pull of
/// that system starts in one line — across replicas too, with the clustered store.
/// </summary>
[DisallowConcurrentExecution]
public sealed class PullJob(PullRunner runner, IOptionsMonitor<SchedulingOptions> options, ILogger<PullJob> logger) : IJob
{
    public const string SystemKey = "system";
    public const string PullIdKey = "pull-id";

    public static JobKey KeyFor(string system) => new($"pull:{system}", "pulls");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        if (data.GetString(PullIdKey) is { } pullId)
        {
            // Asked for on demand: runs even while the schedule is paused.
            await runner.ExecuteAsync(long.Parse(pullId, CultureInfo.InvariantCulture), progress: null, cancellationToken);
            return;
        }

        if (!options.CurrentValue.Enabled)
        {
            return;
        }

        var system = data.GetString(SystemKey)!;
        if (await runner.RunAsync(system, PullTrigger.Scheduled, progress: null, cancellationToken) is null)
        {
            logger.LogInformation("Scheduled pull of {System} skipped: a pull is already in progress", system);
        }
    }
}
