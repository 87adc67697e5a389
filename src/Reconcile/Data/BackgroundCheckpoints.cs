using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Reconcile.Data;

/// <summary>
/// Lets a large commit leave its WAL checkpoint to a thread of its own. SQLite checkpoints on the committing connection
/// once the WAL holds 1,000 pages (<c>PRAGMA wal_autocheckpoint</c>): a full run that opens 45,000 exceptions commits
/// about 100 MB with their audit events and Slack messages, and copying and syncing that into the file took 2 s of the
/// run's commit. Deferred (<see cref="DeferAsync"/>), the commit only writes the WAL, and a passive checkpoint on a side
/// connection (<see cref="SqliteSideConnection"/>) copies it afterwards without blocking a writer or a reader; another
/// connection's automatic checkpoint meanwhile finds it running and leaves it. Durability is unchanged: the commit is in
/// the WAL as before, and a checkpoint only moves committed pages into the file. A checkpoint that fails is logged; the
/// next one copies what it left. Disposing waits for the checkpoints still running.
/// </summary>
public sealed class BackgroundCheckpoints(ILogger<BackgroundCheckpoints> logger) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<Task> _running = [];

    /// <summary>
    /// Turns the automatic checkpoint of <paramref name="db"/>'s open SQLite connection off until the returned scope is
    /// disposed, which starts a checkpoint beside it and gives the connection its setting back. Where a side connection
    /// would not work (PostgreSQL, an in-memory database, a journal mode other than WAL) nothing changes.
    /// </summary>
    /// <exception cref="SqliteException">The side connection could not be opened.</exception>
    public async Task<IAsyncDisposable> DeferAsync(ReconcileDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.GetDbConnection() is not SqliteConnection { State: System.Data.ConnectionState.Open } writer
            || await SqliteSideConnection.OpenAsync(writer, readOnly: false, cancellationToken) is not { } side)
        {
            return Nothing.Instance;
        }

        try
        {
            // SQLite's default where the setting does not read back.
            var pages = await SqlitePragma.ScalarAsync(writer, "PRAGMA wal_autocheckpoint", cancellationToken) ?? 1000;
            await SqlitePragma.ScalarAsync(writer, "PRAGMA wal_autocheckpoint = 0", cancellationToken);
            return new Deferred(this, writer, side, pages);
        }
        catch
        {
            await side.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for the checkpoints still running.</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (_gate)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running);
    }

    // A thread of its own: a checkpoint blocks it for its length, and the pool's threads are the run's and the requests'.
    private void Start(SqliteConnection side)
    {
        var checkpoint = Task.Factory.StartNew(() => Checkpoint(side), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        lock (_gate)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(checkpoint);
        }
    }

    private void Checkpoint(SqliteConnection side)
    {
        try
        {
            using var command = side.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            command.ExecuteNonQuery();
        }
#pragma warning disable CA1031 // A checkpoint is housekeeping: what it left in the WAL is copied by the next one.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            logger.LogWarning(failure, "A checkpoint after a commit failed; the next checkpoint copies what it left in the WAL");
        }
        finally
        {
            side.Dispose();
        }
    }

    private sealed class Deferred(BackgroundCheckpoints owner, SqliteConnection writer, SqliteConnection side, long pages) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            owner.Start(side);
            if (writer.State == System.Data.ConnectionState.Open)
            {
                await SqlitePragma.ScalarAsync(writer, string.Create(CultureInfo.InvariantCulture, $"PRAGMA wal_autocheckpoint = {pages}"), CancellationToken.None);
            }
        }
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public static readonly Nothing Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
