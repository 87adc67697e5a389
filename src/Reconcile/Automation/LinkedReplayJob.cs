using System.Globalization;
using Quartz;

namespace Reconcile.Automation;

/// <summary>The replay linked to an approval (<see cref="LinkedReplay"/>), after the Approve modal was answered; fired once per approval.</summary>
[DisallowConcurrentExecution]
public sealed class LinkedReplayJob(IServiceScopeFactory scopes, ILogger<LinkedReplayJob> logger) : IJob
{
    public static readonly JobKey Key = new("linked-replay", "workflow");

    private const string ExceptionIdKey = "exception-id";
    private const string VersionKey = "version";
    private const string ApproverKey = "approver";

    /// <summary>The job data of one approval's linked replay: the exception, its version once approved, and the approver.</summary>
    public static IReadOnlyDictionary<string, string> Data(long exceptionId, int version, string approver) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ExceptionIdKey] = exceptionId.ToString(CultureInfo.InvariantCulture),
        [VersionKey] = version.ToString(CultureInfo.InvariantCulture),
        [ApproverKey] = approver,
    };

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        var id = long.Parse(data.GetString(ExceptionIdKey)!, CultureInfo.InvariantCulture);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<LinkedReplay>().RunAsync(
                id, int.Parse(data.GetString(VersionKey)!, CultureInfo.InvariantCulture), data.GetString(ApproverKey)!, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "The replay linked to the approval of exception {ExceptionId} failed", id);
        }
    }
}
