using Reconcile.Engine.Findings;
using Reconcile.Engine.Matching;

namespace Reconcile.Reconciliation;

/// <summary>
/// Adds up the engine's results over parts of one run's orders (ranges of a full run, halves of an incremental one):
/// the parts never share an order, so findings, counts and pending ids simply add.
/// </summary>
internal sealed class SweepTotals
{
    private readonly List<Finding> _findings = [];
    private readonly Dictionary<string, int> _byType = new(StringComparer.Ordinal);
    private readonly List<string> _pendingIds = [];
    private int _compared;
    private int _matched;
    private int _pending;

    /// <summary>The compared orders (not pending) of every part: their exceptions may resolve automatically.</summary>
    public HashSet<string> Examined { get; } = new(StringComparer.Ordinal);

    public ReconcileResult Result => new(_findings, _compared, _matched, _byType) { OrdersPending = _pending, PendingOrderIds = _pendingIds };

    public void Add(ReconcileResult part, IEnumerable<string> compared)
    {
        Examined.UnionWith(compared);
        _findings.AddRange(part.Findings);
        _compared += part.OrdersExamined;
        _matched += part.OrdersMatched;
        _pending += part.OrdersPending;
        _pendingIds.AddRange(part.PendingOrderIds);
        foreach (var (type, n) in part.FindingsByType)
        {
            _byType[type] = _byType.GetValueOrDefault(type) + n;
        }
    }
}
