using Reconcile.Engine.Findings;
using Reconcile.Engine.Matching;
using Reconcile.Reconciliation;

namespace Reconcile.Tests.Reconciliation;

/// <summary>A run's figures over parts of its orders (full-run ranges, incremental halves) are the sums of the parts'.</summary>
public sealed class SweepTotalsTests
{
    [Fact]
    public void Two_parts_add_up_to_one_result_with_every_finding_count_and_pending_order()
    {
        var totals = new SweepTotals();
        totals.Add(Part(["A-1"], compared: 3, matched: 2, pending: ["A-9"]), ["A-1", "A-2", "A-3"]);
        totals.Add(Part(["B-1", "B-2"], compared: 4, matched: 2, pending: []), ["B-1", "B-2", "B-3", "B-4"]);

        var result = totals.Result;

        Assert.Equal(["A-1", "B-1", "B-2"], result.Findings.Select(f => f.OrderId));
        Assert.Equal((7, 4, 1), (result.OrdersExamined, result.OrdersMatched, result.OrdersPending));
        Assert.Equal(["A-9"], result.PendingOrderIds);
        Assert.Equal(3, result.FindingsByType[FindingType.MissingInTarget]);
        Assert.Equal(7, totals.Examined.Count);
    }

    private static ReconcileResult Part(string[] missing, int compared, int matched, string[] pending) =>
        new([.. missing.Select(Missing)], compared, matched, new Dictionary<string, int> { [FindingType.MissingInTarget] = missing.Length })
        {
            OrdersPending = pending.Length,
            PendingOrderIds = pending,
        };

    private static Finding Missing(string orderId) => new()
    {
        Flow = "promo-to-billing",
        OrderId = orderId,
        Type = FindingType.MissingInTarget,
        System = "billing",
        Owner = "finance",
    };
}
