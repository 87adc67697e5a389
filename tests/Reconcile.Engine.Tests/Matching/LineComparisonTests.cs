using Reconcile.Engine.Findings;
using Reconcile.Engine.Records;
using Reconcile.Engine.Tests.Builders;

namespace Reconcile.Engine.Tests.Matching;

public class LineComparisonTests
{
    private static World BillingWith(params OrderLine[] lines) =>
        new World().With("shop", Orders.Default).With("crm", Orders.Default)
            .With("billing", Orders.Default with { Lines = lines });

    [Fact]
    public void Lines_in_another_order_match_by_sku()
    {
        var world = BillingWith(new OrderLine("SKU-2", 1, 40.00m), new OrderLine("SKU-1", 2, 30.00m));

        Assert.Empty(world.Findings());
    }

    [Theory]
    [InlineData(3, "30.00", "lines[SKU-1].quantity", "2", "3", "30.00")]
    [InlineData(2, "31.00", "lines[SKU-1].unitPrice", "30.00", "31.00", "2.00")]
    public void A_differing_line_is_reported_by_sku_and_field(
        int quantity, string unitPrice, string attribute, string expected, string actual, string atRisk)
    {
        var world = BillingWith(new OrderLine("SKU-1", quantity, Money(unitPrice)), new OrderLine("SKU-2", 1, 40.00m));

        var finding = Assert.Single(world.Findings());

        Assert.Equal(FindingType.FieldMismatch, finding.Type);
        Assert.Equal((attribute, expected, actual), (finding.Attribute, finding.Expected, finding.Actual));
        Assert.Equal(Money(atRisk), finding.ValueAtRisk);
        Assert.Equal("billing", finding.System);
    }

    private static decimal Money(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_unit_price_within_tolerance_matches()
    {
        var world = BillingWith(new OrderLine("SKU-1", 2, 30.004m), new OrderLine("SKU-2", 1, 39.996m));

        Assert.Empty(world.Findings());
    }

    [Fact]
    public void Missing_and_extra_skus_are_reported_as_whole_lines()
    {
        var world = BillingWith(new OrderLine("SKU-1", 2, 30.00m), new OrderLine("SKU-3", 1, 40.00m));

        var attributes = world.Findings().Select(f => (f.Attribute, f.Expected, f.Actual)).ToList();

        Assert.Equal(2, attributes.Count);
        Assert.Contains(("lines[SKU-2]", "1 × 40.00", null), attributes);
        Assert.Contains(("lines[SKU-3]", null, "1 × 40.00"), attributes);
    }
}
