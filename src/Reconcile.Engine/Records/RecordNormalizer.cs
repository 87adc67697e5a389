namespace Reconcile.Engine.Records;

/// <summary>
/// The one rule for blank and padded values, applied once at ingest so every check sees the same value:
/// text is trimmed (whitespace is never part of an id or a code; case is kept, ids are case-sensitive),
/// optional text that is null, absent or blank means "no value", and times are kept as UTC. The raw
/// payload is not touched: it keeps what was sent. <see cref="RecordParser"/> applies the rule field by field
/// as it reads a payload; code that builds records another way (a mapping) calls <see cref="Normalize"/>.
/// </summary>
public static class RecordNormalizer
{
    /// <summary>Trimmed text, or null when there is none: null, "" and whitespace all mean "no value".</summary>
    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// The record with its text trimmed, blank optional text as null and times in UTC. Required text
    /// (orderId, currency, a line's sku) is only trimmed; a parser refuses it when it ends up empty.
    /// </summary>
    public static OrderRecord Normalize(OrderRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record with
        {
            OrderId = record.OrderId.Trim(),
            ExternalId = Text(record.ExternalId),
            CustomerId = Text(record.CustomerId),
            Currency = record.Currency.Trim(),
            PromoCode = Text(record.PromoCode),
            Status = Text(record.Status),
            Campaign = Text(record.Campaign),
            Region = Text(record.Region),
            UpdatedAt = record.UpdatedAt.ToUniversalTime(),
            CreatedAt = record.CreatedAt?.ToUniversalTime(),
            Lines = [.. record.Lines.Select(l => l.Sku.Length > 0 && (char.IsWhiteSpace(l.Sku[0]) || char.IsWhiteSpace(l.Sku[^1])) ? l with { Sku = l.Sku.Trim() } : l)],
        };
    }
}
