using Reconcile.Engine.Flows;
using Reconcile.Engine.Simulation;

namespace Reconcile.Engine.Tests.Flows;

public class FlowValidatorTests
{
    private static readonly FlowDefinition Valid = SimulatedFlow.PromoToBilling;

    [Fact]
    public void The_default_flow_is_valid()
    {
        Assert.Empty(FlowValidator.Validate(Valid));
    }

    public static TheoryData<FlowDefinition, string> Broken => new()
    {
        { Valid with { Targets = [] }, "Targets:" },
        { Valid with { Targets = ["crm", "shop"] }, "Targets:" },
        { Valid with { Compare = ["colour"] }, "Compare: unknown attribute 'colour'" },
        { Valid with { Authority = new Dictionary<string, string> { ["total"] = "erp" } }, "Authority:total: system 'erp'" },
        { Valid with { Authority = new Dictionary<string, string> { ["colour"] = "crm" } }, "Authority:colour: unknown attribute" },
        { Valid with { LagWindow = TimeSpan.FromMinutes(-1) }, "LagWindow:" },
        { Valid with { MoneyTolerance = -0.01m }, "MoneyTolerance:" },
        { Valid with { MoneyTolerances = new Dictionary<string, decimal> { ["XYZ"] = 1m } }, "MoneyTolerance:XYZ: not an ISO 4217" },
        { Valid with { MoneyTolerances = new Dictionary<string, decimal> { ["JPY"] = -1m } }, "MoneyTolerance:JPY: must not be negative" },
        { Valid with { MaxExceptionRate = 0 }, "MaxExceptionRate:" },
        { Valid with { Owner = "" }, "Owner:" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_flow_names_the_offending_key(FlowDefinition flow, string message)
    {
        var errors = FlowValidator.Validate(flow);

        Assert.Contains(errors, e => e.StartsWith(message, StringComparison.Ordinal));
    }
}
