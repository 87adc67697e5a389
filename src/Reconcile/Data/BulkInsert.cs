using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Reconcile.Data;

/// <summary>
/// Inserts many rows of one entity in a few multi-row <c>INSERT … VALUES</c> statements (PostgreSQL) or one prepared
/// single-row statement stepped once per row (SQLite, see <see cref="SqliteRows"/>) on the context's connection and
/// current transaction, instead of one tracked entity (and one round of change tracking) each. Columns, names and value
/// conversions come from the EF model, so a row is stored exactly as SaveChanges would store it, on either provider.
/// The rows are not tracked. <c>matchBy</c> must name a string property. Errors from the database are raised as <see cref="DbUpdateException"/>, as SaveChanges raises them.
/// </summary>
public static class BulkInsert
{
    // Under PostgreSQL's 65,535 parameters per statement.
    private const int MaxParameters = 16_000;

    /// <summary>
    /// Inserts <paramref name="rows"/>. A store-generated key is left to the database; when <paramref name="matchBy"/> names
    /// a property that is unique among the rows, the generated keys are read back (RETURNING on PostgreSQL, each row's
    /// rowid on SQLite) and set on the rows.
    /// </summary>
    public static async Task InsertAsync<T>(ReconcileDbContext db, IReadOnlyList<T> rows, string? matchBy, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single();
        // The model's compiled getter, not reflection: this is asked of every row of a bulk load.
        var keyOf = key.GetGetter();
        var generated = key.ValueGenerated == ValueGenerated.OnAdd && rows.All(r => Equals(keyOf.GetClrValue(r), 0L));
        var columns = entity.GetProperties().Where(p => !(generated && p == key)).ToList();
        var match = matchBy is null ? null : entity.FindProperty(matchBy);
        if (db is SqliteReconcileDbContext)
        {
            await SqliteRows.InsertAsync(db, rows, table, columns, generated && match is not null ? key : null, cancellationToken);
            return;
        }

        var perStatement = Math.Max(1, MaxParameters / columns.Count);
        // Parameters are made by the model's type mappings (converters included) on a command that is never executed:
        // the statement itself runs through EF's raw SQL path, so the current transaction, logging and interceptors apply.
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var batch = rows.Skip(start).Take(perStatement).ToList();
            factory.Parameters.Clear();
            var sql = Statement(factory, table, columns, batch, generated && match is not null ? (key, match) : null);
            var parameters = factory.Parameters.Cast<DbParameter>().ToArray();
            factory.Parameters.Clear();
            await ExecuteAsync(db, sql, parameters, batch, generated ? key : null, match, cancellationToken);
        }
    }

    /// <summary>
    /// Takes the <typeparamref name="T"/> rows added to the context's tracker out of it and inserts them in bulk, in the
    /// order they were added (their ids follow that order). Returns the rows inserted.
    /// </summary>
    public static async Task<IReadOnlyList<T>> SaveAddedAsync<T>(ReconcileDbContext db, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = TakeAdded<T>(db);
        await InsertAsync(db, rows, matchBy: null, cancellationToken);
        return rows;
    }

    /// <summary>
    /// The <typeparamref name="T"/> rows added to the context's tracker, in the order they were added, taken out of it.
    /// Other tracked entities' changes are not looked for here (the save that follows does): after a run has tracked
    /// 45,000 audit events, each look went through every one of them.
    /// </summary>
    public static List<T> TakeAdded<T>(ReconcileDbContext db)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var tracker = db.ChangeTracker;
        var detecting = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            var added = tracker.Entries<T>().Where(e => e.State == EntityState.Added).ToList();
            foreach (var entry in added)
            {
                entry.State = EntityState.Detached;
            }

            return [.. added.Select(e => e.Entity)];
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private static string Statement<T>(DbCommand command, StoreObjectIdentifier table, List<IProperty> columns, List<T> batch, (IProperty Key, IProperty Match)? returning)
    {
        var sql = new StringBuilder($"INSERT INTO \"{table.Name}\" (");
        sql.AppendJoin(", ", columns.Select(c => $"\"{c.GetColumnName(table)}\"")).Append(") VALUES ");
        for (var r = 0; r < batch.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = $"@p{r}_{c}";
                var column = columns[c];
                var parameter = column.GetRelationalTypeMapping().CreateParameter(command, name, column.PropertyInfo!.GetValue(batch[r]), column.IsNullable);
                command.Parameters.Add(parameter);
                sql.Append(c == 0 ? name : ", " + name);
            }

            sql.Append(')');
        }

        if (returning is { } back)
        {
            sql.Append(" RETURNING \"").Append(back.Key.GetColumnName(table)).Append("\" AS \"Key\", \"").Append(back.Match.GetColumnName(table)).Append("\" AS \"Match\"");
        }

        return sql.ToString();
    }

    private static async Task ExecuteAsync<T>(
        ReconcileDbContext db, string sql, DbParameter[] parameters, List<T> batch, IProperty? key, IProperty? match, CancellationToken cancellationToken)
    {
        try
        {
            if (key is null || match is null)
            {
                await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
                return;
            }

            // RETURNING rows come in no promised order: each generated key goes to the row with its (unique) match value.
            var byMatch = batch.ToDictionary(r => (string)match.PropertyInfo!.GetValue(r)!, r => r, StringComparer.Ordinal);
            foreach (var returned in await db.Database.SqlQueryRaw<GeneratedKey>(sql, parameters).ToListAsync(cancellationToken))
            {
                key.PropertyInfo!.SetValue(byMatch[returned.Match], returned.Key);
            }
        }
        catch (DbException exception)
        {
            throw new DbUpdateException($"Bulk insert ({sql[..Math.Min(60, sql.Length)]}…) failed: {exception.Message}", exception);
        }
    }
}
