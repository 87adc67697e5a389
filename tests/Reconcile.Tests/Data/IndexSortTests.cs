using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Tests.Infrastructure;
using static Reconcile.Tests.Infrastructure.SqliteCommands;

namespace Reconcile.Tests.Data;

/// <summary>
/// Indexes set aside by a bulk load are built with a small page cache and SQLite's sorter threads, and the connection
/// gets its own cache and threads back afterwards (a bulk load goes on with its 256 MiB cache).
/// </summary>
public sealed class IndexSortTests
{
    [Fact]
    public async Task A_sort_uses_a_small_cache_and_worker_threads_and_sets_the_connection_back()
    {
        using var factory = new ReconcileFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await ExecuteAsync(connection, "PRAGMA cache_size = -262144");

        await using (await IndexSort.BeginAsync(connection, CancellationToken.None))
        {
            Assert.Equal(-8192L, await ScalarAsync(connection, "PRAGMA cache_size"));
            // The native library SQLitePCLRaw loads allows sorter threads: SQLite caps the setting at its compiled limit.
            Assert.Equal((long)Math.Clamp(Environment.ProcessorCount, 1, 8), await ScalarAsync(connection, "PRAGMA threads"));
        }

        Assert.Equal(-262144L, await ScalarAsync(connection, "PRAGMA cache_size"));
        Assert.Equal(0L, await ScalarAsync(connection, "PRAGMA threads"));
    }

    [Fact]
    public async Task Indexes_set_aside_are_built_again_and_the_connection_keeps_its_cache()
    {
        using var factory = new ReconcileFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await ExecuteAsync(connection, "PRAGMA cache_size = -262144");
        await SetAsideIndexes.DropAsync<RecordEntity>(db, CancellationToken.None);

        var built = await SetAsideIndexes.EnsureAsync<RecordEntity>(db, CancellationToken.None);

        Assert.Equal(["IX_records_System_OrderUpdatedAt", "IX_records_System_ReceivedAt_OrderId"], built.Order(StringComparer.Ordinal));
        Assert.Equal(2L, await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('IX_records_System_OrderUpdatedAt', 'IX_records_System_ReceivedAt_OrderId')"));
        Assert.Equal(-262144L, await ScalarAsync(connection, "PRAGMA cache_size"));
        Assert.Equal(0L, await ScalarAsync(connection, "PRAGMA threads"));
    }

    [Fact]
    public async Task A_closed_connection_is_refused_with_a_clear_error()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => IndexSort.BeginAsync(connection, CancellationToken.None));

        Assert.Contains("open connection", error.Message, StringComparison.Ordinal);
    }
}
