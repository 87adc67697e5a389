using Reconcile.Engine.Findings;
using Reconcile.Engine.Tests.Builders;

namespace Reconcile.Engine.Tests.Matching;

public class ConflictTests
{
    [Theory]
    [InlineData(5, FindingType.Conflict, "campaign-ops")]
    [InlineData(0, FindingType.FieldMismatch, "finance-ops")]
    [InlineData(-5, FindingType.FieldMismatch, "finance-ops")]
    public void A_target_changed_after_the_source_is_a_conflict_for_the_flow_owner(
        int minutesAfterSource, string type, string owner)
    {
        var billing = Orders.Default with
        {
            Status = "refunded",
            UpdatedAt = Orders.Default.UpdatedAt.AddMinutes(minutesAfterSource),
        };
        var world = new World().With("shop", Orders.Default).With("crm", Orders.Default).With("billing", billing);

        var finding = Assert.Single(world.Findings());

        Assert.Equal((type, "billing", "status", owner), (finding.Type, finding.System, finding.Attribute, finding.Owner));
        Assert.Equal(("paid", "refunded"), (finding.Expected, finding.Actual));
    }

    [Fact]
    public void An_attribute_the_target_owns_is_not_a_conflict()
    {
        // The CRM is authoritative for customerId: its later change is the truth, so the shop is wrong.
        var crm = Orders.Default with { CustomerId = "C-99", UpdatedAt = Orders.Default.UpdatedAt.AddMinutes(5) };
        var world = new World().With("shop", Orders.Default).With("crm", crm)
            .With("billing", Orders.Default with { CustomerId = "C-99" });

        var finding = Assert.Single(world.Findings());

        Assert.Equal((FindingType.FieldMismatch, "shop"), (finding.Type, finding.System));
    }
}
