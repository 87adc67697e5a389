using System.Globalization;
using Reconcile.Engine.Records;

namespace Reconcile.Engine.Matching;

/// <summary>Reads one attribute of a record without reflection.</summary>
internal static class AttributeValues
{
    public static bool IsMoney(AttributeKind kind) =>
        kind is AttributeKind.Total or AttributeKind.Subtotal or AttributeKind.Discount or AttributeKind.Tax;

    public static decimal? Money(OrderRecord record, AttributeKind kind) => kind switch
    {
        AttributeKind.Total => record.Total,
        AttributeKind.Subtotal => record.Subtotal,
        AttributeKind.Discount => record.Discount,
        AttributeKind.Tax => record.Tax,
        _ => null,
    };

    public static string? Text(OrderRecord record, AttributeKind kind) => kind switch
    {
        AttributeKind.CustomerId => record.CustomerId,
        AttributeKind.Currency => record.Currency,
        AttributeKind.PromoCode => record.PromoCode,
        AttributeKind.Status => record.Status,
        AttributeKind.Campaign => record.Campaign,
        AttributeKind.Region => record.Region,
        _ => Format(Money(record, kind)),
    };

    /// <summary>Metadata whose absence in a target means the sync was partial, not wrong.</summary>
    public static bool IsMetadata(AttributeKind kind) => kind is AttributeKind.PromoCode or AttributeKind.Campaign;

    public static bool MoneyEquals(decimal? a, decimal? b, decimal tolerance) =>
        a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) <= tolerance;

    public static string? Format(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);
}
