using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Reconcile.Data;
using Reconcile.Tests.Infrastructure;
using static Reconcile.Tests.Infrastructure.SqliteCommands;

namespace Reconcile.Tests.Data;

/// <summary>
/// A bulk load's WAL is checkpointed on a connection of its own: the load's connection stops checkpointing while it
/// runs and gets its setting back after, what was committed reaches the database file, and once a checkpoint found the
/// WAL at the restart size the load waits for a checkpoint of its last commit, so that SQLite writes the WAL from its start again.
/// </summary>
public sealed class WalCheckpointerTests : IDisposable
{
    private const int PageSize = 4096;
    private readonly string _directory = TestDirectory.Create();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TestDirectory.TryDelete(_directory);
    }

    [Fact]
    public async Task The_writer_stops_checkpointing_while_it_runs_and_gets_its_own_setting_back()
    {
        await using var writer = await OpenWalAsync("setting.db");
        await ExecuteAsync(writer, "PRAGMA wal_autocheckpoint = 500");

        var checkpointer = await WalCheckpointer.StartAsync(writer, NullLogger.Instance, WalCheckpointer.RestartFrames, CancellationToken.None);
        Assert.NotNull(checkpointer);
        var during = await ScalarAsync(writer, "PRAGMA wal_autocheckpoint");
        await checkpointer.DisposeAsync();

        Assert.Equal(0L, during);
        Assert.Equal(500L, await ScalarAsync(writer, "PRAGMA wal_autocheckpoint"));
    }

    [Fact]
    public async Task What_the_writer_committed_reaches_the_database_file_through_the_side_connection()
    {
        var withIt = await DatabaseFileAfterAsync("checkpointed.db", useCheckpointer: true);
        var without = await DatabaseFileAfterAsync("unchecked.db", useCheckpointer: false);

        // 4 commits of 200 rows of 1,000 bytes: 800 KB in the file once checkpointed; the writer alone (its own
        // checkpoints off, as while the checkpointer runs) leaves them all in the WAL.
        Assert.InRange(withIt, 800_000, 2_000_000);
        Assert.InRange(without, 0, 3 * PageSize);
    }

    [Fact]
    public async Task Past_the_restart_size_the_writer_waits_for_a_checkpoint_of_its_last_commit_and_sqlite_writes_the_wal_from_its_start()
    {
        await using var writer = await OpenWalAsync("restart.db");
        await ExecuteAsync(writer, "CREATE TABLE t (v BLOB)");
        // Every commit (about 52 pages) is past a restart size of 10 pages once a checkpoint has seen one.
        var checkpointer = await WalCheckpointer.StartAsync(writer, NullLogger.Instance, restartFrames: 10, CancellationToken.None);
        Assert.NotNull(checkpointer);
        await CommitAsync(writer, checkpointer);
        for (var waited = 0; checkpointer.WalFrames == 0 && waited < 1000; waited++)
        {
            await Task.Delay(10);
        }

        var waits = 0;
        for (var commit = 2; commit <= 30; commit++)
        {
            // A checkpoint found the WAL past the restart size: the writer goes on only once its last commit was checkpointed.
            var past = checkpointer.WalFrames >= 10;
            await checkpointer.BeforeTransactionAsync(CancellationToken.None);
            if (past)
            {
                waits++;
                Assert.Equal(commit - 1, checkpointer.CheckpointedCommits);
            }

            await CommitAsync(writer, checkpointer);
        }

        await checkpointer.DisposeAsync();

        // Each wait let the next transaction find the WAL copied whole, and SQLite wrote it from its start: the WAL
        // header's checkpoint sequence (bytes 12-15, big-endian) counts those restarts.
        Assert.InRange(waits, 1, 29);
        var header = new byte[32];
        await using (var wal = new FileStream(Path.Combine(_directory, "restart.db-wal"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            await wal.ReadExactlyAsync(header);
        }

        Assert.InRange(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(12)), (uint)waits, 30u);
        Assert.Equal(6000L, await ScalarAsync(writer, "SELECT count(*) FROM t"));
    }

    [Theory]
    [InlineData("Data Source=:memory:", "PRAGMA journal_mode = MEMORY")]
    [InlineData("Data Source={0}", "PRAGMA journal_mode = DELETE")]
    public async Task No_checkpointer_where_a_second_connection_cannot_work_beside_the_writer_which_keeps_its_own(string connection, string journal)
    {
        await using var writer = new SqliteConnection(string.Format(System.Globalization.CultureInfo.InvariantCulture, connection, Path.Combine(_directory, "other.db")));
        await writer.OpenAsync();
        await ExecuteAsync(writer, journal + "; PRAGMA wal_autocheckpoint = 700; CREATE TABLE t (v INTEGER)");

        Assert.Null(await WalCheckpointer.StartAsync(writer, NullLogger.Instance, WalCheckpointer.RestartFrames, CancellationToken.None));
        Assert.Equal(700L, await ScalarAsync(writer, "PRAGMA wal_autocheckpoint"));
    }

    /// <summary>Writes 4 transactions of 200 rows × 1,000 bytes; returns the database file's size, then checks every row is there.</summary>
    private async Task<long> DatabaseFileAfterAsync(string name, bool useCheckpointer)
    {
        await using var writer = await OpenWalAsync(name);
        await ExecuteAsync(writer, "CREATE TABLE t (v BLOB)");
        var checkpointer = useCheckpointer ? await WalCheckpointer.StartAsync(writer, NullLogger.Instance, WalCheckpointer.RestartFrames, CancellationToken.None) : null;
        if (!useCheckpointer)
        {
            await ExecuteAsync(writer, "PRAGMA wal_autocheckpoint = 0");
        }

        for (var commit = 0; commit < 4; commit++)
        {
            await CommitAsync(writer, checkpointer);
        }

        // Measured once the checkpoints of all four commits ended, before the last one disposing runs.
        for (var waited = 0; checkpointer is not null && checkpointer.CheckpointedCommits < 4 && waited < 1000; waited++)
        {
            await Task.Delay(10);
        }

        var size = new FileInfo(Path.Combine(_directory, name)).Length;
        if (checkpointer is not null)
        {
            await checkpointer.DisposeAsync();
        }

        Assert.Equal(800L, await ScalarAsync(writer, "SELECT count(*) FROM t"));
        return size;
    }

    /// <summary>One transaction of 200 rows × 1,000 bytes, told to the checkpointer (if any) once committed.</summary>
    private static async Task CommitAsync(SqliteConnection writer, WalCheckpointer? checkpointer)
    {
        await using (var transaction = (SqliteTransaction)await writer.BeginTransactionAsync())
        {
            await ExecuteAsync(writer, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO t SELECT randomblob(1000) FROM n");
            await transaction.CommitAsync();
        }

        checkpointer?.Committed();
    }

    private async Task<SqliteConnection> OpenWalAsync(string name)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, name)};Pooling=False");
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL");
        return connection;
    }
}
