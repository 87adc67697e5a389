using Reconcile.Engine.Findings;
using Reconcile.Engine.Flows;
using Reconcile.Engine.Matching;
using Reconcile.Engine.Reference;

namespace Reconcile.Reconciliation;

/// <summary>The engine over a run's orders: incremental in one snapshot, full in bounded id ranges.</summary>
internal static class OrderSweep
{
    /// <summary>Incremental: the changed orders in one snapshot. Full: every order, range by range, so memory stays bounded.</summary>
    /// <remarks>
    /// The examined set says which orders' exceptions may resolve automatically: an order whose source is
    /// still inside the lag window was not compared with its targets, so it proves nothing and is left out.
    /// </remarks>
    public static async Task<(ReconcileResult Result, HashSet<string> Examined)> ReconcileAsync(
        RecordSnapshotLoader loader, FlowDefinition definition, IReadOnlyList<string> systems, DateTimeOffset? changedSince,
        ReferenceData reference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var examined = new HashSet<string>(StringComparer.Ordinal);
        if (changedSince is { } since)
        {
            var snapshot = await loader.LoadChangedAsync(systems, since, cancellationToken);
            examined.UnionWith(Compared(snapshot, definition, now));
            return (Reconciler.Reconcile(definition, snapshot.OrderIds, snapshot.Get, reference, now), examined);
        }

        var findings = new List<Finding>();
        var byType = new Dictionary<string, int>(StringComparer.Ordinal);
        var (count, matched) = (0, 0);
        await foreach (var range in loader.StreamAllAsync(systems, cancellationToken))
        {
            var part = Reconciler.Reconcile(definition, range.OrderIds, range.Get, reference, now);
            examined.UnionWith(Compared(range, definition, now));
            findings.AddRange(part.Findings);
            count += part.OrdersExamined;
            matched += part.OrdersMatched;
            foreach (var (type, n) in part.FindingsByType)
            {
                byType[type] = byType.GetValueOrDefault(type) + n;
            }
        }

        return (new ReconcileResult(findings, count, matched, byType), examined);
    }

    private static IEnumerable<string> Compared(RecordSnapshot snapshot, FlowDefinition definition, DateTimeOffset now) =>
        snapshot.OrderIds.Where(id => !snapshot.Get(definition.Source, id).Any(r => now - r.ReceivedAt < definition.LagWindow));
}
