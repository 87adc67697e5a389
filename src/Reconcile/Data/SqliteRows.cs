using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Reconcile.Data;

/// <summary>
/// SQLite's side of <see cref="BulkInsert"/> and <see cref="BulkUpdate"/>: one single-row statement, prepared once and
/// stepped once per row inside one transaction (the caller's, or its own). SQLite runs in this process, so a statement
/// per row costs no round trip; what costs is compiling SQL and binding parameters. The statement is stepped through
/// <see cref="SqliteStatement"/> with its parameters bound by position; a column of a type it does not bind keeps
/// Microsoft.Data.Sqlite's command and named parameters.
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
        // A generated key is read as the row's rowid, not with RETURNING: SQLite carries out a RETURNING clause through
        // a table of its own made for every execution, which tripled a run's insert of 45,000 new exceptions.
        var sql = new StringBuilder($"INSERT INTO \"{table.Name}\" (")
            .AppendJoin(", ", columns.Select(c => $"\"{c.GetColumnName(table)}\"")).Append(") VALUES (").AppendJoin(", ", names).Append(')');

        var mappings = columns.Select(c => c.GetRelationalTypeMapping()).ToArray();
        var getters = columns.Select(c => c.GetGetter()).ToArray();
        return ExecuteEachAsync(db, sql.ToString(), rows, names, mappings, (row, values) =>
        {
            for (var c = 0; c < getters.Length; c++)
            {
                values[c] = getters[c].GetClrValue(row);
            }
        }, null, cancellationToken, generatedKey is null ? null : (row, key) => generatedKey.PropertyInfo!.SetValue(row, key));
    }

    /// <summary>
    /// Runs <paramref name="sql"/> once per row, prepared once: <paramref name="values"/> fills the row's model values, in
    /// the order of <paramref name="names"/> (the statement's parameters) and <paramref name="mappings"/> (their columns'
    /// type mappings); <paramref name="affected"/> (if any) is told how many rows each execution changed, <paramref name="inserted"/>
    /// (if any) gets the rowid of the row each inserted instead (SQLite's <c>sqlite3_last_insert_rowid</c>: the key of a table
    /// whose key is its <c>INTEGER PRIMARY KEY</c>).
    /// </summary>
    /// <exception cref="DbUpdateException">The database refused a row.</exception>
    public static async Task ExecuteEachAsync<TRow>(
        ReconcileDbContext db, string sql, IReadOnlyList<TRow> rows, string[] names, RelationalTypeMapping[] mappings, Action<TRow, object?[]> values,
        Action<TRow, int>? affected, CancellationToken cancellationToken, Action<TRow, long>? inserted = null)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var buffer = new object?[names.Length];
            if (SqliteStatement.Binds(mappings))
            {
                using var statement = SqliteStatement.Prepare(connection, sql);
                var positions = names.Select(statement.IndexOf).ToArray();
                foreach (var row in rows)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    values(row, buffer);
                    for (var i = 0; i < positions.Length; i++)
                    {
                        statement.Bind(positions[i], mappings[i], buffer[i]);
                    }

                    Report(row, statement.Execute(), statement.LastInsertRowId, affected, inserted);
                }
            }
            else
            {
                await ExecuteCommandsAsync(db, connection, sql, rows, names, mappings, values, buffer, affected, inserted, cancellationToken);
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

    // Microsoft.Data.Sqlite's own binding, for statements with a column SqliteStatement does not bind.
    private static async Task ExecuteCommandsAsync<TRow>(
        ReconcileDbContext db, SqliteConnection connection, string sql, IReadOnlyList<TRow> rows, string[] names, RelationalTypeMapping[] mappings,
        Action<TRow, object?[]> values, object?[] buffer, Action<TRow, int>? affected, Action<TRow, long>? inserted, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        // Prepared once: an unprepared command compiles its SQL again on every execution.
        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            values(row, buffer);
            for (var i = 0; i < names.Length; i++)
            {
                command.Parameters.Add(mappings[i].CreateParameter(command, names[i], buffer[i]));
            }

            var changes = await command.ExecuteNonQueryAsync(cancellationToken);
            Report(row, changes, raw.sqlite3_last_insert_rowid(connection.Handle), affected, inserted);
        }
    }

    private static void Report<TRow>(TRow row, int changes, long rowId, Action<TRow, int>? affected, Action<TRow, long>? inserted)
    {
        if (inserted is not null)
        {
            inserted(row, changes == 1 ? rowId : throw new InvalidOperationException($"The statement inserted {changes} rows, not one: no key to read."));
        }
        else
        {
            affected?.Invoke(row, changes);
        }
    }
}
