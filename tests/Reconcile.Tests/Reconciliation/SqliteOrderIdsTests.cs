using Microsoft.Data.Sqlite;
using Reconcile.Reconciliation;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Reconciliation;

/// <summary>
/// A full run's order ids on SQLite come from one walk of the unique index per system, merged: the same ids, once each,
/// in the same order as SQLite's own <c>SELECT DISTINCT … ORDER BY</c>, which the run's ranges are bounded by.
/// </summary>
public sealed class SqliteOrderIdsTests
{
    [Fact]
    public async Task The_merged_walks_give_each_order_once_in_SQLite_s_own_order()
    {
        using var factory = new ReconcileFactory();
        using var client = factory.CreateClient();
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync();
        // Copies of one order in one system, orders in one system only, a system the flow does not read, and ids whose
        // UTF-16 order differs from SQLite's (a character beyond U+FFFF sorts before U+FF5E in UTF-16, after it in UTF-8).
        var rows = new (string System, string OrderId, int Copy)[]
        {
            ("shop", "1001", 0), ("crm", "1001", 0), ("billing", "1001", 0), ("shop", "1000", 0),
            ("shop", "1002", 0), ("shop", "1002", 1), ("billing", "1002", 0),
            ("crm", "0999", 0), ("billing", "2000", 0), ("erp", "0001", 0), ("erp", "1003", 0),
            ("shop", "\U0001F600-7", 0), ("crm", "\uFF5E-7", 0), ("billing", "\u00E9-7", 0), ("shop", "Z-1", 0), ("crm", "a-1", 0),
            // Prefixes of one another, and ids longer than the merge's first buffer.
            ("crm", "10", 0), ("shop", "100", 0), ("billing", "10000", 0), ("crm", Long('x', 90), 0), ("shop", Long('x', 150), 0),
            ("billing", Long('x', 150), 0),
        };
        foreach (var (system, orderId, copy) in rows)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO records ("System", "OrderId", "ExternalId", "Copy", "RawPayload", "ReceivedAt", "Quarantined", "Version")
                VALUES (@system, @order, '', @copy, '{}', 0, 0, 1)
                """;
            insert.Parameters.AddWithValue("@system", system);
            insert.Parameters.AddWithValue("@order", orderId);
            insert.Parameters.AddWithValue("@copy", copy);
            await insert.ExecuteNonQueryAsync();
        }

        var ids = SqliteOrderIds.Read(connection, ["shop", "crm", "billing"], CancellationToken.None);

        Assert.Equal(
            ["0999", "10", "100", "1000", "10000", "1001", "1002", "2000", "Z-1", "a-1", Long('x', 90), Long('x', 150), "\u00E9-7", "\uFF5E-7", "\U0001F600-7"],
            ids);
        await using var sqlite = connection.CreateCommand();
        sqlite.CommandText = """SELECT DISTINCT "OrderId" FROM records WHERE "System" IN ('shop', 'crm', 'billing') ORDER BY "OrderId" """;
        var expected = new List<string>();
        await using (var reader = await sqlite.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                expected.Add(reader.GetString(0));
            }
        }

        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task A_system_named_twice_is_walked_once_and_a_cancelled_read_stops()
    {
        using var factory = new ReconcileFactory();
        using var client = factory.CreateClient();
        await client.IngestAsync("shop", SentOrders.Order("B-2", factory.Time.GetUtcNow().AddDays(-1)), SentOrders.Order("A-1", factory.Time.GetUtcNow().AddDays(-1)));
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync();

        Assert.Equal(["A-1", "B-2"], SqliteOrderIds.Read(connection, ["shop", "shop"], CancellationToken.None));
        Assert.Throws<OperationCanceledException>(() => SqliteOrderIds.Read(connection, ["shop"], new CancellationToken(canceled: true)));
        Assert.Empty(SqliteOrderIds.Read(connection, [], CancellationToken.None));
    }

    [Fact]
    public async Task No_records_give_no_ids()
    {
        using var factory = new ReconcileFactory();
        using var client = factory.CreateClient();
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync();

        Assert.Empty(SqliteOrderIds.Read(connection, ["shop", "crm"], CancellationToken.None));
    }

    private static string Long(char character, int length) => new(character, length);
}
