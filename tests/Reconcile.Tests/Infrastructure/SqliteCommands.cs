using Microsoft.Data.Sqlite;

namespace Reconcile.Tests.Infrastructure;

/// <summary>One statement run on a raw SQLite connection, for tests that work beneath EF.</summary>
internal static class SqliteCommands
{
    /// <summary>Runs <paramref name="sql"/> (one or more statements) to its end.</summary>
    public static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of the first row <paramref name="sql"/> returns (null for none).</summary>
    public static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
