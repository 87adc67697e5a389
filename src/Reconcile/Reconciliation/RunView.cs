using System.Text.Json;
using Reconcile.Data.Entities;

namespace Reconcile.Reconciliation;

/// <summary>A run as the HTTP API names it (README, HTTP API).</summary>
public sealed record RunView(
    long Id,
    string Flow,
    string Status,
    bool Full,
    string TriggeredBy,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    int OrdersExamined,
    int OrdersMatched,
    int OrdersPending,
    double? MatchRate,
    IReadOnlyDictionary<string, int> FindingsByType,
    int ExceptionsOpened,
    int ExceptionsUpdated,
    int ExceptionsAutoResolved,
    bool CircuitBreakerTripped,
    string? Error,
    string? Instance)
{
    public static RunView From(RunEntity run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunView(
            run.Id, run.Flow, run.Status, run.Full, run.TriggeredBy, run.StartedAt, run.EndedAt,
            run.OrdersExamined, run.OrdersMatched, run.OrdersPending, MatchRateOf(run),
            JsonSerializer.Deserialize<Dictionary<string, int>>(run.FindingsByType) ?? [],
            run.ExceptionsOpened, run.ExceptionsUpdated, run.ExceptionsAutoResolved, run.CircuitBreakerTripped, run.Error, run.Instance);
    }

    /// <summary>
    /// Matched ÷ compared (<c>ordersExamined</c> counts the orders compared; pending ones are apart);
    /// null when the run compared nothing, which is not 100%.
    /// </summary>
    public static double? MatchRateOf(RunEntity run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.OrdersExamined == 0 ? null : Math.Round((double)run.OrdersMatched / run.OrdersExamined, 6);
    }
}
