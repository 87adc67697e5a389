using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Reconcile.Data;

/// <summary>
/// How a SQLite connection sorts while it builds indexes: with a page cache of <see cref="CacheKibibytes"/> and
/// <see cref="WorkerThreads"/> sorter threads (SQLite's <c>PRAGMA cache_size</c> and <c>PRAGMA threads</c>), both set
/// back when disposed. SQLite's sorter keeps up to the page cache's size of keys in memory before it writes a sorted run
/// to a temporary file, and sorts those runs on worker threads while the table scan goes on. With a bulk load's 256 MiB
/// cache it sorted all 3,000,000 keys of an index as one list on one thread: on the 2-core machine the two records
/// indexes by time took 15–16 s to build that way, and 6.5–7 s with an 8 MiB cache and two worker threads (3.5 s and
/// 3.1 s; 5.5 s for the first with the small cache and no threads).
/// </summary>
internal sealed class IndexSort : IAsyncDisposable
{
    /// <summary>The page cache while indexes are built, in KiB.</summary>
    public const int CacheKibibytes = 8 * 1024;

    private readonly SqliteConnection _connection;
    private readonly long _cache;
    private readonly long _threads;

    private IndexSort(SqliteConnection connection, long cache, long threads)
    {
        _connection = connection;
        _cache = cache;
        _threads = threads;
    }

    /// <summary>The sorter threads used: one per core, at most SQLite's own limit of 8.</summary>
    public static int WorkerThreads => Math.Clamp(Environment.ProcessorCount, 1, 8);

    /// <summary>Sets the sort's cache and threads on <paramref name="connection"/>, which must be open (it is, inside a transaction).</summary>
    /// <exception cref="InvalidOperationException">The connection is not open.</exception>
    public static async Task<IndexSort> BeginAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.State != System.Data.ConnectionState.Open)
        {
            throw new InvalidOperationException("Indexes are sorted on an open connection, inside the transaction that builds them.");
        }

        var cache = await PragmaAsync(connection, "cache_size", null, cancellationToken);
        var threads = await PragmaAsync(connection, "threads", null, cancellationToken);
        await PragmaAsync(connection, "cache_size", -CacheKibibytes, cancellationToken);
        await PragmaAsync(connection, "threads", WorkerThreads, cancellationToken);
        return new IndexSort(connection, cache, threads);
    }

    public async ValueTask DisposeAsync()
    {
        // Set back even when a build failed: the connection may go back to the pool, or on with a bulk load.
        if (_connection.State == System.Data.ConnectionState.Open)
        {
            await PragmaAsync(_connection, "cache_size", _cache, CancellationToken.None);
            await PragmaAsync(_connection, "threads", _threads, CancellationToken.None);
        }
    }

    private static async Task<long> PragmaAsync(SqliteConnection connection, string name, long? value, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // The names are this class's own constants, the values integers.
        command.CommandText = value is { } set ? string.Create(CultureInfo.InvariantCulture, $"PRAGMA {name} = {set}") : $"PRAGMA {name}";
        return await command.ExecuteScalarAsync(cancellationToken) is long read ? read : 0;
    }
}
