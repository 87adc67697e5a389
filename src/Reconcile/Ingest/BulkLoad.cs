using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Reporting;

namespace Reconcile.Ingest;

/// <summary>
/// One bulk load (the simulator, a CSV import) stored batch by batch through <see cref="RecordStore"/>, on one context
/// and one connection held for the whole load. On SQLite that connection's page cache is <see cref="CacheKibibytes"/>
/// for the load: the records' three indexes outgrow SQLite's default 2 MiB within 100,000 orders, and every insert
/// then reads its index pages back from the file. A load large next to what is stored (<see cref="SuspendsLags"/>)
/// leaves the figures' lag rows to one rebuild at its end (<see cref="OrderLagMaintainer.Suspend"/>) instead of
/// recomputing each batch's orders, and on SQLite builds the records' indexes by time once at its end
/// (<see cref="SetAsideIndexes"/>) instead of keeping them up to date row by row. Batches share a transaction
/// committed every <see cref="CommitEvery"/>: SQLite writes every page a transaction changed at its commit, and a
/// batch's receive and update times fall all over those indexes' pages, so where they are kept (a load small next to
/// the store) a commit per batch of 5,000 wrote them whole again each time (895,625 records: 30 s in batches of 15,000,
/// 18 s in batches of 60,000). Each batch is a savepoint within it: a batch that fails takes back only its own rows,
/// and what the batches before it stored is committed before the error is raised. On a SQLite file in WAL mode the WAL
/// is checkpointed beside the load, on a connection of its own (<see cref="WalCheckpointer"/>), not inside its commits.
/// In a system that held no records at the load's start, a batch looks up only the orders the load may have stored
/// itself (<see cref="LoadedOrders"/>), not each of its orders.
/// A load stopped by a crash keeps what it committed; loading the same records again stores the rest (an identical
/// resend changes nothing).
/// </summary>
public sealed class BulkLoad : IAsyncDisposable
{
    /// <summary>The SQLite page cache of a bulk load's connection, in KiB (SQLite's <c>PRAGMA cache_size</c>, negative for KiB).</summary>
    public const int CacheKibibytes = 256 * 1024;

    /// <summary>The fewest records a load must hold for its lag rows to be rebuilt at the end instead of refreshed per batch.</summary>
    public const long SuspendLagsFrom = 10_000;

    /// <summary>
    /// How long batches share one transaction before it is committed. On SQLite other writers in the process wait that
    /// long and one batch more at most (<see cref="SqliteWriteGate"/>); a deciding click is acknowledged at once regardless.
    /// </summary>
    public static readonly TimeSpan CommitEvery = TimeSpan.FromSeconds(1);

    private const string BatchSavepoint = "bulk_batch";

    private readonly AsyncServiceScope _scope;
    private readonly ReconcileDbContext _db;
    private readonly LagSuspension? _lags;
    private readonly long? _restoreCache;
    private readonly WalCheckpointer? _checkpointer;
    private readonly TimeProvider _time;
    private readonly ILogger<BulkLoad> _logger;
    private readonly long _startedAt;
    private readonly LoadedOrders _loaded;
    private IDbContextTransaction? _transaction;
    private TimeSpan _storing;
    private long _stored;
    private long _begunAt;
    private bool _indexesSetAside;

