using System.Text;
using Microsoft.Data.Sqlite;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Records;
using Reconcile.Reconciliation;

namespace Reconcile.Reporting;

/// <summary>
/// The lag rebuild's two passes over the records on SQLite (<see cref="OrderLagMaintainer"/>), read straight from
/// SQLite's column memory through <see cref="SqliteStatement"/> instead of materialized by EF: the targets' receipts,
/// then the sources' copies in id order, each copy's row computed as it is read (its compact part decoded in place) and
/// inserted <see cref="OrderLagMaintainer.RebuildPage"/> at a time. Every row is exactly the row the provider-neutral passes compute.
/// </summary>
internal static class SqliteLagPasses
{
    private const string Receipts = """SELECT "System", "OrderId", "ReceivedAt" FROM "records" WHERE NOT "Quarantined" """;

    // Column 4 says whether the typed columns the compact part needs are missing; column 5 is the payload only where the
    // compact part is missing, as SourceOrderReader.CreatedAtOf takes them.
    private const string Sources = """
        SELECT "System", "OrderId", "OrderUpdatedAt", "Compact", "Total" IS NULL OR "Currency" IS NULL,
               CASE WHEN "Compact" IS NULL THEN "Payload" END
        FROM "records" WHERE NOT "Quarantined" AND "Payload" IS NOT NULL ORDER BY "Id"
        """;

    /// <summary>Gives every flow the receipts of its targets' valid records.</summary>
    public static void ReadReceipts(SqliteConnection connection, IReadOnlyList<OrderLagRows> flows, CancellationToken cancellationToken)
    {
        using var statement = SqliteStatement.Prepare(connection, Receipts);
        var systems = new RepeatedStrings();
        var targetOf = new Dictionary<string, OrderLagRows[]>(StringComparer.Ordinal);
        for (var read = 0L; statement.Step(); read++)
        {
            if ((read & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var system = systems.Get(statement.Bytes(0));
            if (!targetOf.TryGetValue(system, out var receiving))
            {
                receiving = [.. flows.Where(f => f.IsTarget(system))];
                targetOf[system] = receiving;
            }

            if (receiving.Length == 0)
            {
                continue;
            }

            var orderId = Encoding.UTF8.GetString(statement.Bytes(1));
            var receivedAt = ReceivedAtReader.FromBinary(statement.Int64(2));
            foreach (var rows in receiving)
            {
                rows.Receive(system, orderId, receivedAt);
            }
        }
    }

    /// <summary>Computes and inserts the row of every source copy of every flow (the receipts read first), in the caller's transaction.</summary>
    public static async Task WriteRowsAsync(
        ReconcileDbContext db, SqliteConnection connection, IReadOnlyList<(string Source, OrderLagRows Rows)> flows, CancellationToken cancellationToken)
    {
        using var statement = SqliteStatement.Prepare(connection, Sources);
        var systems = new RepeatedStrings();
        var sourceOf = flows.GroupBy(f => f.Source, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(f => f.Rows).ToArray(), StringComparer.Ordinal);
        var pending = new List<OrderLagEntity>(OrderLagMaintainer.RebuildPage);
        for (var read = 0L; statement.Step(); read++)
        {
            if ((read & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (!sourceOf.TryGetValue(systems.Get(statement.Bytes(0)), out var counting))
            {
                continue;
            }

            var orderId = Encoding.UTF8.GetString(statement.Bytes(1));
            DateTimeOffset? updated = statement.IsNull(2) ? null : ReceivedAtReader.FromBinary(statement.Int64(2));
            var created = CreatedAt(statement);
            foreach (var rows in counting)
            {
                if (rows.Row(orderId, updated, created) is { } row)
                {
                    pending.Add(row);
                }
            }

            if (pending.Count >= OrderLagMaintainer.RebuildPage)
            {
                await BulkInsert.InsertAsync(db, pending, matchBy: null, cancellationToken);
                pending.Clear();
            }
        }

        await BulkInsert.InsertAsync(db, pending, matchBy: null, cancellationToken);
    }

    private static DateTimeOffset? CreatedAt(SqliteStatement row)
    {
        try
        {
            if (row.IsNull(3) || row.Int64(4) != 0)
            {
                return SourceOrderReader.CreatedAtOf(null, null, null, row.IsNull(5) ? null : Encoding.UTF8.GetString(row.Bytes(5)));
            }

            var parts = CompactRecordCodec.Decode(row.Bytes(3));
            return parts.CreatedAt ?? parts.UpdatedAt;
        }
        catch (FormatException)
        {
            // As the provider-neutral pass: a copy no figure can read is not counted, rather than failing the rebuild.
            return null;
        }
    }
}
