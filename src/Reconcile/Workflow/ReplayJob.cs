using System.Globalization;
using Quartz;

namespace Reconcile.Workflow;

/// <summary>
/// The slow half of a Replay (write, retries, read-back in <see cref="ReplayExecutor"/>), after the click has
/// been answered. One job key fired once per replay, not concurrent: replays queue one after another as
/// they always have, so a burst of clicks does not hammer a target system.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReplayJob(IServiceScopeFactory scopes, ILogger<ReplayJob> logger) : IJob
{
    public static readonly JobKey Key = new("replay", "workflow");

    private const string ExceptionIdKey = "exception-id";
    private const string VersionKey = "version";
    private const string PreviousStateKey = "previous-state";
    private const string RequestedByKey = "requested-by";

    /// <summary>The job data of one replay's one-shot trigger.</summary>
    public static IReadOnlyDictionary<string, string> Data(ReplayRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ExceptionIdKey] = request.ExceptionId.ToString(CultureInfo.InvariantCulture),
            [VersionKey] = request.Version.ToString(CultureInfo.InvariantCulture),
            [PreviousStateKey] = request.PreviousState,
            [RequestedByKey] = request.RequestedBy,
        };
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        var request = new ReplayRequest(
            long.Parse(data.GetString(ExceptionIdKey)!, CultureInfo.InvariantCulture), int.Parse(data.GetString(VersionKey)!, CultureInfo.InvariantCulture),
            data.GetString(PreviousStateKey)!, data.GetString(RequestedByKey)!);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReplayExecutor>().RunAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The exception stays replaying, which is what the thread shows; ReplayResumption picks it up at the next start.
            logger.LogError(exception, "Replay {IdempotencyKey} crashed; it will be resumed at the next start", request.IdempotencyKey);
        }
    }
}
