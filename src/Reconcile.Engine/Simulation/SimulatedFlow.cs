using Reconcile.Engine.Flows;

namespace Reconcile.Engine.Simulation;

/// <summary>The flow and systems of the sample configuration, which the simulated world follows.</summary>
public static class SimulatedFlow
{
    public const string Shop = "shop";
    public const string Crm = "crm";
    public const string Billing = "billing";

    /// <summary>CRM calls the promo code <c>promo_tag</c>.</summary>
    public static IReadOnlyDictionary<string, string> CrmFieldMap { get; } =
        new Dictionary<string, string> { ["promo_tag"] = OrderAttributes.PromoCode };

    public static FlowDefinition PromoToBilling { get; } = new()
    {
        Name = "promo-to-billing",
        Source = Shop,
        Targets = [Crm, Billing],
        LagWindow = TimeSpan.FromMinutes(15),
        Compare =
        [
            OrderAttributes.CustomerId, OrderAttributes.Currency, OrderAttributes.Total, OrderAttributes.Discount,
            OrderAttributes.PromoCode, OrderAttributes.Status, OrderAttributes.Lines,
        ],
        Authority = new Dictionary<string, string> { [OrderAttributes.CustomerId] = Crm },
        MoneyTolerance = 0.01m,
        Owner = "campaign-ops",
        SystemOwners = new Dictionary<string, string>
        {
            [Shop] = "campaign-ops",
            [Crm] = "crm-owner",
            [Billing] = "finance-ops",
        },
        MaxExceptionRate = 0.2,
    };
}
