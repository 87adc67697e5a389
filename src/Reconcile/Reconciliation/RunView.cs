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
    double MatchRate,
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
            run.OrdersExamined, run.OrdersMatched, MatchRateOf(run),
            JsonSerializer.Deserialize<Dictionary<string, int>>(run.FindingsByType) ?? [],
            run.ExceptionsOpened, run.ExceptionsUpdated, run.ExceptionsAutoResolved, run.CircuitBreakerTripped, run.Error, run.Instance);
    }

    /// <summary>Share of examined orders with no finding; 1 when the run examined nothing.</summary>
    public static double MatchRateOf(RunEntity run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.OrdersExamined == 0 ? 1d : Math.Round((double)run.OrdersMatched / run.OrdersExamined, 6);
    }
}
