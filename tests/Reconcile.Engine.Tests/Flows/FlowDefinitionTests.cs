using Reconcile.Engine.Simulation;

namespace Reconcile.Engine.Tests.Flows;

public class FlowDefinitionTests
{
    [Theory]
    [InlineData("customerId", "crm")]
    [InlineData("total", "shop")]
    [InlineData("lines", "shop")]
    public void Unnamed_attributes_belong_to_the_source(string attribute, string authority)
    {
        Assert.Equal(authority, SimulatedFlow.PromoToBilling.AuthorityFor(attribute));
    }

    [Theory]
    [InlineData("crm", "crm-owner")]
    [InlineData("billing", "finance-ops")]
    [InlineData("warehouse", "campaign-ops")]
    public void A_system_without_an_owner_routes_to_the_flow_owner(string system, string owner)
    {
        Assert.Equal(owner, SimulatedFlow.PromoToBilling.OwnerOf(system));
    }
}
