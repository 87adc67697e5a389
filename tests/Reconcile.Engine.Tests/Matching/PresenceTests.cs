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
        Assert.Equal(0, result.OrdersPending);
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
            .With("shop", UpdatedAgo(sourceAgeMinutes))
            .With("crm", Orders.Default);

        var findings = world.Findings();

        Assert.Equal(reported, findings.Any(f => f.Type == FindingType.MissingInTarget && f.System == "billing"));
    }

    [Fact]
    public void Differences_inside_the_lag_window_are_not_findings_yet()
    {
        var world = new World()
            .With("shop", UpdatedAgo(2))
            .With("crm", UpdatedAgo(2) with { Status = "pending" })
            .With("billing", UpdatedAgo(2) with { Total = 95m });

        var result = world.Run();

        Assert.Empty(result.Findings);
        Assert.Equal((0, 0, 1), (result.OrdersExamined, result.OrdersMatched, result.OrdersPending));
        Assert.Equal(["1042"], result.PendingOrderIds);
        Assert.Null(result.MatchRate);
    }

    [Fact]
    public void An_order_updated_hours_ago_is_compared_however_recently_it_arrived()
    {
        var world = new World()
            .With("shop", Orders.Default, received: TimeSpan.FromSeconds(10))
            .With("crm", Orders.Default, received: TimeSpan.FromSeconds(10));

        var result = world.Run();

        Assert.Equal(FindingType.MissingInTarget, Assert.Single(result.Findings).Type);
        Assert.Equal((1, 0, 0), (result.OrdersExamined, result.OrdersMatched, result.OrdersPending));
        Assert.Equal(0d, result.MatchRate);
    }

    [Theory]
    [InlineData("2026-11-20T11:50:00+05:00", false)]
    [InlineData("2026-11-20T06:50:00-05:00", true)]
    [InlineData("2026-11-20T11:50:00Z", true)]
    public void The_lag_window_compares_instants_whatever_offset_the_system_writes(string updatedAt, bool pending)
    {
        var order = Orders.Default with { UpdatedAt = DateTimeOffset.Parse(updatedAt, System.Globalization.CultureInfo.InvariantCulture) };

        var result = World.InSync(order).Run();

        Assert.Equal(pending ? 1 : 0, result.OrdersPending);
    }

    [Fact]
    public void An_order_updated_in_the_future_stays_pending_until_that_time_and_its_window_have_passed()
    {
        var skewed = Orders.Default with { UpdatedAt = Orders.Now.AddHours(2) };
        var world = new World().With("shop", skewed).With("crm", skewed);

        Assert.Equal(1, world.Run().OrdersPending);
        var justBefore = Engine.Matching.Reconciler.Reconcile(World.Flow, world.Snapshot, Engine.Reference.ReferenceData.Empty, Orders.Now.AddHours(2).AddMinutes(14));
        Assert.Equal(1, justBefore.OrdersPending);
        var later = Engine.Matching.Reconciler.Reconcile(World.Flow, world.Snapshot, Engine.Reference.ReferenceData.Empty, Orders.Now.AddHours(2) + World.Flow.LagWindow);
        Assert.Equal((0, 1), (later.OrdersPending, later.OrdersExamined));
        Assert.Equal(FindingType.MissingInTarget, Assert.Single(later.Findings).Type);
    }

    [Fact]
    public void Checks_that_do_not_depend_on_age_still_run_on_a_pending_order()
    {
        var young = UpdatedAgo(1) with { Subtotal = 100m, Discount = 10m, Tax = 0m, Total = 95m };
        var world = new World().With("shop", young).Quarantined("billing", "1042", "currency: required field is missing");

        var result = world.Run();

        Assert.Equal(1, result.OrdersPending);
        Assert.Equal(0, result.OrdersExamined);
        Assert.Equal(
            [FindingType.BusinessRule, FindingType.SchemaDrift],
            result.Findings.Select(f => f.Type).Order(StringComparer.Ordinal));
    }

    private static Engine.Records.OrderRecord UpdatedAgo(int minutes) =>
        Orders.Default with { UpdatedAt = Orders.Now.AddMinutes(-minutes) };

    [Theory]
    [InlineData(60, true)]
    [InlineData(5, false)]
    public void A_target_record_without_a_source_is_an_orphan_after_the_lag_window(int ageMinutes, bool reported)
    {
        var world = new World().With("billing", UpdatedAgo(ageMinutes));

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
