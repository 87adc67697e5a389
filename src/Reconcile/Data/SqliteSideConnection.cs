using Microsoft.Data.Sqlite;

namespace Reconcile.Data;

/// <summary>
/// A second connection to the SQLite file a writer's connection is open on, for work beside that writer: reading the
/// last commit while it writes, checkpointing its WAL. Only a file in WAL mode lets a second connection do either
/// without waiting for the writer; an in-memory or shared-cache database (one cache, table locks) or another journal
/// mode gets none, and the caller does the work on the writer itself.
/// </summary>
internal static class SqliteSideConnection
{
    /// <summary>
    /// Opens the side connection (read-only when <paramref name="readOnly"/>), with the busy timeout of the process's
    /// other connections; null where a side connection would not work beside the writer (see the type).
    /// </summary>
    /// <exception cref="SqliteException">The file could not be opened.</exception>
    public static async Task<SqliteConnection?> OpenAsync(SqliteConnection writer, bool readOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var settings = new SqliteConnectionStringBuilder(writer.ConnectionString);
        var source = settings.DataSource;
        if (settings.Cache == SqliteCacheMode.Shared || settings.Mode == SqliteOpenMode.Memory || source.Length == 0
            || source.Contains(":memory:", StringComparison.Ordinal) || source.Contains("mode=memory", StringComparison.OrdinalIgnoreCase)
            || source.Contains("cache=shared", StringComparison.OrdinalIgnoreCase) || source.Contains("vfs=memdb", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        await using (var mode = writer.CreateCommand())
        {
            mode.CommandText = "PRAGMA journal_mode";
            if (await mode.ExecuteScalarAsync(cancellationToken) is not string journal || !journal.Equals("wal", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        if (readOnly)
        {
            settings.Mode = SqliteOpenMode.ReadOnly;
        }

        // Closed when disposed, not pooled: a read-only connection left in the pool could be the file's last one at exit,
        // and only a writable last connection checkpoints the WAL and deletes it.
        settings.Pooling = false;

        var side = new SqliteConnection(settings.ToString());
        try
        {
            await side.OpenAsync(cancellationToken);
            await using var pragmas = side.CreateCommand();
            pragmas.CommandText = $"PRAGMA busy_timeout = {SqlitePragmaInterceptor.BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return side;
        }
        catch
        {
            await side.DisposeAsync();
            throw;
        }
    }
}
