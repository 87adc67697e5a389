using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Reconcile.Data;

/// <summary>
/// SQLite's side of <see cref="BulkInsert"/> and <see cref="BulkUpdate"/>: one single-row statement, prepared once and
/// stepped once per row inside one transaction (the caller's, or its own). SQLite runs in this process, so a statement
/// per row costs no round trip; what costs is compiling SQL and binding named parameters, which SQLite finds by a scan
/// of the statement's names — a multi-row statement pays the square of its parameters, a prepared single-row one does not.
/// </summary>
internal static class SqliteRows
{
    /// <summary>
    /// Inserts <paramref name="rows"/> with the model's type mappings (converters included). When
    /// <paramref name="generatedKey"/> is set, the database makes each row's key and it is set on the row.
    /// Database errors are raised as <see cref="DbUpdateException"/>; in its own transaction nothing is kept then.
    /// </summary>
    public static Task InsertAsync<T>(
        ReconcileDbContext db, IReadOnlyList<T> rows, StoreObjectIdentifier table, List<IProperty> columns, IProperty? generatedKey, CancellationToken cancellationToken)
        where T : class
    {
        var names = columns.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"@c{i}")).ToArray();
        var sql = new StringBuilder($"INSERT INTO \"{table.Name}\" (")
            .AppendJoin(", ", columns.Select(c => $"\"{c.GetColumnName(table)}\"")).Append(") VALUES (").AppendJoin(", ", names).Append(')');
        if (generatedKey is not null)
        {
            sql.Append(" RETURNING \"").Append(generatedKey.GetColumnName(table)).Append('"');
        }

        var mappings = columns.Select(c => c.GetRelationalTypeMapping()).ToArray();
        return ExecuteEachAsync(db, sql.ToString(), rows, (command, row) =>
        {
            for (var c = 0; c < columns.Count; c++)
            {
                command.Parameters.Add(mappings[c].CreateParameter(command, names[c], columns[c].PropertyInfo!.GetValue(row), columns[c].IsNullable));
            }
        }, null, cancellationToken, generatedKey is null ? null : (row, key) => generatedKey.PropertyInfo!.SetValue(row, Convert.ToInt64(key, CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Runs <paramref name="sql"/> once per row, prepared once: <paramref name="bind"/> adds the row's parameters,
    /// <paramref name="affected"/> (if any) is told how many rows each execution changed, <paramref name="scalar"/> (if any)
    /// gets the first value each returned instead.
    /// </summary>
    /// <exception cref="DbUpdateException">The database refused a row.</exception>
    public static async Task ExecuteEachAsync<TRow>(
        ReconcileDbContext db, string sql, IReadOnlyList<TRow> rows, Action<DbCommand, TRow> bind, Action<TRow, int>? affected,
        CancellationToken cancellationToken, Action<TRow, object?>? scalar = null)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            // Prepared once: an unprepared command compiles its SQL again on every execution.
            await command.PrepareAsync(cancellationToken);
            foreach (var row in rows)
            {
                command.Parameters.Clear();
                bind(command, row);
                if (scalar is not null)
                {
                    scalar(row, await command.ExecuteScalarAsync(cancellationToken));
                }
                else
                {
                    var count = await command.ExecuteNonQueryAsync(cancellationToken);
                    affected?.Invoke(row, count);
                }
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        catch (DbException exception)
        {
            throw new DbUpdateException($"{sql[..Math.Min(40, sql.Length)]}… failed: {exception.Message}", exception);
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }

            await db.Database.CloseConnectionAsync();
        }
    }
}
