using Reconcile.Engine.Findings;

namespace Reconcile.Engine.Matching;

/// <summary>The outcome of one run over a set of orders.</summary>
public sealed record ReconcileResult(
    IReadOnlyList<Finding> Findings,
    int OrdersExamined,
    int OrdersMatched,
    IReadOnlyDictionary<string, int> FindingsByType)
{
    /// <summary>Share of examined orders with no finding; 1 when nothing was examined.</summary>
    public double MatchRate => OrdersExamined == 0 ? 1d : (double)OrdersMatched / OrdersExamined;

    /// <summary>Share of examined orders with at least one finding, for the circuit breaker.</summary>
    public double ExceptionRate => 1d - MatchRate;
}
