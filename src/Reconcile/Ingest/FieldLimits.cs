namespace Reconcile.Ingest;

/// <summary>
/// The longest value Reconcile stores per field, in UTF-16 characters (numbers: characters of their JSON
/// text). Ids key rows and appear in Slack messages; codes are short by nature; anything else is free text.
/// A longer value is refused with an error that names the field and its limit and never repeats the value.
/// </summary>
public static class FieldLimits
{
    /// <summary>orderId, externalId, customerId, id, sku.</summary>
    public const int Id = 128;

    /// <summary>currency, promoCode, code, campaign, status, region and the dates.</summary>
    public const int Code = 64;

    /// <summary>Names and every other string.</summary>
    public const int FreeText = 1000;

    /// <summary>A field name (a JSON key).</summary>
    public const int Key = 64;

    private static readonly HashSet<string> Ids = new(StringComparer.Ordinal) { "orderId", "externalId", "customerId", "id", "sku" };

    private static readonly HashSet<string> Codes = new(StringComparer.Ordinal)
    {
        "currency", "promoCode", "code", "campaign", "status", "region", "updatedAt", "createdAt", "validFrom", "validTo",
        "subtotal", "discount", "tax", "total", "price", "quantity", "unitPrice", "percentOff", "amountOff",
    };

    /// <summary>The limit of the field called <paramref name="name"/> (its canonical name, after any field map).</summary>
    public static int For(string name) =>
        Ids.Contains(name) ? Id : Codes.Contains(name) ? Code : FreeText;

    /// <summary>A value cut to <paramref name="length"/> characters for an error message, marked when cut.</summary>
    public static string Shorten(string? value, int length = Key) =>
        value is null || value.Length <= length ? value ?? "" : string.Concat(value.AsSpan(0, length), "…");
}
