using System.Data.Common;
using Reconcile.Data;
using Reconcile.Engine.Records;

namespace Reconcile.Reconciliation;

/// <summary>
/// Turns a row of <see cref="Columns"/> into the engine's <see cref="StoredRecord"/> from typed columns and the compact
/// part, without parsing JSON. A row written before those columns existed and not yet backfilled (its compact part is
/// null) still reads, from its canonical JSON, so an unfinished backfill can never change what a run finds.
/// </summary>
internal sealed class StoredRecordReader
{
    /// <summary>The select list this reader expects, in order (identifiers quoted the same way for both providers).</summary>
    public const string Columns = """
        "System", "OrderId", "ExternalId", CASE WHEN "Quarantined" THEN COALESCE(NULLIF("RawPayload", ''), "Payload", '') ELSE '' END, "ReceivedAt", "Quarantined", "QuarantineReason",
        CASE WHEN "Compact" IS NULL AND NOT "Quarantined" THEN "Payload" END, "Compact",
        "CustomerId", "Currency", "Subtotal", "Discount", "Tax", "Total", "PromoCode", "Status", "Campaign", "Region"
        """;

    private readonly Func<DbDataReader, int, DateTimeOffset> _instant;
    private readonly bool _moneyAsText;

    public StoredRecordReader(ReconcileDbContext db)
    {
        _instant = ReceivedAtReader.For(db);
        // SQLite keeps a record's money as the decimal's exact text (SqliteReconcileDbContext.ExactDecimal); PostgreSQL as numeric.
        _moneyAsText = db is SqliteReconcileDbContext;
    }

    public StoredRecord Read(DbDataReader reader)
    {
        var system = reader.GetString(0);
        var orderId = reader.GetString(1);
        var externalId = reader.GetString(2);
        var quarantined = reader.GetBoolean(5);
        return new StoredRecord
        {
            System = system,
            OrderId = orderId,
            ExternalId = externalId.Length == 0 ? null : externalId,
            Record = quarantined ? null : ReadRecord(reader, orderId),
            ReceivedAt = _instant(reader, 4),
            Quarantined = quarantined,
            QuarantineReason = reader.IsDBNull(6) ? null : reader.GetString(6),
            RawPayload = reader.GetString(3),
        };
    }

    private OrderRecord? ReadRecord(DbDataReader reader, string orderId)
    {
        if (reader.IsDBNull(8))
        {
            return reader.IsDBNull(7) ? null : CanonicalJson.Deserialize(reader.GetString(7));
        }

        var parts = CompactRecordCodec.Decode(reader.GetFieldValue<byte[]>(8));
        return new OrderRecord
        {
            OrderId = orderId,
            ExternalId = parts.ExternalId,
            CustomerId = Text(reader, 9),
            Currency = reader.GetString(10),
            Subtotal = Money(reader, 11),
            Discount = Money(reader, 12),
            Tax = Money(reader, 13),
            Total = Money(reader, 14) ?? throw new FormatException($"Record {orderId} has a compact part but no total."),
            PromoCode = Text(reader, 15),
            Status = Text(reader, 16),
            Campaign = Text(reader, 17),
            Region = Text(reader, 18),
            UpdatedAt = parts.UpdatedAt,
            CreatedAt = parts.CreatedAt,
            Lines = parts.Lines,
        };
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private decimal? Money(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        return _moneyAsText
            ? MoneyText.Parse(reader.GetString(ordinal))
            : reader.GetDecimal(ordinal);
    }
}
