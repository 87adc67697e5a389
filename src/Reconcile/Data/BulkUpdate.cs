using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Reconcile.Data;

/// <summary>
/// Saves the modified <typeparamref name="T"/> rows a context tracks as SaveChanges would — the modified columns only,
/// each row checked against its concurrency tokens' original values — but on SQLite as one prepared <c>UPDATE</c> per
/// set of modified columns, stepped once per row, instead of a command built per row (a run that sees thousands of
/// exceptions again). The rows are saved and no longer tracked. On PostgreSQL it does nothing: SaveChanges batches there.
/// </summary>
public static class BulkUpdate
{
    /// <summary>Updates the context's modified <typeparamref name="T"/> rows inside its current transaction (or one of its own).</summary>
    /// <exception cref="DbUpdateConcurrencyException">A row's key and concurrency tokens matched no row: someone changed it since it was read.</exception>
    /// <exception cref="DbUpdateException">The database refused an update.</exception>
    public static async Task SaveModifiedAsync<T>(ReconcileDbContext db, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db is not SqliteReconcileDbContext)
        {
            return;
        }

        var modified = db.ChangeTracker.Entries<T>().Where(e => e.State == EntityState.Modified).ToList();
        if (modified.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var keys = entity.FindPrimaryKey()!.Properties.ToList();
        var tokens = entity.GetProperties().Where(p => p.IsConcurrencyToken).ToList();
        var where = keys.Concat(tokens).ToList();
        var whereMappings = where.Select(p => p.GetRelationalTypeMapping()).ToArray();
        foreach (var group in modified.GroupBy(e => string.Join(",", e.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name)), StringComparer.Ordinal))
        {
            var set = group.First().Properties.Where(p => p.IsModified).Select(p => p.Metadata).ToList();
            var setMappings = set.Select(p => p.GetRelationalTypeMapping()).ToArray();
            var sql = new StringBuilder($"UPDATE \"{table.Name}\" SET ")
                .AppendJoin(", ", set.Select((p, i) => $"\"{p.GetColumnName(table)}\" = {Name("s", i)}"))
                .Append(" WHERE ")
                .AppendJoin(" AND ", where.Select((p, i) => $"\"{p.GetColumnName(table)}\" = {Name("w", i)}"))
                .ToString();
            var names = set.Select((_, i) => Name("s", i)).Concat(where.Select((_, i) => Name("w", i))).ToArray();
            await SqliteRows.ExecuteEachAsync(db, sql, [.. group], names, [.. setMappings, .. whereMappings], (entry, values) =>
            {
                for (var i = 0; i < set.Count; i++)
                {
                    values[i] = entry.Property(set[i]).CurrentValue;
                }

                for (var i = 0; i < where.Count; i++)
                {
                    values[set.Count + i] = entry.Property(where[i]).OriginalValue;
                }
            }, (entry, affected) =>
            {
                if (affected != 1)
                {
                    throw new DbUpdateConcurrencyException($"{typeof(T).Name} {string.Join("/", keys.Select(k => entry.Property(k.Name).CurrentValue))} changed since it was read.");
                }
            }, cancellationToken);
        }

        // Saved: no longer tracked, so the saves that follow do not scan them for changes again.
        foreach (var entry in modified)
        {
            entry.State = EntityState.Detached;
        }
    }

    private static string Name(string prefix, int index) => string.Create(CultureInfo.InvariantCulture, $"@{prefix}{index}");
}
