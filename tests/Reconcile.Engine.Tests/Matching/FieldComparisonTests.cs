using Reconcile.Engine.Findings;
using Reconcile.Engine.Tests.Builders;

namespace Reconcile.Engine.Tests.Matching;

public class FieldComparisonTests
{
    [Theory]
    [InlineData("90.004", false)]
    [InlineData("89.995", false)]
    [InlineData("90.01", false)]
    [InlineData("90.02", true)]
    [InlineData("95.00", true)]
    public void Money_within_tolerance_is_not_a_mismatch(string billingTotal, bool reported)
    {
        var total = decimal.Parse(billingTotal, System.Globalization.CultureInfo.InvariantCulture);
        var world = new World().With("shop", Orders.Default).With("crm", Orders.Default)
            .With("billing", Orders.Default with { Total = total });

        var findings = world.Findings();

        Assert.Equal(reported, findings.Any(f => f.Type == FindingType.FieldMismatch && f.Attribute == "total"));
    }

    [Fact]
    public void A_wrong_total_expects_the_source_value_and_routes_to_the_target()
    {
        var world = new World().With("shop", Orders.Default).With("crm", Orders.Default)
            .With("billing", Orders.Default with { Total = 95.00m });

        var finding = Assert.Single(world.Findings());

        Assert.Equal(FindingType.FieldMismatch, finding.Type);
        Assert.Equal(("billing", "total", "90.00", "95.00"), (finding.System, finding.Attribute, finding.Expected, finding.Actual));
        Assert.Equal("finance-ops", finding.Owner);
        Assert.Equal(5.00m, finding.ValueAtRisk);
        Assert.Equal("Replay billing from shop: set total to 90.00.", finding.Diagnostics.SuggestedRemediation);
        Assert.Contains("\"total\":95.00", finding.Diagnostics.ActualRecord, StringComparison.Ordinal);
        Assert.Contains("\"total\":90.00", finding.Diagnostics.ExpectedRecord, StringComparison.Ordinal);
        Assert.Single(finding.Diagnostics.FailedChecks);
    }

    [Fact]
    public void The_authoritative_system_supplies_the_expected_value()
    {
        // customerId belongs to the CRM: the shop and billing are wrong, not the CRM.
        var world = new World().With("shop", Orders.Default).With("billing", Orders.Default)
            .With("crm", Orders.Default with { CustomerId = "C-99" });

        var findings = world.Findings().OrderBy(f => f.System).ToList();

        Assert.Equal(["billing", "shop"], findings.Select(f => f.System));
        Assert.All(findings, f =>
        {
            Assert.Equal(FindingType.FieldMismatch, f.Type);
            Assert.Equal("customerId", f.Attribute);
            Assert.Equal("C-99", f.Expected);
            Assert.Equal("C-77", f.Actual);
        });
        Assert.Equal("campaign-ops", findings[1].Owner);
    }

    [Fact]
    public void Without_the_authoritative_copy_the_source_stands_in()
    {
        var world = new World().With("shop", Orders.Default)
            .With("billing", Orders.Default with { CustomerId = "C-99" });

        var findings = world.Findings();

        Assert.Contains(findings, f => f.Type == FindingType.MissingInTarget && f.System == "crm");
        var mismatch = Assert.Single(findings, f => f.Type == FindingType.FieldMismatch);
        Assert.Equal(("billing", "C-77", "C-99"), (mismatch.System, mismatch.Expected, mismatch.Actual));
    }

    [Fact]
    public void Attributes_the_flow_does_not_compare_are_ignored()
    {
        var world = new World().With("shop", Orders.Default).With("crm", Orders.Default)
            .With("billing", Orders.Default with { Region = "EU-DE" });
        var comparingRegion = World.Flow with { Compare = [.. World.Flow.Compare, "region"] };

        Assert.Empty(world.Findings());
        var finding = Assert.Single(world.Findings(comparingRegion));
        Assert.Equal(("region", "US-CA", "EU-DE"), (finding.Attribute, finding.Expected, finding.Actual));
    }

    [Fact]
    public void Each_finding_lists_every_check_its_order_failed_its_own_first()
    {
        var world = new World().With("shop", Orders.Default).With("crm", Orders.Default)
            .With("billing", Orders.Default with { Total = 95.00m, Status = "void" });

        var findings = world.Findings();

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f =>
        {
            Assert.Equal(2, f.Diagnostics.FailedChecks.Count);
            Assert.StartsWith(f.Attribute + ":", f.Diagnostics.FailedChecks[0], StringComparison.Ordinal);
        });
    }

    [Fact]
    public void An_unknown_attribute_in_the_flow_is_refused()
    {
        var flow = World.Flow with { Compare = ["colour"] };

        var error = Assert.Throws<ArgumentException>(() => World.InSync().Run(flow));

        Assert.Contains("colour", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("USD", null, "0.005")]
    [InlineData("JPY", null, "0.5")]
    [InlineData("KWD", null, "0.0005")]
    [InlineData("CLF", null, "0.00005")]
    [InlineData("KWD", "0.01", "0.01")]
    public void Without_a_tolerance_per_currency_money_may_differ_by_half_a_minor_unit(string currency, string? everywhere, string expected)
    {
        var flow = World.Flow with
        {
            MoneyTolerance = everywhere is null ? null : decimal.Parse(everywhere, System.Globalization.CultureInfo.InvariantCulture),
        };

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), flow.ToleranceFor(currency));
    }

    [Fact]
    public void A_billing_system_rounding_a_three_decimal_currency_to_two_decimals_is_caught()
    {
        var kwd = Orders.Default with { Currency = "KWD", Subtotal = 10.125m, Discount = 0m, Tax = 0m, Total = 10.125m, Lines = [new("SKU-1", 1, 10.125m)] };
        var flow = World.Flow with { MoneyTolerance = null, MoneyTolerances = new Dictionary<string, decimal> { ["JPY"] = 1m } };
        var world = new World().With("shop", kwd).With("crm", kwd)
            .With("billing", kwd with { Total = 10.13m, Lines = [new("SKU-1", 1, 10.13m)] });

        var findings = world.Findings(flow);

        Assert.Equal(
            [("lines[SKU-1].unitPrice", "10.125", "10.13"), ("total", "10.125", "10.13")],
            findings.Select(f => (f.Attribute!, f.Expected!, f.Actual!)).Order());
        Assert.All(findings, f => Assert.Equal(FindingType.FieldMismatch, f.Type));
    }

    [Fact]
    public void A_tolerance_configured_for_a_currency_applies_to_its_orders_only()
    {
        var jpy = Orders.Default with { Currency = "JPY", Subtotal = 1000m, Discount = 0m, Tax = 0m, Total = 1000m, Lines = [new("SKU-1", 1, 1000m)] };
        var flow = World.Flow with { MoneyTolerance = null, MoneyTolerances = new Dictionary<string, decimal> { ["JPY"] = 1m } };

        var within = new World().With("shop", jpy).With("crm", jpy).With("billing", jpy with { Total = 1001m });
        var beyond = new World().With("shop", jpy).With("crm", jpy).With("billing", jpy with { Total = 1002m });

        Assert.Empty(within.Findings(flow));
        Assert.Equal("total", Assert.Single(beyond.Findings(flow)).Attribute);
    }
}
