using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Engine.Records;
using Reconcile.Reconciliation;

namespace Reconcile.Reporting;

/// <summary>
/// <see cref="SourceOrderReader.RaisedInAsync"/> on SQLite: the rows are read from SQLite's column memory (as runs read
/// them, <see cref="SqliteStoredRecordReader"/>) and repeated campaigns, regions, statuses and currencies are one string each. A week's drill-down reads tens of thousands of source orders at scale;
/// each reads exactly as the data-reader path reads it.
/// </summary>
internal static class SqliteSourceOrders
{
    // Columns 0–7: order id, campaign, region, total, status, currency, compact part, and the payload only without one.
    private const string Sql = """
        SELECT "OrderId", "Campaign", "Region", "Total", "Status", "Currency", "Compact", CASE WHEN "Compact" IS NULL THEN "Payload" END
        FROM records
        WHERE "System" = @system AND NOT "Quarantined" AND "Payload" IS NOT NULL
          AND "OrderId" IN (SELECT "OrderId" FROM exceptions WHERE "Flow" = @flow AND "CreatedAt" >= @from AND "CreatedAt" < @to)
        ORDER BY "Id"
        """;

    /// <summary>
    /// Adds the system's copy of each order with an exception of <paramref name="flow"/> raised in [<paramref name="from"/>,
    /// <paramref name="to"/>) to <paramref name="result"/> (a duplicate keeps the first by id), the exceptions narrowed by SQLite.
    /// </summary>
    /// <exception cref="FormatException">A compact part or money text that does not decode.</exception>
    public static async Task ReadRaisedAsync(
        ReconcileDbContext db, string flow, string system, DateTimeOffset from, DateTimeOffset to, Dictionary<string, SourceOrder> result, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            using var statement = SqliteStatement.Prepare(connection, Sql);
            statement.Bind(statement.IndexOf("@system"), system);
            statement.Bind(statement.IndexOf("@flow"), flow);
            statement.Bind(statement.IndexOf("@from"), RecordQuery.Instant(db, from));
            statement.Bind(statement.IndexOf("@to"), RecordQuery.Instant(db, to));
            var repeated = new RepeatedStrings();
            for (var rows = 1; statement.Step(); rows++)
            {
                if ((rows & 4095) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (Read(statement, repeated) is { } order)
                {
                    result.TryAdd(order.OrderId, order);
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

        return SourceOrderReader.FromCompact(
            Encoding.UTF8.GetString(row.Bytes(0)),
            CompactRecordCodec.Decode(row.Bytes(6)),
            Repeated(row, 1, repeated),
            Repeated(row, 2, repeated),
            MoneyText.Parse(row.Bytes(3)),
            Repeated(row, 4, repeated),
            repeated.Get(row.Bytes(5)));
    }

    private static string? Repeated(SqliteStatement row, int column, RepeatedStrings repeated) => row.IsNull(column) ? null : repeated.Get(row.Bytes(column));
}
