using Reconcile.Engine.Findings;
using Reconcile.Engine.Tests.Builders;

namespace Reconcile.Engine.Tests.Matching;

public class PartialSyncTests
{
    [Fact]
    public void A_target_without_its_lines_is_one_partial_sync_not_one_finding_per_sku()
    {
        var world = new World().With("shop", Orders.Default).With("crm", Orders.Default)
            .With("billing", Orders.Default with { Lines = [] });

        var finding = Assert.Single(world.Findings());

        Assert.Equal((FindingType.PartialSync, "billing", "lines"), (finding.Type, finding.System, finding.Attribute));
        Assert.Equal("finance-ops", finding.Owner);
    }

    [Fact]
    public void A_target_without_the_promo_code_is_a_partial_sync()
    {
        var world = new World().With("shop", Orders.Default).With("billing", Orders.Default)
            .With("crm", Orders.Default with { PromoCode = null });

        var finding = Assert.Single(world.Findings());

        Assert.Equal((FindingType.PartialSync, "crm", "promoCode"), (finding.Type, finding.System, finding.Attribute));
        Assert.Equal(("SPRING24", null), (finding.Expected, finding.Actual));
        Assert.Equal("crm-owner", finding.Owner);
    }

    [Fact]
    public void A_target_with_another_promo_code_is_a_field_mismatch()
    {
        var world = new World().With("shop", Orders.Default).With("billing", Orders.Default)
            .With("crm", Orders.Default with { PromoCode = "WELCOME5" });

        Assert.Equal(FindingType.FieldMismatch, Assert.Single(world.Findings()).Type);
    }

    [Fact]
    public void A_missing_campaign_is_a_partial_sync_when_the_flow_compares_campaigns()
    {
        var flow = World.Flow with { Compare = ["campaign"] };
        var world = new World().With("shop", Orders.Default).With("crm", Orders.Default)
            .With("billing", Orders.Default with { Campaign = null });

        var finding = Assert.Single(world.Findings(flow));

        Assert.Equal((FindingType.PartialSync, "campaign"), (finding.Type, finding.Attribute));
    }
}
