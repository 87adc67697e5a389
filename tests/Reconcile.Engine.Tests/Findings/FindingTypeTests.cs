using Reconcile.Engine.Findings;

namespace Reconcile.Engine.Tests.Findings;

public class FindingTypeTests
{
    [Fact]
    public void Finding_types_have_the_design_wire_names()
    {
        Assert.Equal(
            [
                "missing_in_target", "orphan_in_target", "field_mismatch", "partial_sync", "schema_drift",
                "referential_integrity", "business_rule", "duplicate", "conflict", "stale_source",
            ],
            FindingType.All);
    }

    [Theory]
    [InlineData(FindingType.BusinessRule, true)]
    [InlineData(FindingType.Conflict, true)]
    [InlineData(FindingType.FieldMismatch, false)]
    [InlineData(FindingType.MissingInTarget, false)]
    public void Only_business_rules_and_conflicts_route_to_the_flow_owner(string type, bool toFlowOwner)
    {
        Assert.Equal(toFlowOwner, FindingType.RoutesToFlowOwner(type));
    }

    [Fact]
    public void The_fingerprint_is_flow_order_type_system_attribute()
    {
        var finding = new Finding
        {
            Flow = "f", Type = FindingType.FieldMismatch, OrderId = "1", System = "crm", Attribute = "lines[SKU-1].quantity",
            Owner = "crm-owner",
        };

        Assert.Equal("f|1|field_mismatch|crm|lines[SKU-1].quantity", finding.Fingerprint);
    }
}
