using Reconcile.Engine.Findings;
using Reconcile.Engine.Tests.Builders;

namespace Reconcile.Engine.Tests.Matching;

public class RecordQualityTests
{
    [Fact]
    public void A_quarantined_copy_is_schema_drift_and_not_also_missing()
    {
        var world = new World().With("shop", Orders.Default).With("billing", Orders.Default)
            .Quarantined("crm", "1042", "total: expected a number, got a string");

        var finding = Assert.Single(world.Findings());

        Assert.Equal((FindingType.SchemaDrift, "crm", "crm-owner"), (finding.Type, finding.System, finding.Owner));
        Assert.Equal("total: expected a number, got a string", finding.Actual);
        Assert.Contains("total: expected a number", finding.Diagnostics.SuggestedRemediation, StringComparison.Ordinal);
        Assert.Equal("{\"orderId\":\"1042\"}", finding.Diagnostics.ActualRecord);
    }

    [Fact]
    public void A_quarantined_source_does_not_turn_its_targets_into_orphans()
    {
        var world = new World().With("crm", Orders.Default).With("billing", Orders.Default)
            .Quarantined("shop", "1042", "currency: required field is missing");

        var finding = Assert.Single(world.Findings());

        Assert.Equal((FindingType.SchemaDrift, "shop", "campaign-ops"), (finding.Type, finding.System, finding.Owner));
    }

    [Fact]
    public void Two_records_with_different_external_ids_in_one_system_are_a_duplicate()
    {
        var world = World.InSync(Orders.Default with { ExternalId = "INV-1" })
            .With("billing", Orders.Default with { ExternalId = "INV-2" }, TimeSpan.FromMinutes(30));

        var findings = world.Findings();

        var finding = Assert.Single(findings);
        Assert.Equal((FindingType.Duplicate, "billing", "finance-ops"), (finding.Type, finding.System, finding.Owner));
        Assert.Equal("INV-1, INV-2", finding.Actual);
    }

    [Fact]
    public void The_same_record_delivered_twice_is_not_a_duplicate()
    {
        var world = World.InSync(Orders.Default with { ExternalId = "INV-1" })
            .With("billing", Orders.Default with { ExternalId = "INV-1" }, TimeSpan.FromMinutes(30));

        Assert.Empty(world.Findings());
    }

    [Fact]
    public void Of_duplicates_the_latest_received_copy_is_compared()
    {
        var world = new World().With("shop", Orders.Default).With("crm", Orders.Default)
            .With("billing", Orders.Default with { ExternalId = "INV-1" }, TimeSpan.FromHours(2))
            .With("billing", Orders.Default with { ExternalId = "INV-2", Total = 99m }, TimeSpan.FromHours(1));

        var findings = world.Findings();

        Assert.Contains(findings, f => f.Type == FindingType.Duplicate);
        Assert.Contains(findings, f => f.Type == FindingType.FieldMismatch && f.Actual == "99");
    }

    [Fact]
    public void Two_different_records_claiming_the_same_updated_at_without_external_ids_are_a_duplicate()
    {
        var world = World.InSync()
            .With("billing", Orders.Default with { Status = "refunded" }, received: TimeSpan.FromMinutes(30));

        var duplicate = Assert.Single(world.Findings(), f => f.Type == FindingType.Duplicate);

        Assert.Equal(("billing", "updatedAt", "2026-11-20 10:00:00Z", "2 different records"), (duplicate.System, duplicate.Attribute, duplicate.Expected, duplicate.Actual));
        Assert.Equal("finance-ops", duplicate.Owner);
    }

    [Fact]
    public void A_newer_updated_at_without_external_ids_is_an_update_not_a_duplicate()
    {
        var world = World.InSync()
            .With("billing", Orders.Default with { UpdatedAt = Orders.Default.UpdatedAt.AddMinutes(1) }, received: TimeSpan.FromMinutes(30));

        Assert.DoesNotContain(world.Findings(), f => f.Type == FindingType.Duplicate);
    }
}
