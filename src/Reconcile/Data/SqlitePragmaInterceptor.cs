using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Reconcile.Data;

/// <summary>
/// Every SQLite connection waits for a busy writer instead of failing at once, and commits without a sync per
/// transaction (WAL's <c>synchronous = NORMAL</c>). Set once per physical connection: the pool hands the same one out
/// again, and EF opens it for every query, so setting them on every open cost each webhook several statements.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    /// <summary>How long a connection waits for the writer before SQLite answers "database is locked".</summary>
    public const int BusyTimeoutMilliseconds = 10_000;

    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";

    // Keyed by the native handle, which lives as long as the physical connection and no longer.
    private readonly ConditionalWeakTable<object, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (FirstOpen(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (FirstOpen(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _configured.TryAdd(handle, handle);
}
