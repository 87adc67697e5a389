using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Reporting;

namespace Reconcile.Ingest;

/// <summary>
/// One bulk load (the simulator, a CSV import) stored batch by batch through <see cref="RecordStore"/>, on one context
/// and one connection held for the whole load. On SQLite that connection's page cache is <see cref="CacheKibibytes"/>
/// for the load: the records' three indexes outgrow SQLite's default 2 MiB within 100,000 orders, and every insert
/// then reads its index pages back from the file. A load large next to what is stored (<see cref="SuspendsLags"/>)
/// leaves the figures' lag rows to one rebuild at its end (<see cref="OrderLagMaintainer.Suspend"/>) instead of
/// recomputing each batch's orders. Each batch is its own transaction, as without it: what a batch stored stays
/// stored if a later one fails.
/// </summary>
public sealed class BulkLoad : IAsyncDisposable
{
    /// <summary>The SQLite page cache of a bulk load's connection, in KiB (SQLite's <c>PRAGMA cache_size</c>, negative for KiB).</summary>
    public const int CacheKibibytes = 256 * 1024;

    /// <summary>The fewest records a load must hold for its lag rows to be rebuilt at the end instead of refreshed per batch.</summary>
    public const long SuspendLagsFrom = 10_000;

    private readonly AsyncServiceScope _scope;
    private readonly ReconcileDbContext _db;
    private readonly LagSuspension? _lags;
    private readonly long? _restoreCache;

    private BulkLoad(AsyncServiceScope scope, ReconcileDbContext db, LagSuspension? lags, long? restoreCache)
    {
        _scope = scope;
        _db = db;
        _lags = lags;
        _restoreCache = restoreCache;
    }

    /// <summary>
    /// Whether a load of <paramref name="loading"/> records into a store holding <paramref name="stored"/> is rebuilt
    /// rather than refreshed: a rebuild reads every stored record once, a refresh reads each loaded one back in every
    /// system, several times the cost per record; so a load of at least an eighth of the store, and not a small one.
    /// </summary>
    public static bool SuspendsLags(long loading, long stored) => loading >= SuspendLagsFrom && loading * 8 >= stored;

    /// <summary>Begins a load of about <paramref name="records"/> records (it decides whether the lag rows are rebuilt at the end).</summary>
    public static async Task<BulkLoad> BeginAsync(IServiceScopeFactory scopes, long records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            await db.Database.OpenConnectionAsync(cancellationToken);
            long? restore = null;
            if (db.Database.GetDbConnection() is SqliteConnection connection)
            {
                restore = await PragmaAsync(connection, "PRAGMA cache_size", cancellationToken);
                await PragmaAsync(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{CacheKibibytes}"), cancellationToken);
            }

            // The store is counted only for a load large enough to be rebuilt.
            var suspend = records >= SuspendLagsFrom && SuspendsLags(records, await db.Records.LongCountAsync(cancellationToken));
            var lags = suspend ? scope.ServiceProvider.GetRequiredService<OrderLagMaintainer>().Suspend(db) : null;
            return new BulkLoad(scope, db, lags, restore);
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stores one batch through the load's <see cref="RecordStore"/>; what it tracked is let go after it.</summary>
    public async Task<IngestResult> StoreAsync(Func<RecordStore, Task<IngestResult>> store)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            return await store(_scope.ServiceProvider.GetRequiredService<RecordStore>());
        }
        finally
        {
            _db.ChangeTracker.Clear();
        }
    }

    /// <summary>Ends the load: rebuilds the lag rows its batches left (if it suspended them). Call it once, after the last batch.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_lags is not null)
        {
            await _lags.RebuildAsync(_db, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _lags?.Dispose();
        // The connection goes back to the pool: it keeps SQLite's cache size of before, not the load's.
        if (_restoreCache is { } kibibytes && _db.Database.GetDbConnection() is SqliteConnection { State: System.Data.ConnectionState.Open } connection)
        {
            await PragmaAsync(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {kibibytes}"), CancellationToken.None);
        }

        await _db.Database.CloseConnectionAsync();
        await _scope.DisposeAsync();
    }

    private static async Task<long?> PragmaAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken) is long value ? value : null;
    }
}
