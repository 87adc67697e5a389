using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Data;

/// <summary>
/// A deferred commit only writes the WAL: the file takes its pages from a checkpoint beside it afterwards, and the
/// committing connection checkpoints by itself again once the commit is over.
/// </summary>
public sealed class BackgroundCheckpointsTests
{
    // 1,000 rows of 8 KB: about 2,000 pages of 4 KiB, twice the WAL that SQLite checkpoints at by itself.
    private const string Filler = """
        CREATE TABLE IF NOT EXISTS "filler" ("Bytes" BLOB NOT NULL);
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) INSERT INTO "filler" SELECT randomblob(8000) FROM n;
        """;

    [Fact]
    public async Task A_deferred_commit_leaves_the_file_to_a_checkpoint_beside_it_and_the_connection_checkpoints_again_after()
    {
        using var factory = new ReconcileFactory();
        var checkpoints = factory.Services.GetRequiredService<BackgroundCheckpoints>();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        await db.Database.OpenConnectionAsync();
        var before = new FileInfo(factory.DatabasePath).Length;
        long atCommit;

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlRawAsync(Filler);
            await using (await checkpoints.DeferAsync(db, CancellationToken.None))
            {
                await transaction.CommitAsync();
                atCommit = new FileInfo(factory.DatabasePath).Length;
            }
        }

        await checkpoints.DisposeAsync();
        var after = new FileInfo(factory.DatabasePath).Length;
        var setting = await ScalarAsync((SqliteConnection)db.Database.GetDbConnection(), "PRAGMA wal_autocheckpoint");

        // The commit's 8 MB reached the file only after it, through the checkpoint beside it.
        Assert.InRange(atCommit - before, 0, 1_000_000);
        Assert.InRange(after - before, 8_000_000, long.MaxValue);
        Assert.Equal(1000L, setting);
    }

    [Fact]
    public async Task An_in_memory_database_commits_as_before()
    {
        var checkpoints = new BackgroundCheckpoints(Microsoft.Extensions.Logging.Abstractions.NullLogger<BackgroundCheckpoints>.Instance);
        var options = new DbContextOptionsBuilder<SqliteReconcileDbContext>().UseSqlite("Data Source=:memory:").Options;
        await using var db = new SqliteReconcileDbContext(options);
        await db.Database.OpenConnectionAsync();

        await using (await checkpoints.DeferAsync(db, CancellationToken.None))
        {
            Assert.Equal(1000L, await ScalarAsync((SqliteConnection)db.Database.GetDbConnection(), "PRAGMA wal_autocheckpoint"));
        }
    }

    private static async Task<long?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long?)await command.ExecuteScalarAsync();
    }
}
