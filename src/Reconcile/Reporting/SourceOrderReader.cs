using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Records;

namespace Reconcile.Reporting;

/// <summary>
/// Reads orders from the records store through their typed columns and compact part (times and lines), as runs do:
/// a week of a million orders is read, not parsed. A row stored before those columns existed reads from its canonical JSON.
/// </summary>
public sealed class SourceOrderReader(ReconcileDbContext db)
{
    /// <summary>The system's orders created (createdAt, else updatedAt) in the period.</summary>
    public async Task<List<SourceOrder>> CreatedInAsync(string system, ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        // createdAt is never after updatedAt, so the indexed updatedAt column narrows the read before anything is decoded.
        var from = period.From;
        var rows = await Project(db.Records.AsNoTracking().Where(r => r.System == system && !r.Quarantined && r.Payload != null && r.OrderUpdatedAt >= from))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToSourceOrder).OfType<SourceOrder>().Where(o => period.Contains(o.CreatedAt))];
    }

    /// <summary>
    /// The system's copies of the orders with an exception of <paramref name="flow"/> raised in the period (one per
    /// order; a duplicate keeps the first), by order id: the exceptions are narrowed by the database in the same statement.
    /// On SQLite the rows are read from SQLite's memory (<see cref="SqliteSourceOrders"/>), elsewhere through EF.
    /// </summary>
    public async Task<Dictionary<string, SourceOrder>> RaisedInAsync(string flow, string system, ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (db.Database.GetDbConnection() is SqliteConnection)
        {
            var found = new Dictionary<string, SourceOrder>(StringComparer.Ordinal);
            await SqliteSourceOrders.ReadRaisedAsync(db, flow, system, period.From, period.To, found, cancellationToken);
            return found;
        }

        return await RaisedInQueriedAsync(flow, system, period, cancellationToken);
    }

    /// <summary><see cref="RaisedInAsync"/> through EF's query and materialiser, on any provider.</summary>
    internal async Task<Dictionary<string, SourceOrder>> RaisedInQueriedAsync(string flow, string system, ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (from, to) = (period.From, period.To);
        var rows = await Project(db.Records.AsNoTracking()
                .Where(r => r.System == system && !r.Quarantined && r.Payload != null
                    && db.Exceptions.Any(e => e.Flow == flow && e.CreatedAt >= from && e.CreatedAt < to && e.OrderId == r.OrderId))
                .OrderBy(r => r.Id))
            .ToListAsync(cancellationToken);
        var result = new Dictionary<string, SourceOrder>(StringComparer.Ordinal);
        foreach (var order in rows.Select(ToSourceOrder).OfType<SourceOrder>())
        {
            result.TryAdd(order.OrderId, order);
        }

        return result;
    }

    /// <summary>The order as reporting sees it from its canonical JSON; null when the payload is not a record.</summary>
    public static SourceOrder? Parse(string payload)
    {
        try
        {
            var record = CanonicalJson.Deserialize(payload);
            return new SourceOrder(record.OrderId, record.CreatedAt ?? record.UpdatedAt, record.Campaign, record.Region, Skus(record.Lines), record.Total, record.Status, record.Currency);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// When a stored source copy says the order was created (createdAt, else updatedAt), read exactly as
    /// <see cref="CreatedInAsync"/> reads it from the columns it selects (<paramref name="payload"/> only when there is no
    /// compact part); null when the copy does not read as a record.
    /// </summary>
    /// <exception cref="FormatException">The compact part is not a valid encoding.</exception>
    public static DateTimeOffset? CreatedAtOf(byte[]? compact, decimal? total, string? currency, string? payload)
    {
        if (compact is null || total is null || currency is null)
        {
            return payload is null ? null : Parse(payload)?.CreatedAt;
        }

        var parts = CompactRecordCodec.Decode(compact);
        return parts.CreatedAt ?? parts.UpdatedAt;
    }

    private static IQueryable<SourceRow> Project(IQueryable<RecordEntity> records) => records.Select(r => new SourceRow(
        r.OrderId, r.Campaign, r.Region, r.Total, r.Status, r.Currency, r.Compact, r.Compact == null ? r.Payload : null));

    private static SourceOrder? ToSourceOrder(SourceRow row)
    {
        if (row.Compact is null || row.Total is not { } total || row.Currency is null)
        {
            return row.Payload is null ? null : Parse(row.Payload);
        }

        return FromCompact(row.OrderId, CompactRecordCodec.Decode(row.Compact), row.Campaign, row.Region, total, row.Status, row.Currency);
    }

    /// <summary>The order as reporting sees it from its typed columns and decoded compact part (createdAt, else updatedAt; its lines' SKUs).</summary>
    internal static SourceOrder FromCompact(
        string orderId, CompactParts parts, string? campaign, string? region, decimal total, string? status, string currency) =>
        new(orderId, parts.CreatedAt ?? parts.UpdatedAt, campaign, region, Skus(parts.Lines), total, status, currency);

    /// <summary>The distinct SKUs of the lines, in line order (an order has a few lines: a list beats a hash set).</summary>
    private static List<string> Skus(IReadOnlyList<OrderLine> lines)
    {
        var skus = new List<string>(lines.Count);
        foreach (var line in lines)
        {
            if (!string.IsNullOrEmpty(line.Sku) && !skus.Contains(line.Sku, StringComparer.Ordinal))
            {
                skus.Add(line.Sku);
            }
        }

        return skus;
    }

    private sealed record SourceRow(
        string OrderId, string? Campaign, string? Region, decimal? Total, string? Status, string? Currency, byte[]? Compact, string? Payload);
}
