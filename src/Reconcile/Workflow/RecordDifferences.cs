using Reconcile.Engine.Flows;
using Reconcile.Engine.Records;

namespace Reconcile.Workflow;

/// <summary>Post-sync verification: which attributes of the read-back record differ from what was written.</summary>
public static class RecordDifferences
{
    public static IReadOnlyList<string> Between(OrderRecord written, OrderRecord? readBack, IEnumerable<string> attributes)
    {
        ArgumentNullException.ThrowIfNull(written);
        if (readBack is null)
        {
            return ["record absent"];
        }

        return [.. attributes.Where(a => !Same(written, readBack, a))];
    }

    private static bool Same(OrderRecord a, OrderRecord b, string attribute) => attribute switch
    {
        OrderAttributes.CustomerId => a.CustomerId == b.CustomerId,
        OrderAttributes.Currency => a.Currency == b.Currency,
        OrderAttributes.Total => a.Total == b.Total,
        OrderAttributes.Subtotal => a.Subtotal == b.Subtotal,
        OrderAttributes.Discount => a.Discount == b.Discount,
        OrderAttributes.Tax => a.Tax == b.Tax,
        OrderAttributes.PromoCode => a.PromoCode == b.PromoCode,
        OrderAttributes.Status => a.Status == b.Status,
        OrderAttributes.Campaign => a.Campaign == b.Campaign,
        OrderAttributes.Region => a.Region == b.Region,
        OrderAttributes.Lines => a.Lines.Count == b.Lines.Count && a.Lines.Order(LineOrder.Instance).SequenceEqual(b.Lines.Order(LineOrder.Instance)),
        _ => true,
    };

    private sealed class LineOrder : IComparer<OrderLine>
    {
        public static readonly LineOrder Instance = new();

        public int Compare(OrderLine? x, OrderLine? y) => string.CompareOrdinal(x?.Sku, y?.Sku);
    }
}