    private BulkLoad(AsyncServiceScope scope, ReconcileDbContext db, long records, LagSuspension? lags, long? restoreCache, WalCheckpointer? checkpointer, bool indexesSetAside)
    {
        _loaded = new LoadedOrders(records);
        _scope = scope;
        _db = db;
        _lags = lags;
        _restoreCache = restoreCache;
        _checkpointer = checkpointer;
        _indexesSetAside = indexesSetAside;
        _time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        _logger = scope.ServiceProvider.GetRequiredService<ILogger<BulkLoad>>();
        _startedAt = _time.GetTimestamp();
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
            WalCheckpointer? checkpointer = null;
            if (db.Database.GetDbConnection() is SqliteConnection connection)
            {
                restore = await SqlitePragma.ScalarAsync(connection, "PRAGMA cache_size", cancellationToken);
                await SqlitePragma.ScalarAsync(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{CacheKibibytes}"), cancellationToken);
                checkpointer = await WalCheckpointer.StartAsync(connection, scope.ServiceProvider.GetRequiredService<ILogger<BulkLoad>>(), WalCheckpointer.RestartFrames, cancellationToken);
            }

            try
            {
                return await SetUpAsync(scope, db, records, restore, checkpointer, cancellationToken);
            }
            catch
            {
                if (checkpointer is not null)
                {
                    await checkpointer.DisposeAsync();
                }

                throw;
            }
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    /// <summary>Decides whether the load rebuilds the lag rows and sets the records' indexes by time aside, and does so.</summary>
    private static async Task<BulkLoad> SetUpAsync(
        AsyncServiceScope scope, ReconcileDbContext db, long records, long? restore, WalCheckpointer? checkpointer, CancellationToken cancellationToken)
    {
        // The store is counted only for a load large enough to be rebuilt.
        var suspend = records >= SuspendLagsFrom && SuspendsLags(records, await db.Records.LongCountAsync(cancellationToken));
        var lags = suspend ? scope.ServiceProvider.GetRequiredService<OrderLagMaintainer>().Suspend(db) : null;
        try
        {
            // Set aside for the same loads: rebuilding an index reads every record once, as a lag rebuild does.
            var setAside = suspend && db is SqliteReconcileDbContext;
            if (setAside)
            {
                await SetAsideIndexes.DropAsync<RecordEntity>(db, cancellationToken);
            }

            return new BulkLoad(scope, db, records, lags, restore, checkpointer, setAside);
        }
        catch
        {
            lags?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stores one batch through the load's <see cref="RecordStore"/>; what it tracked is let go after it. When it fails,
    /// the batches before it are committed and its error is raised.
    /// </summary>
    public async Task<IngestResult> StoreAsync(Func<RecordStore, Task<IngestResult>> store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var started = _time.GetTimestamp();
        if (_transaction is null)
        {
            if (_checkpointer is not null)
            {
                await _checkpointer.BeforeTransactionAsync(CancellationToken.None);
            }

            _transaction = await _db.Database.BeginTransactionAsync();
            _begunAt = _time.GetTimestamp();
        }

        IngestResult result;
        await _transaction.CreateSavepointAsync(BatchSavepoint);
        try
        {
            var records = _scope.ServiceProvider.GetRequiredService<RecordStore>();
            records.Loaded = _loaded;
            result = await store(records);
            await _transaction.ReleaseSavepointAsync(BatchSavepoint);
        }
        catch
        {
            await TakeBackAsync();
            throw;
        }
        finally
        {
            _db.ChangeTracker.Clear();
        }

        if (_time.GetElapsedTime(_begunAt) >= CommitEvery)
        {
            await CommitAsync();
        }

        _storing += _time.GetElapsedTime(started);
        _stored += result.Accepted + result.Quarantined;
        return result;
    }

    /// <summary>
    /// Ends the load: commits its last batches, then builds the indexes it set aside and rebuilds the lag rows they left
    /// (if it suspended them) in one transaction, the records read for the lag rows on a second connection while the
    /// indexes are built (a SQLite file in WAL mode; one after the other elsewhere). Call it once, after the last batch.
    /// </summary>
    /// <remarks>
    /// Logs where the load's time went (information): storing the batches (this writer's own time, commits included),
    /// waiting for the next batch (the rest, until the last batch), building the indexes set aside, the lag rows' time
    /// beyond that, and the end (indexes and lag rows) in all.
    /// </remarks>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        await CommitAsync();
        _storing += _time.GetElapsedTime(started);
        var loaded = _time.GetElapsedTime(_startedAt);
        started = _time.GetTimestamp();
        var indexes = TimeSpan.Zero;
        async Task BuildIndexesAsync(CancellationToken cancellation)
        {
            var building = _time.GetTimestamp();
            await BuildSetAsideAsync(cancellation);
            indexes = _time.GetElapsedTime(building);
        }

        if (_lags is not null)
        {
            // The lag rows are read from the records while the indexes are built, in the rebuild's transaction.
            await _lags.RebuildAsync(_db, _indexesSetAside ? BuildIndexesAsync : null, cancellationToken);
            _indexesSetAside = false;
        }
        else
        {
            await RestoreIndexesAsync(cancellationToken);
            indexes = _time.GetElapsedTime(started);
        }

        var ending = _time.GetElapsedTime(started);
        _logger.LogInformation(
            "Bulk load of {Records} records: storing {StoringSeconds:F1} s, waiting for batches {WaitingSeconds:F1} s, building indexes {IndexSeconds:F1} s, rebuilding lag rows {LagSeconds:F1} s more, ending {EndSeconds:F1} s in all",
            _stored, _storing.TotalSeconds, Math.Max(0, (loaded - _storing).TotalSeconds), indexes.TotalSeconds, (ending - indexes).TotalSeconds, ending.TotalSeconds);
    }

    /// <summary>
    /// Commits what the batches stored so far, builds the indexes set aside (if <see cref="CompleteAsync"/> did not) and
    /// lets go of the connection, each step even when one before it failed; the lag rows are rebuilt only by <see cref="CompleteAsync"/>.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            // A load stopped between batches (cancelled, its source failed) keeps the batches it stored, as a commit per batch would.
            await CommitAsync();
            await RestoreIndexesAsync(CancellationToken.None);
        }
        finally
        {
            _lags?.Dispose();
            try
            {
                try
                {
                    if (_checkpointer is not null)
                    {
                        await _checkpointer.DisposeAsync();
                    }
                }
                finally
                {
                    // The connection goes back to the pool: it keeps SQLite's cache size of before, not the load's.
                    if (_restoreCache is { } kibibytes && _db.Database.GetDbConnection() is SqliteConnection { State: System.Data.ConnectionState.Open } connection)
                    {
                        await SqlitePragma.ScalarAsync(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {kibibytes}"), CancellationToken.None);
                    }
                }
            }
            finally
            {
                await _db.Database.CloseConnectionAsync();
                await _scope.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// After a failed batch: takes back what it wrote and commits the batches before it. When the transaction itself is
    /// gone (SQLite rolls it back on a full disk or an I/O error; a PostgreSQL connection broke), it is let go and the
    /// batch's own error is the one the caller sees; the load has then stored what it committed before.
    /// </summary>
    private async Task TakeBackAsync()
    {
        var transaction = _transaction!;
        try
        {
            await transaction.RollbackToSavepointAsync(BatchSavepoint, CancellationToken.None);
            await CommitAsync();
        }
#pragma warning disable CA1031 // The batch's error is raised by the caller; this one only says the transaction was already lost.
        catch (Exception)
#pragma warning restore CA1031
        {
            _transaction = null;
            await DisposeQuietlyAsync(transaction);
        }
    }

    private static async Task DisposeQuietlyAsync(IDbContextTransaction transaction)
    {
        try
        {
            await transaction.DisposeAsync();
        }
#pragma warning disable CA1031 // Disposing a transaction already lost can only fail again the same way.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async Task RestoreIndexesAsync(CancellationToken cancellationToken)
    {
        await BuildSetAsideAsync(cancellationToken);
        _indexesSetAside = false;
    }

    // In the caller's transaction, if any: the flag is cleared only once that is committed.
    private async Task BuildSetAsideAsync(CancellationToken cancellationToken)
    {
        if (_indexesSetAside)
        {
            await SetAsideIndexes.EnsureAsync<RecordEntity>(_db, cancellationToken);
        }
    }

    private async Task CommitAsync()
    {
        if (_transaction is { } transaction)
        {
            _transaction = null;
            await using (transaction)
            {
                // Not cancellable: what is committed here was stored whole, batch by batch.
                await transaction.CommitAsync(CancellationToken.None);
            }

            _checkpointer?.Committed();
        }
    }
}
