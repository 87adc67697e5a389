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
}
