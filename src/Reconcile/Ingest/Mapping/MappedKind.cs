namespace Reconcile.Ingest.Mapping;

/// <summary>What a canonical field holds, which decides how a mapped value is read and which conversions apply.</summary>
public enum MappedKind
{
    /// <summary>An id (orderId, externalId, customerId): read as text whatever its JSON type, so 64-bit numbers stay exact.</summary>
    Id,

    /// <summary>Text (currency, promoCode, status, campaign, region, a line's sku).</summary>
    Text,

    /// <summary>Money: an exact decimal from a number or a string, or integer minor units.</summary>
    Money,

    /// <summary>A quantity: an exact decimal from a number or a string.</summary>
    Quantity,

    /// <summary>A date-time with an offset, or unix seconds / milliseconds; always written in UTC.</summary>
    Timestamp,

    /// <summary>The lines array, each element read through an <c>Item</c> mapping.</summary>
    Lines,
}
