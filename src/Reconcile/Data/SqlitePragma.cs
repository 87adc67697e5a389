using Microsoft.Data.Sqlite;

namespace Reconcile.Data;

/// <summary>Reads or sets one SQLite setting on an open connection (<c>PRAGMA …</c>).</summary>
internal static class SqlitePragma
{
    /// <summary>Runs <paramref name="sql"/> and returns its first value when that is an integer, else null.</summary>
    /// <exception cref="SqliteException">SQLite refused the statement.</exception>
    public static async Task<long?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken) is long value ? value : null;
    }
}
