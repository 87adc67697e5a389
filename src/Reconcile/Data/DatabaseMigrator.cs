using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data.Entities;
using Reconcile.Reporting;

namespace Reconcile.Data;

/// <summary>Applies the checked-in migrations of the configured provider.</summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        if (db is SqliteReconcileDbContext)
        {
            EnsureSqliteDirectory(options.Value.ConnectionString);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (db is SqliteReconcileDbContext)
        {
            // WAL lets readers (Slack status, the API) proceed while a run writes; it persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        }

        if (pending.Count > 0)
        {
            logger.LogInformation("Applied {Count} migration(s): {Migrations}", pending.Count, pending);
        }

        // A bulk load that stopped before its end (a crash, a kill) left the records' indexes by time dropped; the lag
        // rows' are dropped only inside a rebuild's transaction, checked all the same.
        if ((await SetAsideIndexes.EnsureAsync<RecordEntity>(db, cancellationToken)).Concat(await SetAsideIndexes.EnsureAsync<OrderLagEntity>(db, cancellationToken)).ToList()
            is { Count: > 0 } rebuilt)
        {
            logger.LogWarning("Built the index(es) {Indexes} that a bulk load stopped before its end had set aside", rebuilt);
        }

        // Records stored before runs read typed columns get them now, once.
        if (await RecordColumnsBackfill.RunAsync(db, cancellationToken) is > 0 and var filled)
        {
            logger.LogInformation("Backfilled the typed columns of {Count} stored record(s)", filled);
        }

        // The figures' lag rows depend on the configured flows, so they are built here (not in a migration): once after
        // the upgrade, and again for a flow whose source or targets changed.
        if (scope.ServiceProvider.GetService<OrderLagMaintainer>() is { } lags && await lags.EnsureBuiltAsync(db, cancellationToken) is > 0 and var built)
        {
            logger.LogInformation("Built the lag rows of {Count} flow(s) from the stored records", built);
        }

        return pending;
    }

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
