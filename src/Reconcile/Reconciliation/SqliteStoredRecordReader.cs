using System.Text;
using Reconcile.Data;
using Reconcile.Engine.Records;

namespace Reconcile.Reconciliation;

/// <summary>
/// <see cref="StoredRecordReader"/>'s twin for SQLite, reading a row of <see cref="StoredRecordReader.Columns"/> straight
/// from SQLite's column memory: the compact part is decoded in place (no copy of its bytes), money is parsed from its
/// UTF-8 text, and the few values a run sees over and over (systems, currencies, statuses, campaigns, regions) are one
/// string each instead of one per row. A full run's garbage, and the collections that pause every request, shrink with it.
/// Every record reads exactly as <see cref="StoredRecordReader"/> reads it.
/// </summary>
internal sealed class SqliteStoredRecordReader
{
    private readonly RepeatedStrings _repeated = new();

    // An order's id and customer come once per system, its skus once per line: read in a range, each is one string.
    private readonly RepeatedStrings _perOrder = new(maxValues: 65_536);
    private readonly Func<ReadOnlySpan<byte>, string> _sku;

    public SqliteStoredRecordReader() => _sku = _perOrder.Get;

    /// <summary>The current row of <paramref name="row"/> as a stored record.</summary>
    /// <exception cref="FormatException">A compact part or money text that does not decode.</exception>
    public StoredRecord Read(SqliteStatement row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var orderId = _perOrder.Get(row.Bytes(1));
        var externalId = _repeated.Get(row.Bytes(2));
        var quarantined = row.Int64(5) != 0;
        return new StoredRecord
        {
            System = _repeated.Get(row.Bytes(0)),
            OrderId = orderId,
            ExternalId = externalId.Length == 0 ? null : externalId,
            Record = quarantined ? null : ReadRecord(row, orderId),
            ReceivedAt = ReceivedAtReader.FromBinary(row.Int64(4)),
            Quarantined = quarantined,
            QuarantineReason = Text(row, 6),
            RawPayload = Text(row, 3)!,
        };
    }

    private OrderRecord? ReadRecord(SqliteStatement row, string orderId)
    {
        if (row.IsNull(8))
        {
            return row.IsNull(7) ? null : CanonicalJson.Deserialize(Text(row, 7)!);
        }

        var parts = CompactRecordCodec.Decode(row.Bytes(8), _sku);
        return new OrderRecord
        {
            OrderId = orderId,
            ExternalId = parts.ExternalId,
            CustomerId = row.IsNull(9) ? null : _perOrder.Get(row.Bytes(9)),
            Currency = Repeated(row, 10) ?? throw new FormatException($"Record {orderId} has a compact part but no currency."),
            Subtotal = Money(row, 11),
            Discount = Money(row, 12),
            Tax = Money(row, 13),
            Total = Money(row, 14) ?? throw new FormatException($"Record {orderId} has a compact part but no total."),
            PromoCode = Repeated(row, 15),
            Status = Repeated(row, 16),
            Campaign = Repeated(row, 17),
            Region = Repeated(row, 18),
            UpdatedAt = parts.UpdatedAt,
            CreatedAt = parts.CreatedAt,
            Lines = parts.Lines,
        };
    }

    private static string? Text(SqliteStatement row, int column) => row.IsNull(column) ? null : Encoding.UTF8.GetString(row.Bytes(column));

    private string? Repeated(SqliteStatement row, int column) => row.IsNull(column) ? null : _repeated.Get(row.Bytes(column));

    private static decimal? Money(SqliteStatement row, int column) => row.IsNull(column) ? null : MoneyText.Parse(row.Bytes(column));
}
