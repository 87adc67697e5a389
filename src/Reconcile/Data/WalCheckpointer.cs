using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Reconcile.Data;

/// <summary>
/// Checkpoints a SQLite file's WAL on a connection of its own after each commit of a bulk load, instead of on the
/// load's connection inside its commit. SQLite checkpoints on the committing connection once the WAL holds 1,000 pages
/// (<c>PRAGMA wal_autocheckpoint</c>), and a load's commit of a second's batches is far more: every commit then also
/// copied its pages into the file and synced it, a third of the load's own time (896,008 records: 7.6 of 25 s). The
/// load's connection stops checkpointing while this runs (<c>wal_autocheckpoint = 0</c>, given back when disposed);
/// a passive checkpoint here copies what was committed without blocking the writer or a reader, on the other core.
/// Durability is unchanged: a commit is in the WAL (synced as <c>synchronous = NORMAL</c> syncs it) before the load
/// goes on, and a checkpoint only moves committed pages into the file.
/// SQLite writes the WAL from its start again only when a write transaction begins after a checkpoint copied all of
/// it, which a checkpoint beside the next batch never finished in time: once the WAL holds <see cref="RestartFrames"/>
/// the load waits for a checkpoint of its last commit before its next transaction (<see cref="BeforeTransactionAsync"/>),
/// so the WAL file stays that size however large the load instead of growing to the size of all it wrote.
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>The WAL's size (in pages) from which the load waits for a checkpoint so that SQLite writes it from its start again: 512 MiB at SQLite's default 4 KiB pages.</summary>
    public const long RestartFrames = 131_072;

    private readonly SqliteConnection _writer;
    private readonly long _autoCheckpoint;
    private readonly SqliteConnection _side;
    private readonly ILogger _logger;
    private readonly long _restartFrames;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly Task _loop;
    private long _committed;
    private long _checkpointedFor;
    private long _walFrames;
    private bool _stopping;
    private TaskCompletionSource _checkpointed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WalCheckpointer(SqliteConnection writer, long autoCheckpoint, SqliteConnection side, ILogger logger, long restartFrames)
    {
        _restartFrames = restartFrames;
        _writer = writer;
        _autoCheckpoint = autoCheckpoint;
        _side = side;
        _logger = logger;
        _loop = Task.Factory.StartNew(Loop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The WAL's size in pages as the last checkpoint found it (0 before the first).</summary>
    internal long WalFrames => Interlocked.Read(ref _walFrames);

    /// <summary>How many of the writer's commits the checkpoints that ended so far began after.</summary>
    internal long CheckpointedCommits => Interlocked.Read(ref _checkpointedFor);

    /// <summary>
    /// Starts checkpointing beside <paramref name="writer"/> (an open connection, outside a transaction); null where a
    /// second connection would not work beside it (<see cref="SqliteSideConnection"/>), and the writer checkpoints as
    /// before. <paramref name="restartFrames"/> is the WAL's size in pages from which <see cref="BeforeTransactionAsync"/>
    /// waits (<see cref="RestartFrames"/> for a bulk load).
    /// </summary>
    public static async Task<WalCheckpointer?> StartAsync(SqliteConnection writer, ILogger logger, long restartFrames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (await SqliteSideConnection.OpenAsync(writer, readOnly: false, cancellationToken) is not { } side)
        {
            return null;
        }

        try
        {
            // SQLite's default where the setting does not read back.
            var autoCheckpoint = await SqlitePragma.ScalarAsync(writer, "PRAGMA wal_autocheckpoint", cancellationToken) ?? 1000;
            await SqlitePragma.ScalarAsync(writer, "PRAGMA wal_autocheckpoint = 0", cancellationToken);
            return new WalCheckpointer(writer, autoCheckpoint, side, logger, restartFrames);
        }
        catch
        {
            await side.DisposeAsync();
            throw;
        }
    }

    /// <summary>Says the writer committed: a checkpoint follows (one for several commits while one is running).</summary>
    public void Committed()
    {
        Interlocked.Increment(ref _committed);
        Signal();
    }

    /// <summary>
    /// Before the writer begins a transaction: once the WAL holds the restart size in pages, waits for one
    /// checkpoint begun after the last commit (whether or not it could copy everything: a reader on an older snapshot
    /// holds some back, and the WAL then grows as it would without this).
    /// </summary>
    public async Task BeforeTransactionAsync(CancellationToken cancellationToken)
    {
        var committed = Interlocked.Read(ref _committed);
        while (true)
        {
            // Taken before the test: a checkpoint that ends in between has already completed it.
            var next = Volatile.Read(ref _checkpointed).Task;
            if (Interlocked.Read(ref _walFrames) < _restartFrames || _loop.IsCompleted)
            {
                return;
            }

            if (Interlocked.Read(ref _checkpointedFor) >= committed)
            {
                // This transaction writes the WAL from its start if the checkpoint copied it all: until a checkpoint
                // says otherwise, the size it found is gone (else the next commit would wait once more for nothing).
                Interlocked.Exchange(ref _walFrames, 0);
                return;
            }

            await next.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Runs a last checkpoint of what was committed, closes the side connection and gives the writer (if still open)
    /// back its own checkpoints, each step even when one before it failed. A checkpoint that failed was logged; what
    /// it left in the WAL is copied by the next one, here or after the writer's next commits.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _stopping, true);
        Signal();
        try
        {
            await _loop;
        }
        finally
        {
            try
            {
                await _side.DisposeAsync();
            }
            finally
            {
                if (_writer.State == System.Data.ConnectionState.Open)
                {
                    await SqlitePragma.ScalarAsync(_writer, string.Create(CultureInfo.InvariantCulture, $"PRAGMA wal_autocheckpoint = {_autoCheckpoint}"), CancellationToken.None);
                }
            }
        }
    }

    // A thread of its own: a checkpoint blocks it for its length, and on a pool busy with the load's own work (or a
    // test host's) a queued checkpoint waited for a thread until the load was over.
    private void Loop()
    {
        while (true)
        {
            _signal.Wait();
            var stopping = Volatile.Read(ref _stopping);
            var committed = Interlocked.Read(ref _committed);
            try
            {
                using var command = _side.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                using var result = command.ExecuteReader();
                // One row: whether another checkpoint held it off (then -1 pages), the WAL's pages, the pages copied.
                if (result.Read() && result.GetInt64(0) == 0 && result.GetInt64(1) >= 0)
                {
                    Interlocked.Exchange(ref _walFrames, result.GetInt64(1));
                }
            }
#pragma warning disable CA1031 // A checkpoint is an optimization: the load goes on, and the WAL it left is copied by the next one.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                _logger.LogWarning(failure, "A checkpoint beside a bulk load failed; the next checkpoint copies what it left in the WAL");
            }
            finally
            {
                // A writer waiting for this checkpoint goes on whatever became of it.
                Interlocked.Exchange(ref _checkpointedFor, committed);
                Interlocked.Exchange(ref _checkpointed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }

            if (stopping)
            {
                _checkpointed.TrySetResult();
                return;
            }
        }
    }

    private void Signal()
    {
        // One pending signal stands for any number of commits: a checkpoint copies all that was committed before it.
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }
}
