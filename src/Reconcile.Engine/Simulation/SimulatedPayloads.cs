using Reconcile.Engine.Records;

namespace Reconcile.Engine.Simulation;

/// <summary>Turns simulated records into the raw JSON each system sends, in its own dialect.</summary>
internal static class SimulatedPayloads
{
    // The inverse of the CRM field map: CRM writes promo_tag where the canonical shape says promoCode.
    private static readonly Dictionary<string, string> CrmNames =
        SimulatedFlow.CrmFieldMap.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static string Serialize(SimulatedCopy copy) =>
        copy.RawOverride ?? CanonicalJson.Serialize(copy.Record, copy.System == SimulatedFlow.Crm ? CrmNames : null);

    public static void Write(SimulatedOrder order, List<SimulatedPayload> payloads)
    {
        if (order.Shop is { } shop)
        {
            payloads.Add(new SimulatedPayload(SimulatedFlow.Shop, CanonicalJson.Serialize(shop), order.ShopReceivedAt));
        }

        foreach (var copy in order.Copies)
        {
            payloads.Add(new SimulatedPayload(copy.System, Serialize(copy), copy.ReceivedAt));
        }
    }
}
