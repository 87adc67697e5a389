using Reconcile.Engine.Findings;
using Reconcile.Engine.Flows;
using Reconcile.Engine.Matching;
using Reconcile.Engine.Reference;
using Reconcile.Hosting;

namespace Reconcile.Reconciliation;

/// <summary>The engine over a run's orders: incremental in one snapshot, full in bounded id ranges.</summary>
internal static class OrderSweep
{
    // Records committed while the last run was reading carry a receive time just before its watermark: re-read them.
    private static readonly TimeSpan InFlight = TimeSpan.FromMinutes(1);

    /// <summary>Incremental: the changed and the carried orders in one snapshot. Full: every order, range by range, so memory stays bounded.</summary>
    /// <remarks>
    /// The examined set says which orders' exceptions may resolve automatically: a pending order (inside the lag
    /// window by its own updatedAt) was not compared with its targets, so it proves nothing and is left out.
    /// The run's figures count a compared order once: when it is first compared after a change or after its
    /// window passed, not again when the in-flight margin of the next incremental run brings it back unchanged.
    /// Pending orders are counted by every run that sees them: each run says how many are waiting now.
    /// </remarks>
    public static async Task<(ReconcileResult Result, HashSet<string> Examined)> ReconcileAsync(
        RecordSnapshotLoader loader, FlowDefinition definition, IReadOnlyList<string> systems, DateTimeOffset? previousWatermark,
        ReferenceData reference, DateTimeOffset now, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var total = new SweepTotals();
        if (previousWatermark is { } watermark)
        {
            var orderIds = await loader.ChangedOrderIdsAsync(systems, watermark - InFlight, watermark - definition.LagWindow, cancellationToken);
            progress?.Report(new WorkProgress(0, orderIds.Count));
            // The changed orders in two halves on two cores: each half is read, checked and counted on its own.
            var parts = await loader.InPartsAsync(systems, orderIds, snapshot =>
            {
                var result = Reconciler.Reconcile(definition, snapshot.OrderIds, snapshot.Get, reference, now);
                return (Result: Counted(result, snapshot, definition, systems, watermark), Compared: Compared(snapshot, result).ToList());
            }, cancellationToken);
            progress?.Report(new WorkProgress(orderIds.Count, orderIds.Count));
            foreach (var part in parts)
            {
                total.Add(part.Result, part.Compared);
            }

            return (total.Result, total.Examined);
        }

        // Each range is reconciled by the reader that read it, on its own core; the totals are added up here, in order.
        var ranges = loader.StreamAllAsync(systems, range =>
        {
            var part = Reconciler.Reconcile(definition, range.OrderIds, range.Get, reference, now);
            return (Result: part, Compared: Compared(range, part).ToList());
        }, progress, cancellationToken);
        await foreach (var (part, compared) in ranges)
        {
            total.Add(part, compared);
        }

        return (total.Result, total.Examined);
    }

    private static IEnumerable<string> Compared(RecordSnapshot snapshot, ReconcileResult result)
    {
        var pending = result.PendingOrderIds as IReadOnlySet<string> ?? new HashSet<string>(result.PendingOrderIds, StringComparer.Ordinal);
        return snapshot.OrderIds.Where(id => !pending.Contains(id));
    }

    /// <summary>
    /// Compared and matched without the orders that the last run already compared and that did not change since
    /// (the in-flight margin re-reads them): an order counts when a record of it arrived at or after the watermark or
    /// when it was still pending at the watermark.
    /// </summary>
    private static ReconcileResult Counted(
        ReconcileResult result, RecordSnapshot snapshot, FlowDefinition definition, IReadOnlyList<string> systems, DateTimeOffset watermark)
    {
        var pending = new HashSet<string>(result.PendingOrderIds, StringComparer.Ordinal);
        var withFindings = result.Findings.Select(f => f.OrderId).ToHashSet(StringComparer.Ordinal);
        var (compared, matched) = (0, 0);
        foreach (var id in snapshot.OrderIds)
        {
            if (pending.Contains(id))
            {
                continue;
            }

            // A record stamped with the watermark's very instant may have missed the last run's read: it counts as new.
            var counts = systems.Any(system => snapshot.Get(system, id).Any(r => r.ReceivedAt >= watermark))
                || OrderClock.IsPending(systems, system => snapshot.Get(system, id), definition.LagWindow, watermark);
            if (counts)
            {
                compared++;
                matched += withFindings.Contains(id) ? 0 : 1;
            }
        }

        return result with { OrdersExamined = compared, OrdersMatched = matched };
    }
}
