using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Reconcile.Data.Entities;

namespace Reconcile.Data;

/// <summary>
/// The records' secondary indexes (by receive time, by update time: every index of the table but the unique one) that a
/// large bulk load into a SQLite store drops at its start and builds again at its end (<see cref="Ingest.BulkLoad"/>).
/// Their keys are times, which a backfill brings in no order, so each batch of inserts changed pages all over both
/// indexes and every commit wrote them again: on the 2-core machine 895,625 records took 30 s to insert into SQLite
/// with them and 10 s without, and building both afterwards 3.4 s. The unique index stays: it finds the stored copy
/// of each record a batch brings and refuses a second one. What a load that stopped before its end left dropped is
/// built at the next start (<see cref="DatabaseMigrator"/>).
/// </summary>
internal static class SetAsideIndexes
{
    /// <summary>Drops the indexes on a SQLite store (in a transaction, so other writers in the process wait at the write gate).</summary>
    public static async Task DropAsync(ReconcileDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (name, _) in Statements(db))
        {
            // The names come from the model, never from input.
            var drop = $"DROP INDEX IF EXISTS \"{name}\"";
            await db.Database.ExecuteSqlRawAsync(drop, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Builds those of the indexes a SQLite store lacks, exactly as the model (and its migrations) declare them; returns
    /// the names built (none on PostgreSQL, whose loads never drop them).
    /// </summary>
    public static async Task<IReadOnlyList<string>> EnsureAsync(ReconcileDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db is not SqliteReconcileDbContext)
        {
            return [];
        }

        var present = await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index'").ToListAsync(cancellationToken);
        var missing = Statements(db).Where(s => !present.Contains(s.Name, StringComparer.Ordinal)).ToList();
        if (missing.Count == 0)
        {
            return [];
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (_, create) in missing)
        {
            await db.Database.ExecuteSqlRawAsync(create, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return [.. missing.Select(m => m.Name)];
    }

    /// <summary>(index name, its CREATE INDEX statement) for each non-unique index of the records table in the model.</summary>
    private static IEnumerable<(string Name, string Create)> Statements(ReconcileDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(RecordEntity))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        foreach (var index in entity.GetIndexes().Where(i => !i.IsUnique))
        {
            var name = index.GetDatabaseName(table)!;
            var columns = string.Join(", ", index.Properties.Select(p => $"\"{p.GetColumnName(table)}\""));
            var filter = index.GetFilter() is { } where ? $" WHERE {where}" : "";
            yield return (name, $"CREATE INDEX IF NOT EXISTS \"{name}\" ON \"{table.Name}\" ({columns}){filter}");
        }
    }
}
