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

    private static World ShopAndBilling(OrderLine[] shop, OrderLine[] billing)
    {
        var total = shop.Sum(l => l.Quantity * l.UnitPrice);
        var order = Orders.Default with { Subtotal = total, Discount = 0m, Tax = 0m, Total = total, Lines = shop };
        return new World().With("shop", order).With("crm", order).With("billing", order with { Lines = billing });
    }

    [Fact]
    public void A_repeated_sku_that_reached_billing_once_is_a_partial_sync_of_its_quantity()
    {
        var world = ShopAndBilling(
            [new OrderLine("SKU-1", 1, 25.00m), new OrderLine("SKU-1", 1, 25.00m)],
            [new OrderLine("SKU-1", 1, 25.00m)]);

        var finding = Assert.Single(world.Findings());

        Assert.Equal(FindingType.PartialSync, finding.Type);
        Assert.Equal(("billing", "lines[SKU-1].quantity", "2", "1"), (finding.System, finding.Attribute, finding.Expected, finding.Actual));
        Assert.Equal(25.00m, finding.ValueAtRisk);
    }

    public static TheoryData<OrderLine[], OrderLine[]> SameUnits => new()
    {
        { [new("SKU-1", 1, 50.00m), new("SKU-1", 1, 40.00m)], [new("SKU-1", 1, 50.00m), new("SKU-1", 1, 40.00m)] },
        { [new("SKU-1", 1, 50.00m), new("SKU-1", 1, 40.00m)], [new("SKU-1", 1, 40.00m), new("SKU-1", 1, 50.00m)] },
        { [new("SKU-1", 1, 25.00m), new("SKU-1", 1, 25.00m)], [new("SKU-1", 2, 25.00m)] },
        { [new("SKU-1", 2, 25.00m), new("SKU-2", 1, 10.00m)], [new("SKU-2", 1, 10.00m), new("SKU-1", 1, 25.00m), new("SKU-1", 1, 25.00m)] },
    };

    [Theory]
    [MemberData(nameof(SameUnits))]
    public void The_same_units_at_the_same_prices_match_however_the_lines_are_split_or_ordered(OrderLine[] shop, OrderLine[] billing)
    {
        Assert.Empty(ShopAndBilling(shop, billing).Findings());
    }

    [Fact]
    public void Units_of_one_sku_at_other_prices_are_a_price_mismatch_even_when_the_amounts_agree()
    {
        var world = ShopAndBilling(
            [new OrderLine("SKU-1", 1, 50.00m), new OrderLine("SKU-1", 1, 40.00m)],
            [new OrderLine("SKU-1", 2, 45.00m)]);

        var finding = Assert.Single(world.Findings());

        Assert.Equal(FindingType.FieldMismatch, finding.Type);
        Assert.Equal(("lines[SKU-1].unitPrice", "40.00 (1) + 50.00 (1)", "45.00"), (finding.Attribute, finding.Expected, finding.Actual));
        Assert.Equal(10.00m, finding.ValueAtRisk);
    }

    [Fact]
    public void More_units_in_a_target_than_the_source_sold_are_a_mismatch_not_a_partial_sync()
    {
        var world = ShopAndBilling([new OrderLine("SKU-1", 1, 25.00m)], [new OrderLine("SKU-1", 1, 25.00m), new OrderLine("SKU-1", 1, 25.00m)]);

        var finding = Assert.Single(world.Findings());

        Assert.Equal((FindingType.FieldMismatch, "lines[SKU-1].quantity", "1", "2"), (finding.Type, finding.Attribute, finding.Expected, finding.Actual));
    }
}
