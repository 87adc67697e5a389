using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Tests.Infrastructure;
using static Reconcile.Tests.Infrastructure.SqliteCommands;

namespace Reconcile.Tests.Data;

/// <summary>
/// A WAL that grew large (a bulk load, a backfill) shrinks back to the service's limit once it is checkpointed and
/// written from its start again, instead of keeping its largest size on disk until the last connection closes.
/// </summary>
public sealed class WalSizeLimitTests
{
    [Fact]
    public async Task A_large_wal_shrinks_to_the_limit_at_the_first_write_after_a_complete_checkpoint()
    {
        using var factory = new ReconcileFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var wal = new FileInfo(factory.DatabasePath + "-wal");

        Assert.Equal(64L * 1024 * 1024, await ScalarAsync(connection, "PRAGMA journal_size_limit"));
        // 80 one-megabyte rows in one transaction: the WAL grows past the limit, and the commit's checkpoint copies it all.
        await ExecuteAsync(connection, """
            CREATE TABLE wal_filler (v BLOB);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 80)
            INSERT INTO wal_filler SELECT randomblob(1000000) FROM n;
            """);
        await ExecuteAsync(connection, "PRAGMA wal_checkpoint(PASSIVE)");
        wal.Refresh();
        var grown = wal.Length;

        await ExecuteAsync(connection, "INSERT INTO wal_filler VALUES (x'00')");
        wal.Refresh();

        Assert.InRange(grown, 80_000_000, long.MaxValue);
        Assert.InRange(wal.Length, 0, 64L * 1024 * 1024);
    }
}
