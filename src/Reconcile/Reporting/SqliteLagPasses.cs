using System.Text;
using Microsoft.Data.Sqlite;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Records;
using Reconcile.Reconciliation;

namespace Reconcile.Reporting;

/// <summary>
/// The lag rebuild on SQLite (<see cref="OrderLagMaintainer"/>), read straight from SQLite's column memory through
/// <see cref="SqliteStatement"/> instead of materialized by EF: one pass over the records in the table's order gives
/// the flows their targets' receipts and keeps their sources' copies (each copy's creation time decoded in place from
/// its compact part), then each copy's row is computed and inserted <see cref="OrderLagMaintainer.RebuildPage"/> at a
/// time. The pass reads only, so it may run on a connection of its own (<see cref="OpenSnapshotReaderAsync"/>) while the
/// writer does other work. Every row is exactly the row the provider-neutral passes compute.
/// </summary>
internal static class SqliteLagPasses
{
    // Column 3 is whether a source would count the copy (a canonical payload); column 6 whether the typed columns the
    // compact part needs are missing; column 7 the payload only where the compact part is missing, as
    // SourceOrderReader.CreatedAtOf takes them. A table read once in its own order: twice (receipts, then sources) read
    // the 4.3 GB of a million orders' records twice.
    private const string Copies = """
        SELECT "System", "OrderId", "ReceivedAt", "Payload" IS NOT NULL, "OrderUpdatedAt", "Compact",
               "Total" IS NULL OR "Currency" IS NULL, CASE WHEN "Compact" IS NULL THEN "Payload" END
        FROM "records" WHERE NOT "Quarantined" ORDER BY "Id"
        """;

    /// <summary>
    /// Reads every valid record once: a target's copy is given to the flows it is a target of, a source's copy with a
    /// canonical payload is kept, in the table's order, for <see cref="InsertRowsAsync"/>.
    /// </summary>
    public static List<SourceCopy> Read(SqliteConnection connection, IReadOnlyList<(string Source, OrderLagRows Rows)> flows, CancellationToken cancellationToken)
    {
        using var statement = SqliteStatement.Prepare(connection, Copies);
        var systems = new RepeatedStrings();
        var roles = new Dictionary<string, (OrderLagRows[] Receiving, bool Source)>(StringComparer.Ordinal);
        var copies = new List<SourceCopy>();
        for (var read = 0L; statement.Step(); read++)
        {
            if ((read & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var system = systems.Get(statement.Bytes(0));
            if (!roles.TryGetValue(system, out var role))
            {
                role = ([.. flows.Select(f => f.Rows).Where(r => r.IsTarget(system))], flows.Any(f => f.Source == system));
                roles[system] = role;
            }

            var counted = role.Source && statement.Int64(3) != 0;
            if (role.Receiving.Length == 0 && !counted)
            {
                continue;
            }

            var orderId = Encoding.UTF8.GetString(statement.Bytes(1));
            if (role.Receiving.Length > 0)
            {
                var receivedAt = ReceivedAtReader.FromBinary(statement.Int64(2));
                foreach (var rows in role.Receiving)
                {
                    rows.Receive(system, orderId, receivedAt);
                }
            }

            if (counted)
            {
                DateTimeOffset? updated = statement.IsNull(4) ? null : ReceivedAtReader.FromBinary(statement.Int64(4));
                copies.Add(new SourceCopy(system, orderId, updated, CreatedAt(statement)));
            }
        }

        return copies;
    }

    /// <summary>Computes and inserts the row of every source copy <see cref="Read"/> kept, for each flow of its source, in the caller's transaction.</summary>
    public static async Task InsertRowsAsync(
        ReconcileDbContext db, IReadOnlyList<(string Source, OrderLagRows Rows)> flows, List<SourceCopy> copies, CancellationToken cancellationToken)
    {
        var sourceOf = flows.GroupBy(f => f.Source, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(f => f.Rows).ToArray(), StringComparer.Ordinal);
        var pending = new List<OrderLagEntity>(OrderLagMaintainer.RebuildPage);
        foreach (var copy in copies)
        {
            foreach (var rows in sourceOf[copy.System])
            {
                if (rows.Row(copy.OrderId, copy.UpdatedAt, copy.CreatedAt) is { } row)
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

    /// <summary>
    /// A read-only second connection to the same file (<see cref="SqliteSideConnection"/>) that reads what was
    /// committed before <paramref name="writer"/>'s current write transaction while that transaction goes on; null where
    /// it would not, and the caller reads on the writer itself. The writer must already hold its write transaction
    /// (Microsoft.Data.Sqlite begins them IMMEDIATE), so that no other commit can come between what the reader sees and
    /// what the writer writes from it.
    /// </summary>
    public static Task<SqliteConnection?> OpenSnapshotReaderAsync(SqliteConnection writer, CancellationToken cancellationToken) =>
        SqliteSideConnection.OpenAsync(writer, readOnly: true, cancellationToken);

    private static DateTimeOffset? CreatedAt(SqliteStatement row)
    {
        try
        {
            if (row.IsNull(5) || row.Int64(6) != 0)
            {
                return SourceOrderReader.CreatedAtOf(null, null, null, row.IsNull(7) ? null : Encoding.UTF8.GetString(row.Bytes(7)));
            }

            var parts = CompactRecordCodec.Decode(row.Bytes(5));
            return parts.CreatedAt ?? parts.UpdatedAt;
        }
        catch (FormatException)
        {
            // As the provider-neutral pass: a copy no figure can read is not counted, rather than failing the rebuild.
            return null;
        }
    }

    /// <summary>A source's valid copy with a canonical payload: its order, updatedAt and creation time (UTC; null where unreadable).</summary>
    internal readonly record struct SourceCopy(string System, string OrderId, DateTimeOffset? UpdatedAt, DateTimeOffset? CreatedAt);
}
