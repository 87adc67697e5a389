using Reconcile.Engine.Findings;
using Reconcile.Engine.Flows;
using Reconcile.Engine.Matching;
using Reconcile.Engine.Reference;
using Reconcile.Hosting;

namespace Reconcile.Reconciliation;

/// <summary>The engine over a run's orders: incremental in one snapshot, full in bounded id ranges.</summary>
internal static class OrderSweep
{
    /// <summary>Incremental: the changed orders in one snapshot. Full: every order, range by range, so memory stays bounded.</summary>
    /// <remarks>
    /// The examined set says which orders' exceptions may resolve automatically: an order whose source is
    /// still inside the lag window was not compared with its targets, so it proves nothing and is left out.
    /// The run's figures count an order once: when it is first compared after a change, not again when the
    /// lag-window overlap of the next incremental run brings it back unchanged.
    /// </remarks>
    public static async Task<(ReconcileResult Result, HashSet<string> Examined)> ReconcileAsync(
        RecordSnapshotLoader loader, FlowDefinition definition, IReadOnlyList<string> systems, DateTimeOffset? previousWatermark,
        ReferenceData reference, DateTimeOffset now, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var examined = new HashSet<string>(StringComparer.Ordinal);
        if (previousWatermark is { } watermark)
        {
            // Re-read the lag window before the last watermark: orders too young then may be overdue now.
            var snapshot = await loader.LoadChangedAsync(systems, watermark - definition.LagWindow - TimeSpan.FromMinutes(1), cancellationToken);
            progress?.Report(new WorkProgress(0, snapshot.OrderIds.Count));
            examined.UnionWith(Compared(snapshot, definition, now));
            var result = Reconciler.Reconcile(definition, snapshot.OrderIds, snapshot.Get, reference, now);
            progress?.Report(new WorkProgress(snapshot.OrderIds.Count, snapshot.OrderIds.Count));
            return (Counted(result, snapshot, definition, systems, now, watermark), examined);
        }

        var findings = new List<Finding>();
        var byType = new Dictionary<string, int>(StringComparer.Ordinal);
        var (count, matched) = (0, 0);
        await foreach (var range in loader.StreamAllAsync(systems, progress, cancellationToken))
        {
            var part = Counted(Reconciler.Reconcile(definition, range.OrderIds, range.Get, reference, now), range, definition, systems, now, null);
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
        snapshot.OrderIds.Where(id => !IsYoung(snapshot, definition, id, now));

    private static bool IsYoung(RecordSnapshot snapshot, FlowDefinition definition, string orderId, DateTimeOffset at) =>
        snapshot.Get(definition.Source, orderId).Any(r => at - r.ReceivedAt < definition.LagWindow);

    /// <summary>The result with examined and matched counting each order once (see the remarks above).</summary>
    private static ReconcileResult Counted(
        ReconcileResult result, RecordSnapshot snapshot, FlowDefinition definition, IReadOnlyList<string> systems, DateTimeOffset now, DateTimeOffset? previousWatermark)
    {
        var withFindings = result.Findings.Select(f => f.OrderId).ToHashSet(StringComparer.Ordinal);
        var (examined, matched) = (0, 0);
        foreach (var id in snapshot.OrderIds)
        {
            var counts = !IsYoung(snapshot, definition, id, now)
                && (previousWatermark is not { } watermark
                    || IsYoung(snapshot, definition, id, watermark)
                    || systems.Any(system => snapshot.Get(system, id).Any(r => r.ReceivedAt > watermark)));
            if (counts)
            {
                examined++;
                matched += withFindings.Contains(id) ? 0 : 1;
            }
        }

        return result with { OrdersExamined = examined, OrdersMatched = matched };
    }
}
