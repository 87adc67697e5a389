using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Reconcile.Data;

/// <summary>
/// Reads one nullable 64-bit integer column of a query, with EF's SQL but without EF's materialiser: on SQLite straight
/// from SQLite's memory (<see cref="SqliteStatement"/>), elsewhere through a plain data reader. For reads of a million
/// narrow rows (a week's order lags), where EF's per-row work costs more than the database's.
/// </summary>
internal static class ScalarRows
{
    /// <summary>The column's non-null values in the query's order, and how many rows held NULL.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<(List<long> Values, int Nulls)> ReadAsync(ReconcileDbContext db, IQueryable<long?> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var values = new List<long>();
        var nulls = 0;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = query.CreateDbCommand();
            if (command.Connection is SqliteConnection sqlite)
            {
                using var statement = SqliteStatement.Prepare(sqlite, command);
                for (var rows = 1; statement.Step(); rows++)
                {
                    if ((rows & 4095) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    // The type first: SQLite leaves a column's type undefined once a read has converted its value.
                    if (statement.IsNull(0))
                    {
                        nulls++;
                    }
                    else
                    {
                        values.Add(statement.Int64(0));
                    }
                }

                return (values, nulls);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(0))
                {
                    nulls++;
                }
                else
                {
                    values.Add(reader.GetInt64(0));
                }
            }

            return (values, nulls);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
