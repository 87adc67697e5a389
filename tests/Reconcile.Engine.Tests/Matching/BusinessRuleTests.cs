using Reconcile.Engine.Findings;
using Reconcile.Engine.Reference;
using Reconcile.Engine.Tests.Builders;

namespace Reconcile.Engine.Tests.Matching;

public class BusinessRuleTests
{
    private static readonly DateTimeOffset Placed = Orders.Default.UpdatedAt;

    private static ReferenceData Promo(string? campaign, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        new(promotions: [new Promotion("SPRING24", campaign, from, to, 10m, null)]);

    [Fact]
    public void A_promo_used_outside_its_campaign_is_a_business_rule_for_the_flow_owner()
    {
        var finding = Assert.Single(World.InSync().Findings(reference: Promo("summer-social")));

        Assert.Equal((FindingType.BusinessRule, "shop", "promoCode.campaign"), (finding.Type, finding.System, finding.Attribute));
        Assert.Equal(("summer-social", "spring-email"), (finding.Expected, finding.Actual));
        Assert.Equal("campaign-ops", finding.Owner);
    }

    [Theory]
    [InlineData(-10, 10, false)]
    [InlineData(0, 10, false)]
    [InlineData(-10, 0, false)]
    [InlineData(1, 10, true)]
    [InlineData(-10, -1, true)]
    public void A_promo_outside_its_dates_is_a_business_rule(int fromDays, int toDays, bool reported)
    {
        var reference = Promo(null, Placed.AddDays(fromDays), Placed.AddDays(toDays));

        var findings = World.InSync().Findings(reference: reference);

        Assert.Equal(reported, findings.Any(f => f.Type == FindingType.BusinessRule && f.Attribute == "promoCode.dates"));
    }

    [Fact]
    public void Promo_dates_are_checked_against_when_the_order_was_created()
    {
        var order = Orders.Default with { CreatedAt = Placed.AddDays(-3) };

        var findings = World.InSync(order).Findings(reference: Promo(null, Placed.AddDays(-1)));

        Assert.Contains(findings, f => f.Attribute == "promoCode.dates");
    }

    [Theory]
    [InlineData("90.00", false)]
    [InlineData("90.004", false)]
    [InlineData("90.01", false)]
    [InlineData("90.02", true)]
    [InlineData("100.00", true)]
    public void A_total_that_does_not_add_up_beyond_tolerance_breaks_a_rule(string total, bool reported)
    {
        var order = Orders.Default with { Total = decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture) };

        var findings = World.InSync(order).Findings();

        Assert.Equal(reported, findings.Any(f => f.Type == FindingType.BusinessRule && f.Attribute == "total"));
    }

    [Fact]
    public void The_arithmetic_is_not_checked_when_a_part_is_missing()
    {
        Assert.Empty(World.InSync(Orders.Default with { Tax = null, Total = 95m }).Findings());
    }

    [Fact]
    public void A_broken_total_reports_the_computed_value_and_the_difference_at_risk()
    {
        var finding = Assert.Single(World.InSync(Orders.Default with { Total = 100.00m }).Findings());

        Assert.Equal(("90.00", "100.00", 10.00m), (finding.Expected, finding.Actual, finding.ValueAtRisk));
    }
}
