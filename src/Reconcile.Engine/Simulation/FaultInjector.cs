using System.Globalization;
using System.Text.Json.Nodes;
using Reconcile.Engine.Findings;
using Reconcile.Engine.Records;

namespace Reconcile.Engine.Simulation;

/// <summary>Breaks one order in one way and says what a correct engine must report for it.</summary>
internal static class FaultInjector
{
    private const string Shop = SimulatedFlow.Shop;
    private const string Crm = SimulatedFlow.Crm;
    private const string Billing = SimulatedFlow.Billing;

    /// <summary>The promo an order needs for the fault to make sense, if any.</summary>
    public static string? PromoFor(FaultKind kind, Random rng) => kind switch
    {
        FaultKind.MissingPromoTag => rng.Next(2) == 0 ? SimulatedReference.SpringPromo : SimulatedReference.WelcomePromo,
        FaultKind.BusinessRule => SimulatedReference.SummerPromo,
        _ => null,
    };

    public static InjectedFault Apply(FaultKind kind, SimulatedOrder order, Random rng, DateTimeOffset now)
    {
        var id = order.OrderId;
        var target = rng.Next(2) == 0 ? Crm : Billing;
        switch (kind)
        {
            case FaultKind.DroppedWebhook:
                order.Copies.RemoveAt(order.IndexOf(target));
                return Fault(id, kind, target, FindingType.MissingInTarget);
            case FaultKind.MissingPromoTag:
                Change(order, Crm, r => r with { PromoCode = null });
                return Fault(id, kind, Crm, FindingType.PartialSync);
            case FaultKind.WrongPrice:
                Change(order, Billing, r => r with { Total = r.Total + rng.Next(1, 20) });
                return Fault(id, kind, Billing, FindingType.FieldMismatch);
            case FaultKind.PartialLineItems:
                Change(order, Billing, r => r with { Lines = [] });
                return Fault(id, kind, Billing, FindingType.PartialSync);
            case FaultKind.SchemaDrift:
                Drift(order, target, rng);
                return Fault(id, kind, target, FindingType.SchemaDrift);
            case FaultKind.UnknownSku:
                return Fault(id, kind, Shop, FindingType.ReferentialIntegrity);
            case FaultKind.Duplicate:
                var invoice = order.Copies[order.IndexOf(Billing)];
                order.Copies.Add(invoice with
                {
                    Record = invoice.Record with { ExternalId = invoice.Record.ExternalId + "-2" },
                    ReceivedAt = invoice.ReceivedAt.AddSeconds(30),
                });
                return Fault(id, kind, Billing, FindingType.Duplicate);
            case FaultKind.LateUpdate:
                Late(order, now);
                return new InjectedFault(id, kind, Shop, []);
            case FaultKind.RacingUpdate:
                var shopUpdated = order.Shop!.UpdatedAt;
                Change(order, Billing, r => r with { Status = "refunded", UpdatedAt = shopUpdated.AddMinutes(5) });
                return Fault(id, kind, Billing, FindingType.Conflict);
            case FaultKind.OrphanInTarget:
                order.Shop = null;
                order.Copies.RemoveAt(order.IndexOf(Crm));
                return Fault(id, kind, Billing, FindingType.OrphanInTarget);
            case FaultKind.BusinessRule:
                return Fault(id, kind, Shop, FindingType.BusinessRule);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static InjectedFault Fault(string orderId, FaultKind kind, string system, string type) =>
        new(orderId, kind, system, [new ExpectedFinding(orderId, type, system)]);

    private static void Change(SimulatedOrder order, string system, Func<OrderRecord, OrderRecord> change)
    {
        var index = order.IndexOf(system);
        order.Copies[index] = order.Copies[index] with { Record = change(order.Copies[index].Record) };
    }

    private static void Drift(SimulatedOrder order, string system, Random rng)
    {
        var index = order.IndexOf(system);
        var copy = order.Copies[index];
        var json = JsonNode.Parse(SimulatedPayloads.Serialize(copy))!.AsObject();
        if (rng.Next(2) == 0)
        {
            json["total"] = copy.Record.Total.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            json.Remove("currency");
        }

        order.Copies[index] = copy with { RawOverride = json.ToJsonString() };
    }

    /// <summary>The shop changed two minutes ago; CRM still shows the old version and billing has nothing yet.</summary>
    private static void Late(SimulatedOrder order, DateTimeOffset now)
    {
        var previous = order.Shop!;
        order.Shop = previous with { Status = "paid", UpdatedAt = now.AddMinutes(-3) };
        order.ShopReceivedAt = now.AddMinutes(-2);
        order.Copies.RemoveAt(order.IndexOf(Billing));
        Change(order, Crm, r => r with { Status = "pending", UpdatedAt = now.AddHours(-1) });
        order.Copies[order.IndexOf(Crm)] = order.Copies[order.IndexOf(Crm)] with { ReceivedAt = now.AddHours(-1) };
    }
}
