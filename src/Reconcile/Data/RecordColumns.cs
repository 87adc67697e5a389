using Reconcile.Data.Entities;
using Reconcile.Engine.Records;

namespace Reconcile.Data;

/// <summary>
/// Writes what a run compares into a record's typed columns and its compact part, once, at ingest (and when older
/// rows are backfilled), so no run parses the stored JSON. A quarantined copy (no record) clears them.
/// </summary>
public static class RecordColumns
{
    public static void Write(RecordEntity entity, OrderRecord? record)
    {
        ArgumentNullException.ThrowIfNull(entity);
        entity.CustomerId = record?.CustomerId;
        entity.Currency = record?.Currency;
        entity.Subtotal = record?.Subtotal;
        entity.Discount = record?.Discount;
        entity.Tax = record?.Tax;
        entity.Total = record?.Total;
        entity.PromoCode = record?.PromoCode;
        entity.Status = record?.Status;
        entity.Campaign = record?.Campaign;
        entity.Region = record?.Region;
        entity.Compact = record is null ? null : CompactRecordCodec.Encode(record);
    }
}
