using Reconcile.Data.Entities;
using Reconcile.Topology;

namespace Reconcile.Automation;

/// <summary>
/// The automation breaker's rule, pure: over the flow's last <see cref="AutomationOptions.MinAttempts"/> finished
/// automatic attempts (newest first), a failure rate above <see cref="AutomationOptions.MaxFailureRate"/> trips it.
/// Fewer finished attempts than that are not judged, so one early failure never switches automation off.
/// </summary>
public static class AutomationBreaker
{
    /// <returns>The figures when it trips, else null.</returns>
    public static AutomationBreakerFigures? Judge(string flow, IReadOnlyList<string> newestStatuses, AutomationOptions options)
    {
        ArgumentNullException.ThrowIfNull(newestStatuses);
        ArgumentNullException.ThrowIfNull(options);
        var judged = newestStatuses.Take(options.MinAttempts).ToList();
        if (judged.Count < options.MinAttempts)
        {
            return null;
        }

        var failures = judged.Count(s => s == AutomationAttemptStatus.Failed);
        var figures = new AutomationBreakerFigures(flow, judged.Count, failures, options.MaxFailureRate);
        return figures.FailureRate > options.MaxFailureRate ? figures : null;
    }
}
