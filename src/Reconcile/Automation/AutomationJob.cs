using System.Globalization;
using Quartz;

namespace Reconcile.Automation;

/// <summary>
/// System-led execution of one committed run (<see cref="AutomationRunner"/>), fired once per run by
/// <see cref="RunAutomation"/> and at start-up by <see cref="AutomationResumption"/>. One job key, not concurrent:
/// automatic replays queue one after another, so the breaker judges each outcome before the next attempt.
/// </summary>
[DisallowConcurrentExecution]
public sealed class AutomationJob(IServiceScopeFactory scopes, ILogger<AutomationJob> logger) : IJob
{
    public static readonly JobKey Key = new("automation", "workflow");

    private const string FlowKey = "flow";
    private const string RunIdKey = "run-id";

    /// <summary>The job data of one committed run's one-shot trigger.</summary>
    public static IReadOnlyDictionary<string, string> Data(string flow, long runId) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [FlowKey] = flow,
        [RunIdKey] = runId.ToString(CultureInfo.InvariantCulture),
    };

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        var flow = data.GetString(FlowKey)!;
        var runId = long.Parse(data.GetString(RunIdKey)!, CultureInfo.InvariantCulture);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AutomationRunner>().ProcessAsync(flow, runId, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Claims already made stay on record; unfinished ones are settled by the flow's next automation job.
            logger.LogError(exception, "Automation for run {RunId} of {Flow} failed", runId, flow);
        }
    }
}
