using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Reconcile.Data;

/// <summary>
/// Inserts many rows of one entity in a few multi-row <c>INSERT … VALUES</c> statements on the context's connection
/// and current transaction, instead of one tracked entity (and one statement) each. Columns, names and value
/// conversions come from the EF model, so a row is stored exactly as SaveChanges would store it, on either provider.
/// The rows are not tracked. Errors from the database are raised as <see cref="DbUpdateException"/>, as SaveChanges raises them.
/// </summary>
public static class BulkInsert
{
    // Well under SQLite's 32,766 and PostgreSQL's 65,535 parameters per statement.
    private const int MaxParameters = 16_000;

    /// <summary>
    /// Inserts <paramref name="rows"/>. A store-generated key is left to the database; when <paramref name="matchBy"/> names
    /// a property that is unique among the rows, the generated keys are read back (RETURNING) and set on the rows.
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
        var generated = key.ValueGenerated == ValueGenerated.OnAdd && rows.All(r => Equals(key.PropertyInfo!.GetValue(r), 0L));
        var columns = entity.GetProperties().Where(p => !(generated && p == key)).ToList();
        var match = matchBy is null ? null : entity.FindProperty(matchBy);
        var perStatement = Math.Max(1, MaxParameters / columns.Count);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var batch = rows.Skip(start).Take(perStatement).ToList();
                await using var command = connection.CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                command.CommandText = Statement(command, table, columns, batch, generated && match is not null ? (key, match) : null);
                await ExecuteAsync(command, batch, generated ? key : null, match, cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
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
        var added = db.ChangeTracker.Entries<T>().Where(e => e.State == EntityState.Added).ToList();
        foreach (var entry in added)
        {
            entry.State = EntityState.Detached;
        }

        var rows = added.Select(e => e.Entity).ToList();
        await InsertAsync(db, rows, matchBy: null, cancellationToken);
        return rows;
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
            sql.Append(" RETURNING \"").Append(back.Key.GetColumnName(table)).Append("\", \"").Append(back.Match.GetColumnName(table)).Append('"');
        }

        return sql.ToString();
    }

    private static async Task ExecuteAsync<T>(DbCommand command, List<T> batch, IProperty? key, IProperty? match, CancellationToken cancellationToken)
    {
        try
        {
            if (key is null || match is null)
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
                return;
            }

            // RETURNING rows come in no promised order: each generated key goes to the row with its (unique) match value.
            var byMatch = batch.ToDictionary(r => match.PropertyInfo!.GetValue(r)!, r => r);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                key.PropertyInfo!.SetValue(byMatch[reader.GetValue(1)], id);
            }
        }
        catch (DbException exception)
        {
            throw new DbUpdateException($"Bulk insert into {command.CommandText[..Math.Min(40, command.CommandText.Length)]}… failed: {exception.Message}", exception);
        }
    }
}
