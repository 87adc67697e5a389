using Reconcile.Engine.Findings;
using Reconcile.Engine.Tests.Builders;

namespace Reconcile.Engine.Tests.Matching;

public class PresenceTests
{
    [Fact]
    public void Identical_copies_produce_no_finding()
    {
        var result = World.InSync().Run();

        Assert.Empty(result.Findings);
        Assert.Equal(1, result.OrdersExamined);
        Assert.Equal(1, result.OrdersMatched);
        Assert.Equal(1d, result.MatchRate);
    }

    [Fact]
    public void An_order_missing_in_a_target_is_reported_once_to_the_target_owner()
    {
        var world = new World().With("shop", Orders.Default).With("crm", Orders.Default);

        var result = world.Run();

        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingType.MissingInTarget, finding.Type);
        Assert.Equal("billing", finding.System);
        Assert.Equal("finance-ops", finding.Owner);
        Assert.Equal(90.00m, finding.ValueAtRisk);
        Assert.Equal("promo-to-billing|1042|missing_in_target|billing|", finding.Fingerprint);
        Assert.Equal(0, result.OrdersMatched);
        Assert.Equal(1, result.FindingsByType[FindingType.MissingInTarget]);
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(14, false)]
    [InlineData(15, true)]
    [InlineData(60, true)]
    public void A_missing_copy_counts_only_after_the_lag_window(int sourceAgeMinutes, bool reported)
    {
        var world = new World()
            .With("shop", Orders.Default, TimeSpan.FromMinutes(sourceAgeMinutes))
            .With("crm", Orders.Default);

        var findings = world.Findings();

        Assert.Equal(reported, findings.Any(f => f.Type == FindingType.MissingInTarget && f.System == "billing"));
    }

    [Fact]
    public void Differences_inside_the_lag_window_are_not_findings_yet()
    {
        var world = new World()
            .With("shop", Orders.Default, TimeSpan.FromMinutes(2))
            .With("crm", Orders.Default with { Status = "pending" })
            .With("billing", Orders.Default with { Total = 95m });

        Assert.Empty(world.Findings());
    }

    [Theory]
    [InlineData(60, true)]
    [InlineData(5, false)]
    public void A_target_record_without_a_source_is_an_orphan_after_the_lag_window(int ageMinutes, bool reported)
    {
        var world = new World().With("billing", Orders.Default, TimeSpan.FromMinutes(ageMinutes));

        var findings = world.Findings();

        Assert.Equal(reported, findings.Count == 1);
        Assert.All(findings, f =>
        {
            Assert.Equal(FindingType.OrphanInTarget, f.Type);
            Assert.Equal("billing", f.System);
            Assert.Equal("finance-ops", f.Owner);
        });
    }

    [Fact]
    public void Only_the_requested_orders_are_examined()
    {
        var world = World.InSync().With("shop", Orders.Default with { OrderId = "2" });

        var result = Engine.Matching.Reconciler.Reconcile(
            World.Flow, ["1042"], (system, id) => [], Engine.Reference.ReferenceData.Empty, Orders.Now);

        Assert.Equal(1, result.OrdersExamined);
        Assert.Empty(result.Findings);
        Assert.Equal(2, world.Run().OrdersExamined);
    }
}
