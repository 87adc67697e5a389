using Reconcile.Engine.Findings;

namespace Reconcile.Engine.Matching;

/// <summary>
/// The outcome of one run over a set of orders. An order is either <b>compared</b> (outside the lag
/// window: presence and attributes checked across systems; counted in <see cref="OrdersExamined"/>,
/// and in <see cref="OrdersMatched"/> when it has no finding) or <b>pending</b> (inside the window,
/// measured on the order's own time: only the checks that do not depend on age ran; counted in
/// <see cref="OrdersPending"/>, never as matched).
/// </summary>
public sealed record ReconcileResult(
    IReadOnlyList<Finding> Findings,
    int OrdersExamined,
    int OrdersMatched,
    IReadOnlyDictionary<string, int> FindingsByType)
{
    /// <summary>Orders inside the lag window, not compared yet.</summary>
    public int OrdersPending { get; init; }

    /// <summary>The ids of the pending orders (a later run must look at them again).</summary>
    public IReadOnlyCollection<string> PendingOrderIds { get; init; } = [];

    /// <summary>Matched ÷ compared; null when the run compared nothing (never shown as 100%).</summary>
    public double? MatchRate => OrdersExamined == 0 ? null : (double)OrdersMatched / OrdersExamined;

    /// <summary>Share of compared orders with at least one finding, for the circuit breaker; 0 when none were compared.</summary>
    public double ExceptionRate => OrdersExamined == 0 ? 0d : 1d - ((double)OrdersMatched / OrdersExamined);
}
