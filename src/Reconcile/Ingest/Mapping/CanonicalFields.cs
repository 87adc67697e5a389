using System.Collections.Frozen;

namespace Reconcile.Ingest.Mapping;

/// <summary>The canonical fields a mapping may fill, with their kinds; the required ones must be mapped.</summary>
public static class CanonicalFields
{
    /// <summary>Fields of the order record.</summary>
    public static readonly FrozenDictionary<string, MappedKind> Record = new Dictionary<string, MappedKind>(StringComparer.Ordinal)
    {
        ["orderId"] = MappedKind.Id, ["externalId"] = MappedKind.Id, ["customerId"] = MappedKind.Id,
        ["currency"] = MappedKind.Text, ["promoCode"] = MappedKind.Text, ["status"] = MappedKind.Text,
        ["campaign"] = MappedKind.Text, ["region"] = MappedKind.Text,
        ["subtotal"] = MappedKind.Money, ["discount"] = MappedKind.Money, ["tax"] = MappedKind.Money, ["total"] = MappedKind.Money,
        ["updatedAt"] = MappedKind.Timestamp, ["createdAt"] = MappedKind.Timestamp,
        ["lines"] = MappedKind.Lines,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Fields of one line, read by the <c>Item</c> mapping of <c>lines</c>.</summary>
    public static readonly FrozenDictionary<string, MappedKind> Line = new Dictionary<string, MappedKind>(StringComparer.Ordinal)
    {
        ["sku"] = MappedKind.Text, ["quantity"] = MappedKind.Quantity, ["unitPrice"] = MappedKind.Money,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>A record without these is not a record: a mapping must say where each is.</summary>
    public static readonly IReadOnlyList<string> RequiredRecord = ["orderId", "currency", "total", "updatedAt"];

    /// <summary>Every line needs all three.</summary>
    public static readonly IReadOnlyList<string> RequiredLine = ["sku", "quantity", "unitPrice"];
}
