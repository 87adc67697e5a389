using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Engine.Records;
using Reconcile.Reconciliation;

namespace Reconcile.Reporting;

/// <summary>
/// <see cref="SourceOrderReader.ByIdAsync"/> on SQLite: the rows are read from SQLite's column memory (as runs read them,
/// <see cref="SqliteStoredRecordReader"/>), the ids go as one JSON array per chunk, and repeated campaigns, regions,
/// statuses and currencies are one string each. A week's drill-down reads tens of thousands of source orders at scale;
/// each reads exactly as the data-reader path reads it.
/// </summary>
internal static class SqliteSourceOrders
{
    private const int Chunk = 20_000;

    // Columns 0–7: order id, campaign, region, total, status, currency, compact part, and the payload only without one.
    private const string Sql = """
        SELECT "OrderId", "Campaign", "Region", "Total", "Status", "Currency", "Compact", CASE WHEN "Compact" IS NULL THEN "Payload" END
        FROM records
        WHERE "System" = @system AND NOT "Quarantined" AND "Payload" IS NOT NULL AND "OrderId" IN (SELECT value FROM json_each(@ids))
        ORDER BY "Id"
        """;

    /// <summary>Adds the system's copy of each of <paramref name="orderIds"/> to <paramref name="result"/> (a duplicate keeps the first by id).</summary>
    /// <exception cref="FormatException">A compact part or money text that does not decode.</exception>
    public static async Task ReadAsync(
        ReconcileDbContext db, string system, IReadOnlyCollection<string> orderIds, Dictionary<string, SourceOrder> result, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            using var statement = SqliteStatement.Prepare(connection, Sql);
            var repeated = new RepeatedStrings();
            foreach (var chunk in orderIds.Distinct(StringComparer.Ordinal).Chunk(Chunk))
            {
                cancellationToken.ThrowIfCancellationRequested();
                statement.Bind(statement.IndexOf("@system"), system);
                statement.Bind(statement.IndexOf("@ids"), JsonSerializer.Serialize(chunk));
                while (statement.Step())
                {
                    if (Read(statement, repeated) is { } order)
                    {
                        result.TryAdd(order.OrderId, order);
                    }
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static SourceOrder? Read(SqliteStatement row, RepeatedStrings repeated)
    {
        if (row.IsNull(6) || row.IsNull(3) || row.IsNull(5))
        {
            return row.IsNull(7) ? null : SourceOrderReader.Parse(Encoding.UTF8.GetString(row.Bytes(7)));
        }

        var parts = CompactRecordCodec.Decode(row.Bytes(6));
        return new SourceOrder(
            Encoding.UTF8.GetString(row.Bytes(0)),
            parts.CreatedAt ?? parts.UpdatedAt,
            Repeated(row, 1, repeated),
            Repeated(row, 2, repeated),
            SourceOrderReader.Skus(parts.Lines),
            MoneyText.Parse(row.Bytes(3)),
            Repeated(row, 4, repeated),
            repeated.Get(row.Bytes(5)));
    }

    private static string? Repeated(SqliteStatement row, int column, RepeatedStrings repeated) => row.IsNull(column) ? null : repeated.Get(row.Bytes(column));
}
