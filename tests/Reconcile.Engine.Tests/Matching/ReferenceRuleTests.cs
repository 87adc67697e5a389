using Reconcile.Engine.Findings;
using Reconcile.Engine.Records;
using Reconcile.Engine.Reference;
using Reconcile.Engine.Tests.Builders;

namespace Reconcile.Engine.Tests.Matching;

public class ReferenceRuleTests
{
    private static readonly ReferenceData Catalog = new(
        customerIds: ["C-77"],
        products: [new Product("SKU-1", 30.00m), new Product("SKU-2")],
        promotions: [new Promotion("SPRING24", "spring-email", null, null, 10m, null)]);

    [Fact]
    public void Known_references_produce_no_finding()
    {
        Assert.Empty(World.InSync().Findings(reference: Catalog));
    }

    [Fact]
    public void An_unknown_customer_is_reported_once_against_the_system_that_emitted_it()
    {
        var finding = Assert.Single(World.InSync(Orders.Default with { CustomerId = "C-404" }).Findings(reference: Catalog));

        Assert.Equal((FindingType.ReferentialIntegrity, "shop", "customerId", "C-404"),
            (finding.Type, finding.System, finding.Attribute, finding.Actual));
        Assert.Equal("campaign-ops", finding.Owner);
    }

    [Fact]
    public void An_unknown_sku_is_reported_by_line()
    {
        var order = Orders.Default with { Lines = [.. Orders.Default.Lines, new OrderLine("SKU-9", 0, 1m)] };

        var finding = Assert.Single(World.InSync(order).Findings(reference: Catalog));

        Assert.Equal((FindingType.ReferentialIntegrity, "shop", "lines[SKU-9].sku"), (finding.Type, finding.System, finding.Attribute));
    }

    [Fact]
    public void A_target_that_introduces_an_unknown_value_is_the_one_at_fault()
    {
        var world = new World().With("shop", Orders.Default).With("crm", Orders.Default)
            .With("billing", Orders.Default with { PromoCode = "FREE100" });

        var finding = Assert.Single(world.Findings(reference: Catalog), f => f.Type == FindingType.ReferentialIntegrity);

        Assert.Equal(("billing", "promoCode", "finance-ops"), (finding.System, finding.Attribute, finding.Owner));
    }

    [Fact]
    public void Reference_data_that_is_not_loaded_is_not_checked()
    {
        var order = Orders.Default with { CustomerId = "C-404", Lines = [new OrderLine("SKU-9", 1, 90m)], PromoCode = "X" };
        var customersOnly = new ReferenceData(customerIds: ["C-77"]);

        Assert.Empty(World.InSync(order).Findings(reference: ReferenceData.Empty));
        Assert.Equal("customerId", Assert.Single(World.InSync(order).Findings(reference: customersOnly)).Attribute);
    }
}
