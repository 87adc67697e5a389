using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Reconcile.Data;

/// <summary>
/// Secondary indexes (every index of a table but the unique and the partial ones) that a SQLite write of a whole table's worth of rows
/// drops first and builds again after, which sorts each index once instead of keeping it up to date row by row.
/// The records' indexes by receive and update time: a large bulk load (<see cref="Ingest.BulkLoad"/>) sets them aside
/// for its length; their keys are times, which a backfill brings in no order, so each batch of inserts changed pages all
/// over both and every commit wrote them again (on the 2-core machine 895,625 records took 30 s to insert into SQLite with
/// them, 10 s without, and building both afterwards 3.4 s). What a load that stopped before its end left dropped is
/// built at the next start (<see cref="DatabaseMigrator"/>). The unique index stays: it finds the stored copy of each
/// record a batch brings and refuses a second one. The figures' lag rows: a rebuild sets theirs aside inside its own
/// transaction, so no reader ever sees them missing.
/// </summary>
internal static class SetAsideIndexes
{
    /// <summary>
    /// Drops <typeparamref name="TEntity"/>'s secondary indexes on a SQLite store, in the caller's transaction or one of
    /// its own (so other writers in the process wait at the write gate). Nothing on PostgreSQL.
    /// </summary>
    public static async Task DropAsync<TEntity>(ReconcileDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db is not SqliteReconcileDbContext)
        {
            return;
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        foreach (var (name, _) in Statements(db, typeof(TEntity)))
        {
            // The names come from the model, never from input.
            var drop = $"DROP INDEX IF EXISTS \"{name}\"";
            await db.Database.ExecuteSqlRawAsync(drop, cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Builds those of <typeparamref name="TEntity"/>'s secondary indexes a SQLite store lacks, exactly as the model (and
    /// its migrations) declare them, in the caller's transaction or one of its own, sorting as <see cref="IndexSort"/>
    /// says; returns the names built (none on PostgreSQL, where they are never dropped).
    /// </summary>
    public static async Task<IReadOnlyList<string>> EnsureAsync<TEntity>(ReconcileDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db is not SqliteReconcileDbContext)
        {
            return [];
        }

        var present = await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index'").ToListAsync(cancellationToken);
        var missing = Statements(db, typeof(TEntity)).Where(s => !present.Contains(s.Name, StringComparer.Ordinal)).ToList();
        if (missing.Count == 0)
        {
            return [];
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (await IndexSort.BeginAsync((SqliteConnection)db.Database.GetDbConnection(), cancellationToken))
        {
            foreach (var (_, create) in missing)
            {
                await db.Database.ExecuteSqlRawAsync(create, cancellationToken);
            }
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return [.. missing.Select(m => m.Name)];
    }

    /// <summary>(index name, its CREATE INDEX statement) for each non-unique index of the entity's table in the model.</summary>
    private static IEnumerable<(string Name, string Create)> Statements(ReconcileDbContext db, Type type)
    {
        var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        // A partial index holds next to nothing (the records still without typed columns): it stays.
        foreach (var index in entity.GetIndexes().Where(i => !i.IsUnique && i.GetFilter() is null))
        {
            var name = index.GetDatabaseName(table)!;
            var columns = string.Join(", ", index.Properties.Select(p => $"\"{p.GetColumnName(table)}\""));
            yield return (name, $"CREATE INDEX IF NOT EXISTS \"{name}\" ON \"{table.Name}\" ({columns})");
        }
    }
}
