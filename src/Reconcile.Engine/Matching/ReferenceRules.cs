using Reconcile.Engine.Findings;
using Reconcile.Engine.Records;

namespace Reconcile.Engine.Matching;

/// <summary>
/// Unknown customers, SKUs and promo codes. A target that merely copied the source's bad value is
/// not reported again: the fault is where the value was emitted.
/// </summary>
internal static class ReferenceRules
{
    public static void Check(OrderContext context)
    {
        var reference = context.Reference;
        if (!reference.ChecksCustomers && !reference.ChecksProducts && !reference.ChecksPromotions)
        {
            return;
        }

        var source = context.Source?.Record;
        for (var s = 0; s < context.Current.Length; s++)
        {
            var stored = context.Current[s];
            if (stored is null)
            {
                continue;
            }

            var record = stored.Record!;
            var copied = s == 0 ? null : source;
            if (reference.ChecksCustomers && record.CustomerId is { } customer
                && !reference.CustomerIds.Contains(customer) && customer != copied?.CustomerId)
            {
                Report(context, s, stored, "customerId", customer, "customer");
            }

            if (reference.ChecksPromotions && record.PromoCode is { } promo
                && !reference.Promotions.ContainsKey(promo) && promo != copied?.PromoCode)
            {
                Report(context, s, stored, "promoCode", promo, "promotion");
            }

            if (reference.ChecksProducts)
            {
                CheckSkus(context, s, stored, copied);
            }
        }
    }

    private static void CheckSkus(OrderContext context, int system, StoredRecord stored, OrderRecord? copied)
    {
        foreach (var line in stored.Record!.Lines)
        {
            if (!context.Reference.Products.ContainsKey(line.Sku) && !HasSku(copied, line.Sku))
            {
                Report(context, system, stored, $"lines[{line.Sku}].sku", line.Sku, "product");
            }
        }
    }

    private static bool HasSku(OrderRecord? record, string sku)
    {
        if (record is null)
        {
            return false;
        }

        foreach (var line in record.Lines)
        {
            if (string.Equals(line.Sku, sku, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void Report(OrderContext context, int system, StoredRecord stored, string attribute, string value, string kind)
    {
        var name = context.Flow.Systems[system];
        context.Add(context.Factory.Create(
            FindingType.ReferentialIntegrity, system, attribute, null, value, context.OrderTotal(stored), null, stored,
            $"reference: {kind} {value} is not in the reference data",
            $"Add {kind} {value} to the reference data, or correct {attribute} in {name} and re-send the order."));
    }
}
