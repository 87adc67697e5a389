using Microsoft.Data.Sqlite;
using Reconcile.Data;

namespace Reconcile.Reconciliation;

/// <summary>
/// The distinct order ids of some systems' records in SQLite's order (BINARY: the UTF-8 bytes compared), read as one
/// walk of the unique (system, order id, …) index per system, merged as they are read. One <c>SELECT DISTINCT … ORDER BY</c>
/// over several systems cannot use that index's order: SQLite sorted every record's id in a temporary tree first, and
/// at a million orders that sort and its materialization were the first seconds of a full run, on one core, before
/// any range was read.
/// </summary>
internal static class SqliteOrderIds
{
    private const string Sql = """SELECT "OrderId" FROM records WHERE "System" = @system ORDER BY "OrderId" """;

    /// <summary>
    /// Every distinct order id with a record (quarantined ones included) in <paramref name="systems"/>, ascending as SQLite
    /// compares them, so the ids bound the ranges <c>"OrderId" &gt;= first AND "OrderId" &lt;= last</c> read exactly.
    /// </summary>
    /// <param name="connection">An open SQLite connection.</param>
    /// <exception cref="SqliteException">SQLite failed while reading.</exception>
    public static List<string> Read(SqliteConnection connection, IReadOnlyList<string> systems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(systems);
        var walks = new List<SqliteStatement>(systems.Count);
        try
        {
            foreach (var system in systems.Distinct(StringComparer.Ordinal))
            {
                var walk = SqliteStatement.Prepare(connection, Sql);
                walks.Add(walk);
                walk.Bind(1, system);
            }

            return Merge(walks, cancellationToken);
        }
        finally
        {
            walks.ForEach(w => w.Dispose());
        }
    }

    /// <summary>A k-way merge of the walks, each ascending and possibly repeating an id (copies, duplicates): each id once.</summary>
    private static List<string> Merge(List<SqliteStatement> walks, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var live = walks.Where(w => w.Step()).ToList();
        // The id just taken, copied: a walk's bytes are SQLite's and change when it steps.
        var buffer = new byte[64];
        var length = 0;
        while (live.Count > 0)
        {
            if ((ids.Count & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var least = live[0];
            for (var i = 1; i < live.Count; i++)
            {
                if (live[i].Bytes(0).SequenceCompareTo(least.Bytes(0)) < 0)
                {
                    least = live[i];
                }
            }

            // Every walk is past the id taken before, so the least id is a new one.
            var id = least.Bytes(0);
            if (id.Length > buffer.Length)
            {
                buffer = new byte[id.Length * 2];
            }

            id.CopyTo(buffer);
            length = id.Length;
            ids.Add(System.Text.Encoding.UTF8.GetString(id));

            // Every walk standing on this id moves past it (the others stay where they are).
            for (var i = live.Count - 1; i >= 0; i--)
            {
                while (live[i].Bytes(0).SequenceEqual(buffer.AsSpan(0, length)))
                {
                    if (!live[i].Step())
                    {
                        live.RemoveAt(i);
                        break;
                    }
                }
            }
        }

        return ids;
    }
}
